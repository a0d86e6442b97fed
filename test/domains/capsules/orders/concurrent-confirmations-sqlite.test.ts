/**
 * 1,000 concurrent confirmations of one proposal from two service processes on one SQLite
 * file make exactly one order. Needs `npm run build`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { DocumentStore } from '../../../../src/store/document-store.js';
import { openStore } from '../../../../src/store/open-store.js';
import { type ServiceProcess, stopService } from '../../../support/service-process.js';
import { confirmConcurrently, expectExactlyOne, startService } from './concurrent-confirmations.js';

let dir: string;
let services: ServiceProcess[] = [];
let store: DocumentStore;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'hearth-orders-sqlite-'));
  // The second starts once the first seeded the demo: both then serve the same file.
  services = [await startService({ HEARTH_DATA_DIR: dir })];
  services.push(await startService({ HEARTH_DATA_DIR: dir }));
  store = await openStore({ kind: 'sqlite', file: path.join(dir, 'hearth.db') });
}, 150_000);

afterAll(async () => {
  for (const service of services) await stopService(service);
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
}, 30_000);

describe('1,000 concurrent confirmations, two processes, one SQLite file', () => {
  it('create exactly one order', async () => {
    const run = await confirmConcurrently(store, [services[0]!, services[1]!], dir);
    console.info(`sqlite: ${JSON.stringify(run)}`);
    expectExactlyOne(run);
  }, 120_000);
});
