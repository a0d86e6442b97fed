import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import {
  AlreadyExistsError,
  type DocumentStore,
  InvalidPathError,
  StoreError,
  TransactionConflictError,
} from '../../src/store/document-store.js';
import { openStore } from '../../src/store/open-store.js';
import { bearer, createHarness, type Harness } from '../support/app-harness.js';
import { expectProblem } from '../support/http-expect.js';
import { capturingLogger, storeWith } from '../support/store-faults.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

/** The harness's store, except that transactions fail with `error`. */
const failingTransactions = (store: DocumentStore, error: unknown) =>
  storeWith(store, (method) => (method === 'runTransaction' ? () => Promise.reject(error) : undefined));

/** Rotates a device token (one transaction) on an app whose store throws `error` there. */
async function rotateWhenStoreThrows(error: unknown) {
  const { logger, lines } = capturingLogger();
  const app = createApp({ ...h.deps, logger, store: failingTransactions(h.store, error) });
  const device = h.demo.households[0]!.devices[0]!;
  const response = await app.request(`/v1/devices/${device.id}/token`, {
    method: 'POST',
    headers: { ...bearer(device.token), 'x-request-id': 'req-store-1' },
  });
  return { response, lines };
}

const grpc = (code: number, message: string) => Object.assign(new Error(message), { code });
const sqlite = (code: string, message: string) =>
  Object.assign(new Error(message), { name: 'SqliteError', code });

describe('store failures as problems', () => {
  it.each<[string, unknown]>([
    ['a create of a document that exists', new AlreadyExistsError('households/x')],
  ])('answers 409 conflict for %s', async (_name, error) => {
    const { response } = await rotateWhenStoreThrows(error);
    await expectProblem(response, 409, 'conflict');
  });

  it.each<[string, unknown]>([
    // Contention that outlasted the store's retries: a retry of the (idempotent) request is right.
    ['a transaction that kept conflicting', new TransactionConflictError('gave up after 5 attempts')],
    ['gRPC UNAVAILABLE', grpc(14, '14 UNAVAILABLE: No connection established')],
    ['gRPC RESOURCE_EXHAUSTED', grpc(8, '8 RESOURCE_EXHAUSTED: Quota exceeded')],
    ['a terminated Firestore client', new Error('The client has already been terminated')],
    ['gRPC DEADLINE_EXCEEDED', grpc(4, '4 DEADLINE_EXCEEDED: Deadline exceeded')],
    ['a closed SQLite connection', new TypeError('The database connection is not open')],
    ['a locked SQLite file', sqlite('SQLITE_BUSY', 'database is locked')],
  ])('answers 503 store_unavailable for %s', async (_name, error) => {
    const { response } = await rotateWhenStoreThrows(error);
    await expectProblem(response, 503, 'store_unavailable');
  });

  it('answers 404 not_found for a path the store refuses (an id naming nothing that can exist)', async () => {
    const error = new InvalidPathError('not a document path: households/__x__');
    const { response, lines } = await rotateWhenStoreThrows(error);
    const body = await expectProblem(response, 404, 'not_found');
    expect(body.requestId).toBe('req-store-1');
    // The path holds household and device ids: neither shown nor logged.
    expect(JSON.stringify(body)).not.toContain('__x__');
    expect(JSON.stringify(lines)).not.toContain('__x__');
  });

  it.each<[string, unknown]>([
    ['a batch over the write cap', new StoreError('a batch holds at most 500 writes, got 1000')],
    ['an unknown store error', new StoreError('something else')],
    ['a gRPC INVALID_ARGUMENT', grpc(3, '3 INVALID_ARGUMENT: bad value')],
    ['a SQLite constraint', sqlite('SQLITE_CONSTRAINT', 'UNIQUE constraint failed')],
    ['any other error', new Error('kaboom')],
  ])('answers 500 internal for %s, logged with the request id and never shown', async (_name, error) => {
    const { response, lines } = await rotateWhenStoreThrows(error);
    const body = await expectProblem(response, 500, 'internal');
    expect(JSON.stringify(body)).not.toContain((error as Error).message);
    expect(body.requestId).toBe('req-store-1');
    expect(lines.some((l) => l.requestId === 'req-store-1' && l.level === 50)).toBe(true);
  });

  it('answers 503 when the SQLite store has been closed under the app', async () => {
    const dir = h.dir;
    const closed = await openStore({ kind: 'sqlite', file: `${dir}/closed.db` });
    await closed.close();
    const app = createApp({ ...h.deps, store: closed });
    const device = h.demo.households[0]!.devices[0]!;
    // The token check cannot read the store either: the answer is the same.
    const response = await app.request(`/v1/devices/${device.id}/token`, {
      method: 'POST',
      headers: bearer(device.token),
    });
    await expectProblem(response, 503, 'store_unavailable');
  });
});
