/**
 * 1,000 concurrent confirmations of one proposal from two service processes on one
 * Firestore (the emulator the test setup starts) make exactly one order. Needs `npm run build`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { DocumentStore } from '../../../../src/store/document-store.js';
import { openFirestoreStore } from '../../../../src/store/firestore/firestore-store.js';
import { clearFirestore, firestoreEmulator } from '../../../support/firestore.js';
import { type ServiceProcess, stopService } from '../../../support/service-process.js';
import { confirmConcurrently, expectExactlyOne, startService } from './concurrent-confirmations.js';

const SECRET = 'orders-concurrent-secret-orders-0123456';
const dirs: string[] = [];
const services: ServiceProcess[] = [];
let store: DocumentStore;

beforeAll(async () => {
  const emulator = firestoreEmulator();
  await clearFirestore(emulator);
  store = openFirestoreStore({ projectId: emulator.projectId, emulatorHost: emulator.host });
  // Each its own data dir, one secret (each verifies the other's tokens), one emulator project.
  for (const name of ['a', 'b']) {
    const dir = mkdtempSync(path.join(tmpdir(), `hearth-orders-firestore-${name}-`));
    dirs.push(dir);
    services.push(
      await startService({
        HEARTH_DATA_DIR: dir,
        HEARTH_STORE: 'firestore',
        HEARTH_SECRET: SECRET,
        FIRESTORE_PROJECT_ID: emulator.projectId,
        FIRESTORE_EMULATOR_HOST: emulator.host,
      }),
    );
  }
}, 150_000);

afterAll(async () => {
  for (const service of services) await stopService(service);
  await store?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}, 30_000);

describe('1,000 concurrent confirmations, two processes, one Firestore', () => {
  it('create exactly one order', async () => {
    const run = await confirmConcurrently(store, [services[0]!, services[1]!], dirs[0]!);
    console.info(`firestore: ${JSON.stringify(run)}`);
    if (run.orders !== 1 || Object.keys(run.replies).some((k) => k.startsWith('HTTP')))
      console.info(services.map((s) => s.output().slice(-3000)).join('\n---\n'));
    expectExactlyOne(run);
  }, 120_000);
});
