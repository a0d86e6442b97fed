import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { shippedIngredientLabels } from '../src/domains/recipes/normalise-ingredient.js';
import { applyDeviceEvents } from '../src/household/device-events/apply-events.js';
import type { DeviceEvent } from '../src/household/device-events/event-schema.js';
import type { ConsentGate } from '../src/runtime/consent-gate.js';
import type { DocumentStore, DocumentWriter, Transaction, WriteBatch } from '../src/store/document-store.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { type BenchModule, type BenchResult, benchResult, reported } from './results.js';

const HOUSEHOLDS = 50;
const MEASURE_MS = 2000;
const WARMUP_MS = 300;
/** A batch as a busy appliance sends it: half state readings, half capsule events. */
const BATCH = 100;
/** Ingest is measured, not the quota: a bucket no device of the run can empty (the check still runs). */
const NO_LIMIT = { burst: 1e12, perDay: 1e12 };

const grantAll: ConsentGate = { read: async (purposes) => ({ granted: [...purposes], documents: {} }) };
const WRITES = new Set(['create', 'set', 'merge', 'addToArray', 'delete']);

/** `writer` with each write method counting into `count` (proxied: writes return the writer for chaining). */
function counted<W extends DocumentWriter>(writer: W, count: () => void): W {
  return new Proxy(writer, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof key !== 'string' || !WRITES.has(key) || typeof value !== 'function') {
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return (...args: unknown[]) => {
        count();
        (value as (...a: unknown[]) => unknown).apply(target, args);
        return receiver;
      };
    },
  });
}

/** The store with every document write (in batches, transactions or alone) counted. */
function countingStore(store: DocumentStore): { store: DocumentStore; writes: () => number } {
  let writes = 0;
  const count = () => {
    writes++;
  };
  const wrapped: DocumentStore = {
    kind: store.kind,
    get: store.get.bind(store),
    getAll: store.getAll.bind(store),
    query: store.query.bind(store),
    queryGroup: store.queryGroup.bind(store),
    create: (p, d) => {
      count();
      return store.create(p, d);
    },
    set: (p, d) => {
      count();
      return store.set(p, d);
    },
    merge: (p, d) => {
      count();
      return store.merge(p, d);
    },
    delete: (p) => {
      count();
      return store.delete(p);
    },
    batch: (): WriteBatch => counted(store.batch(), count),
    runTransaction: <T>(fn: (tx: Transaction) => Promise<T>) =>
      store.runTransaction((tx) => fn(counted(tx, count))),
    recursiveDelete: store.recursiveDelete.bind(store),
    ping: store.ping.bind(store),
    close: store.close.bind(store),
  };
  return { store: wrapped, writes: () => writes };
}

async function seed(store: DocumentStore): Promise<{ hid: string; deviceId: string }[]> {
  const devices = Array.from({ length: HOUSEHOLDS }, (_, i) => ({ hid: `h${i}`, deviceId: `coffee${i}` }));
  const batch = store.batch();
  for (const { hid, deviceId } of devices) {
    batch.set(`households/${hid}`, {
      locale: 'fr-FR',
      timeZone: 'Europe/Paris',
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    // Capsules to brew: a brew of capsules that are not there is refused, and would not be counted.
    batch.set(`households/${hid}/context/consumption`, {
      capsules: { espresso: { stock: 100_000, perDay: 0, updatedAt: '2026-01-01T00:00:00.000Z' } },
    });
    batch.set(`households/${hid}/devices/${deviceId}`, {
      kind: 'coffee-machine',
      skillId: 'coffee-companion',
      brandId: 'brand-coffee',
      locale: 'fr-FR',
      name: 'Coffee',
      state: {},
      createdAt: '2026-01-01T00:00:00.000Z',
    });
  }
  await batch.commit();
  return devices;
}

/** Batch `n`: 50 state readings and 50 capsules brewed, each with an eventId of its own. */
function batchOf(n: number, now: Date): DeviceEvent[] {
  const at = new Date(now.getTime() - 60_000).toISOString();
  return Array.from(
    { length: BATCH },
    (_, k): DeviceEvent =>
      k % 2 === 0
        ? { eventId: `b${n}-${k}`, type: 'device.state', at, online: true, brewing: k % 4 === 0 }
        : { eventId: `b${n}-${k}`, type: 'capsule.brewed', at, variety: 'espresso', count: 1 },
  );
}

/**
 * Device events through the apply-events service (gate, idempotency, quota, context and
 * state updates) on a real SQLite file, one process, batches of 100 (half device.state),
 * one after the other across 50 devices: events accepted per second, and store writes per
 * accepted event (counted at the store port).
 */
export const eventsIngestBench: BenchModule = {
  name: 'events-ingest',
  async run(): Promise<BenchResult[]> {
    const dir = await mkdtemp(path.join(tmpdir(), 'hearth-bench-events-'));
    const sqlite = await openSqliteStore({ file: path.join(dir, 'bench.db') });
    try {
      const devices = await seed(sqlite);
      const { store, writes } = countingStore(sqlite);
      const now = new Date();
      // Built before the clock starts, as the service builds it at start.
      const ingredientLabels = shippedIngredientLabels();
      let n = 0;
      const ingest = async () => {
        const { hid, deviceId } = devices[n % devices.length]!;
        const results = await applyDeviceEvents({
          store,
          householdId: hid,
          deviceId,
          gate: grantAll,
          events: batchOf(n++, now),
          now,
          quota: NO_LIMIT,
          ingredientLabels,
        });
        return results.filter((r) => r.status === 'accepted').length;
      };

      const warmupEnd = performance.now() + WARMUP_MS;
      while (performance.now() < warmupEnd) await ingest();
      const writesBefore = writes();
      let accepted = 0;
      const start = performance.now();
      let elapsed = 0;
      while (elapsed < MEASURE_MS) {
        accepted += await ingest();
        elapsed = performance.now() - start;
      }
      const perSecond = Math.round((accepted * 1000) / elapsed);
      const perEvent = (writes() - writesBefore) / accepted;
      console.log(
        `  ${accepted} events accepted in ${Math.round(elapsed)} ms, batches of ${BATCH}, half device.state`,
      );
      return reported([
        benchResult('events.ingest_per_s', perSecond, 'events/s'),
        benchResult('events.writes_per_event', Math.round(perEvent * 1000) / 1000, 'writes/event'),
      ]);
    } finally {
      await sqlite.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
