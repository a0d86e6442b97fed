import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DocData, DocumentStore } from '../src/store/document-store.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { type BenchModule, type BenchResult, benchResult, reported } from './results.js';

const HOUSEHOLDS = 1000;
const MEASURE_MS = 1500;
const WARMUP_MS = 300;

/** About the size of a household document: locale, consents, counters, orders. */
function householdDoc(i: number): DocData {
  return {
    locale: ['en-US', 'fr-FR', 'de-DE', 'es-ES', 'it-IT'][i % 5] ?? 'en-US',
    timeZone: 'Europe/Paris',
    generations: { household: 1, devices: 1, links: 1 },
    consents: {
      inventory: { granted: true, noticeVersion: 3, at: '2026-01-01T00:00:00.000Z' },
      consumption: { granted: true, noticeVersion: 3, at: '2026-01-01T00:00:00.000Z' },
      health: { granted: false, noticeVersion: 2, at: '2026-01-01T00:00:00.000Z' },
      offers: { 'brand-coffee': true, 'brand-fridge': false },
      measurement: { 'brand-coffee': true },
    },
    objectsToMarketing: false,
    controlBucket: i % 100,
    offersToday: { date: '2026-01-01', speaker: 1, screen: 0 },
    openOrders: { ristretto: null, lungo: `order-${i}` },
    lastOfferId: `offer-${i}`,
    notes: 'x'.repeat(400),
  };
}

/** Calls `op` back to back for a while and answers its rate per second. */
async function ratePerSecond(op: (i: number) => Promise<unknown>): Promise<number> {
  let i = 0;
  const warmupEnd = performance.now() + WARMUP_MS;
  while (performance.now() < warmupEnd) await op(i++);
  let count = 0;
  const start = performance.now();
  let now = start;
  while (now - start < MEASURE_MS) {
    // Check the clock every 64 operations: reading it costs about as much as a get.
    for (let k = 0; k < 64; k++) await op(i++);
    count += 64;
    now = performance.now();
  }
  return Math.round((count * 1000) / (now - start));
}

async function seed(store: DocumentStore): Promise<string[]> {
  const paths = Array.from({ length: HOUSEHOLDS }, (_, i) => `households/h${i}`);
  for (let from = 0; from < paths.length; from += 500) {
    const batch = store.batch();
    for (const [k, p] of paths.slice(from, from + 500).entries()) batch.set(p, householdDoc(from + k));
    await batch.commit();
  }
  return paths;
}

/** The store port on SQLite, one process, one caller awaiting each operation. */
export const storeSqliteBench: BenchModule = {
  name: 'store-sqlite',
  async run(): Promise<BenchResult[]> {
    const dir = await mkdtemp(path.join(tmpdir(), 'hearth-bench-'));
    const store = await openSqliteStore({ file: path.join(dir, 'bench.db') });
    try {
      const paths = await seed(store);
      // A pseudo-random walk over the documents, the same every run.
      const pick = (i: number) => paths[(i * 7919) % paths.length] as string;

      const get = await ratePerSecond((i) => store.get(pick(i)));

      // Ten documents per call, one of them missing: the shape of a turn's context read.
      const getAll = await ratePerSecond((i) =>
        store.getAll([...Array.from({ length: 9 }, (_, k) => pick(i * 10 + k)), `households/missing-${i}`]),
      );

      // Read one document and write it back changed: a counter bump, committed to disk (WAL).
      const txn = await ratePerSecond((i) =>
        store.runTransaction(async (tx) => {
          const target = pick(i);
          const snap = await tx.get(target);
          tx.set(target, { ...snap.data, controlBucket: i });
        }),
      );

      return reported([
        benchResult('store.sqlite.get_per_s', get, 'ops/s', { op: '>=', value: 50_000 }),
        benchResult('store.sqlite.getall10_per_s', getAll, 'ops/s', { op: '>=', value: 10_000 }),
        benchResult('store.sqlite.txn_per_s', txn, 'ops/s', { op: '>=', value: 5_000 }),
      ]);
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
