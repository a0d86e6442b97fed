import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentStore } from '../../src/store/document-store.js';
import { openFirestoreStore } from '../../src/store/firestore/firestore-store.js';
import { classifyStoreFailure, StoreUnavailableError } from '../../src/store/store-failure.js';

/**
 * Real Firestore (no emulator) on a machine without Application Default Credentials: HOME
 * without gcloud's file, no GOOGLE_APPLICATION_CREDENTIALS, no metadata server (the global
 * setup sets METADATA_SERVER_DETECTION=none). Each operation used to leave the auth library's
 * rejection unhandled (vitest fails a run on one); now each fails at once, as unavailable.
 */
describe('Firestore store without credentials', () => {
  const saved = { ...process.env };
  let home: string;
  let store: DocumentStore;

  beforeEach(() => {
    home = mkdtempSync(path.join(tmpdir(), 'hearth-no-adc-'));
    process.env.HOME = home;
    delete process.env.GOOGLE_APPLICATION_CREDENTIALS;
    delete process.env.CLOUDSDK_CONFIG;
    delete process.env.FIRESTORE_EMULATOR_HOST;
    store = openFirestoreStore({ projectId: 'hearth-no-credentials', pingTimeoutMs: 500 });
    // The store decided at its opening that it talks to real Firestore; other tests of this
    // file's worker keep their emulator.
    process.env.FIRESTORE_EMULATOR_HOST = saved.FIRESTORE_EMULATOR_HOST;
  });
  afterEach(async () => {
    await store.close();
    process.env.HOME = saved.HOME;
    rmSync(home, { recursive: true, force: true });
  });

  it('fails every operation at once with StoreUnavailableError store_credentials_missing, and nothing unhandled', async () => {
    const started = performance.now();
    const outcomes = await Promise.allSettled([
      store.ping(),
      store.get('households/h1'),
      store.getAll(['households/h1', 'households/h2']),
      store.set('households/h1', { n: 1 }),
      store.batch().set('households/h1', { n: 1 }).commit(),
      store.runTransaction(async (tx) => tx.get('households/h1')),
      store.query({ collection: 'households' }),
      store.recursiveDelete('households/h1'),
    ]);
    expect(performance.now() - started).toBeLessThan(1500);
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      const error = (outcome as PromiseRejectedResult).reason as StoreUnavailableError;
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(error.code).toBe('store_credentials_missing');
      expect(error.message).toMatch(/GOOGLE_APPLICATION_CREDENTIALS/);
      expect(classifyStoreFailure(error)).toBe('unavailable');
    }
    // A rejection left unhandled would surface within a few ticks; vitest fails the run on it.
    await new Promise((resolve) => setTimeout(resolve, 300));
  });

  it('looks for credentials again after a pause, not on every operation', async () => {
    await expect(store.get('households/h1')).rejects.toBeInstanceOf(StoreUnavailableError);
    const again = performance.now();
    await expect(store.get('households/h1')).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(performance.now() - again).toBeLessThan(50);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await expect(store.ping()).rejects.toMatchObject({ code: 'store_credentials_missing' });
  });
});
