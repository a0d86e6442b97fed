import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentStore } from '../../src/store/document-store.js';
import { openSqliteStore, SQLITE_LOCK_WAIT_MS } from '../../src/store/sqlite/sqlite-store.js';
import { classifyStoreFailure, StoreUnavailableError } from '../../src/store/store-failure.js';
import { type HeldSqliteLock, holdSqliteWriteLock } from '../support/store-faults.js';

/**
 * The longest the event loop may stall while a write waits for another process's lock.
 * better-sqlite3 is synchronous: a busy_timeout wait used to stall it for up to 5 s.
 * Generous for a shared 2-core machine; what matters is the distance from 5,000.
 */
const LOOP_STALL_BOUND_MS = 150;

/** Runs `work` while a 5 ms timer ticks, and reports the longest gap between ticks. */
async function longestStall<T>(
  work: () => Promise<T>,
): Promise<{ result: PromiseSettledResult<T>; stallMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 5);
  const [result] = await Promise.allSettled([work()]);
  // Let the timer see the end too (a stall at the very end would otherwise go unmeasured).
  await new Promise((resolve) => setTimeout(resolve, 10));
  clearInterval(timer);
  return { result: result as PromiseSettledResult<T>, stallMs };
}

describe('SQLite with the write lock held by another process', () => {
  let dir: string;
  let file: string;
  let store: DocumentStore;
  let lock: HeldSqliteLock | undefined;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'hearth-sqlite-lock-'));
    file = path.join(dir, 'hearth.db');
    store = await openSqliteStore({ file });
    await store.set('households/h1', { n: 1 });
  });
  afterEach(async () => {
    await lock?.release();
    lock = undefined;
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('a write waits without stalling the event loop, then fails as unavailable (store_locked) within its bound', async () => {
    lock = await holdSqliteWriteLock(file);
    const started = performance.now();
    const { result, stallMs } = await longestStall(() => store.set('households/h1', { n: 2 }));
    const elapsed = performance.now() - started;

    expect(stallMs).toBeLessThan(LOOP_STALL_BOUND_MS);
    expect(result.status).toBe('rejected');
    const error = (result as PromiseRejectedResult).reason;
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as StoreUnavailableError).code).toBe('store_locked');
    expect(classifyStoreFailure(error)).toBe('unavailable');
    expect(elapsed).toBeGreaterThanOrEqual(SQLITE_LOCK_WAIT_MS - 50);
    expect(elapsed).toBeLessThan(SQLITE_LOCK_WAIT_MS + 1000);
  });

  it('batches, transactions and recursive deletes wait the same way; reads and ping are served meanwhile', async () => {
    lock = await holdSqliteWriteLock(file);
    const { result, stallMs } = await longestStall(() =>
      Promise.allSettled([
        store.batch().set('households/h2', { n: 1 }).commit(),
        store.runTransaction(async (tx) => {
          const snap = await tx.get('households/h1');
          tx.set('households/h1', { n: (snap.data?.n as number) + 1 });
        }),
        store.recursiveDelete('households/h1'),
        store.get('households/h1'),
        store.ping(),
      ]),
    );
    expect(stallMs).toBeLessThan(LOOP_STALL_BOUND_MS);
    const outcomes = (result as PromiseFulfilledResult<PromiseSettledResult<unknown>[]>).value;
    for (const write of outcomes.slice(0, 3)) {
      expect(write.status).toBe('rejected');
      expect((write as PromiseRejectedResult).reason).toBeInstanceOf(StoreUnavailableError);
    }
    expect(outcomes[3]).toMatchObject({ status: 'fulfilled', value: { data: { n: 1 } } });
    expect(outcomes[4]!.status).toBe('fulfilled');
  });

  it('a write that is waiting goes through once the other process lets go; later writes too', async () => {
    lock = await holdSqliteWriteLock(file);
    const held = lock;
    const { result, stallMs } = await longestStall(async () => {
      const write = store.merge('households/h1', { m: 2 });
      await new Promise((resolve) => setTimeout(resolve, 200));
      await held.release();
      return write;
    });
    lock = undefined;
    expect(stallMs).toBeLessThan(LOOP_STALL_BOUND_MS);
    expect(result.status).toBe('fulfilled');
    await store.set('households/h3', { n: 3 });
    expect((await store.getAll(['households/h1', 'households/h3'])).map((s) => s.data)).toEqual([
      { n: 1, m: 2 },
      { n: 3 },
    ]);
  });

  it('opens the file (its schema current) while the lock is held, without waiting for it', async () => {
    lock = await holdSqliteWriteLock(file);
    const started = performance.now();
    const other = await openSqliteStore({ file });
    try {
      expect(performance.now() - started).toBeLessThan(500);
      expect((await other.get('households/h1')).data).toEqual({ n: 1 });
    } finally {
      await other.close();
    }
  });
});
