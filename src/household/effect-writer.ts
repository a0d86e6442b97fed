/**
 * Writes the effects of turns to the store. Writes a reply depends on are
 * committed at once: in one batch (one round trip) when none needs a read,
 * else in one transaction. Writes after the reply are queued
 * and flushed together (one batch for new records, one transaction per
 * household for context updates) every `flushIntervalMs` or when `maxQueued`
 * writes wait, so a busy instance does not pay a commit per turn; `stop()`
 * flushes what is left. A flush that fails is tried once more, then logged
 * with the request ids it carried: never dropped silently.
 */
import type { EffectWriter, HouseholdWrite, JsonObject } from '../runtime/effects.js';
import type { DocumentStore, DocumentWriter, Transaction } from '../store/document-store.js';
import { paths } from './paths.js';

type Logger = {
  error: (details: Record<string, unknown>, message: string) => void;
  warn: (details: Record<string, unknown>, message: string) => void;
};

/** Writes in one store batch at most (Firestore allows 500). */
const MAX_BATCH_WRITES = 450;

export type QueuedEffectWriter = EffectWriter & {
  /** Writes everything queued so far; resolves when it is stored (or logged as failed). */
  flush(): Promise<void>;
  /** Stops the timer and flushes what is left (graceful stop). */
  stop(): Promise<void>;
  /** Writes waiting for the next flush. */
  readonly pending: number;
};

type Queued = { householdId: string; write: HouseholdWrite; requestId?: string };

/** Applies one household's writes inside a transaction: every read first, then every write. */
async function applyInTransaction(tx: Transaction, householdId: string, writes: readonly HouseholdWrite[]) {
  const contextPaths = [
    ...new Set(writes.flatMap((w) => (w.kind === 'context' ? [paths.context(householdId, w.purpose)] : []))),
  ];
  const snaps = contextPaths.length > 0 ? await tx.getAll(contextPaths) : [];
  const documents = new Map<string, unknown>(snaps.map((s) => [s.path, s.data]));
  const changed = new Set<string>();
  for (const write of writes) {
    if (write.kind === 'context') {
      const path = paths.context(householdId, write.purpose);
      const next = write.update(documents.get(path));
      if (next !== undefined) {
        documents.set(path, next);
        changed.add(path);
      }
    }
  }
  for (const path of changed) tx.set(path, documents.get(path) as JsonObject);
  // Writes that need no read come after the updates, so an addition is never overwritten by them.
  for (const write of writes) if (write.kind !== 'context') addBlindWrite(tx, householdId, write);
}

/** A write that needs no read (a new record, an addition to a list), on a batch or a transaction. */
function addBlindWrite(writer: DocumentWriter, householdId: string, write: HouseholdWrite): void {
  if (write.kind === 'record') writer.set(paths.record(householdId, write.collection, write.id), write.data);
  else if (write.kind === 'contextAdd')
    writer.addToArray(paths.context(householdId, write.purpose), write.field, write.values);
}

/** Commits writes that need no read in one batch (one round trip), else in one transaction. */
async function commitWrites(store: DocumentStore, householdId: string, writes: readonly HouseholdWrite[]) {
  if (writes.some((w) => w.kind === 'context')) {
    await store.runTransaction((tx) => applyInTransaction(tx, householdId, writes));
    return;
  }
  const batch = store.batch();
  for (const write of writes) addBlindWrite(batch, householdId, write);
  await batch.commit();
}

/** The store-backed writer of turn effects. */
export function createEffectWriter({
  store,
  logger,
  flushIntervalMs = 100,
  maxQueued = 400,
  retryDelayMs = 200,
}: {
  store: DocumentStore;
  logger: Logger;
  flushIntervalMs?: number;
  maxQueued?: number;
  retryDelayMs?: number;
}): QueuedEffectWriter {
  let queue: Queued[] = [];
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> = Promise.resolve();

  async function writeAll(items: readonly Queued[]): Promise<void> {
    const blind = items.filter((q) => q.write.kind !== 'context');
    for (let from = 0; from < blind.length; from += MAX_BATCH_WRITES) {
      const batch = store.batch();
      for (const q of blind.slice(from, from + MAX_BATCH_WRITES))
        addBlindWrite(batch, q.householdId, q.write);
      await batch.commit();
    }
    const updates = new Map<string, HouseholdWrite[]>();
    for (const q of items) {
      if (q.write.kind !== 'context') continue;
      const list = updates.get(q.householdId) ?? [];
      list.push(q.write);
      updates.set(q.householdId, list);
    }
    for (const [householdId, writes] of updates) {
      await store.runTransaction((tx) => applyInTransaction(tx, householdId, writes));
    }
  }

  async function flushNow(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const items = queue;
    queue = [];
    if (items.length === 0) return;
    try {
      await writeAll(items);
    } catch (first) {
      logger.warn(
        { err: { name: (first as Error)?.name }, writes: items.length },
        'deferred writes failed; retrying once',
      );
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
      try {
        await writeAll(items);
      } catch (error) {
        logger.error(
          {
            err: { name: (error as Error)?.name, message: (error as Error)?.message },
            writes: items.length,
            requestIds: [...new Set(items.flatMap((q) => (q.requestId ? [q.requestId] : [])))],
          },
          'deferred writes lost after a retry',
        );
      }
    }
  }

  function flush(): Promise<void> {
    flushing = flushing.then(flushNow);
    return flushing;
  }

  return {
    async commit(householdId, writes) {
      await commitWrites(store, householdId, writes);
    },
    defer(householdId, writes, requestId) {
      for (const write of writes) queue.push({ householdId, write, ...(requestId ? { requestId } : {}) });
      if (queue.length >= maxQueued) void flush();
      else if (!timer) {
        timer = setTimeout(() => void flush(), flushIntervalMs);
        timer.unref();
      }
    },
    flush,
    async stop() {
      await flush();
    },
    get pending() {
      return queue.length;
    },
  };
}
