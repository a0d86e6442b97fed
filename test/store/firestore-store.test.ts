import { Firestore, Timestamp } from '@google-cloud/firestore';
import { describe, expect, it } from 'vitest';
import { openFirestoreStore } from '../../src/store/firestore/firestore-store.js';
import { firestoreEmulator, openTestFirestoreStore } from '../support/firestore.js';
import { describeStoreContract } from './contract.js';

describeStoreContract('Firestore (emulator)', async () => {
  const { store, emulator } = await openTestFirestoreStore();
  return {
    store,
    workerStore: { kind: 'firestore', projectId: emulator.projectId, emulatorHost: emulator.host },
    close: () => store.close(),
  };
});

describe('Firestore document store', () => {
  it('ping fails within its deadline when Firestore does not answer', async () => {
    const { projectId } = firestoreEmulator();
    // The client prefers FIRESTORE_EMULATOR_HOST over its settings: point it at a closed port.
    const saved = process.env.FIRESTORE_EMULATOR_HOST;
    process.env.FIRESTORE_EMULATOR_HOST = '127.0.0.1:9';
    const store = openFirestoreStore({ projectId, pingTimeoutMs: 500 });
    process.env.FIRESTORE_EMULATOR_HOST = saved;
    try {
      const started = Date.now();
      await expect(store.ping()).rejects.toThrow(/did not answer within 500 ms|ECONNREFUSED|UNAVAILABLE/);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await store.close();
    }
  });
});

describe('Firestore expiry', () => {
  it('stores expireAt as a Timestamp, the type a TTL policy acts on', async () => {
    const { store, emulator } = await openTestFirestoreStore();
    const raw = new Firestore({ projectId: emulator.projectId, host: emulator.host, ssl: false });
    try {
      await store.set('households/h1/events/e1', { expireAt: '2026-12-20T09:00:00.123Z', at: 'x' });
      const stored = (await raw.doc('households/h1/events/e1').get()).get('expireAt') as unknown;
      expect(stored).toBeInstanceOf(Timestamp);
      expect((stored as Timestamp).toMillis()).toBe(Date.parse('2026-12-20T09:00:00.123Z'));
    } finally {
      await raw.terminate();
      await store.close();
    }
  });
});
