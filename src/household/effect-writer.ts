/**
 * Writes the effects of turns to the store. Writes a reply depends on are
 * committed at once: in one batch (one round trip) when none needs a read,
 * else in one transaction. Writes after the reply are queued
 * and flushed together (one batch for new records, one transaction per
 * household for context updates) every `flushIntervalMs` or when `maxQueued`
 * writes wait, so a busy instance does not pay a commit per turn; `stop()`
 * flushes what is left. A flush that fails is tried once more, then logged
 * with the request ids it carried: never dropped silently. Queued writes of a
 * household whose document is gone by the flush (erased) are dropped, never
 * written: they would bring documents of an erased household back.
 */
import type { EffectWriter, HouseholdWrite, JsonObject } from '../runtime/effects.js';
import type { DocData, DocumentStore, DocumentWriter, Transaction } from '../store/document-store.js';
import { contextAdditionProblem } from './context-documents.js';
import { addDayCount } from './day-counter.js';
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

/**
 * Applies one household's writes inside a transaction: every read first, then every write.
 * With `onlyIfHousehold`, the household document is read too and nothing is written when it
 * is gone (erased): a write queued before an erasure must not bring the household back.
 */
async function applyInTransaction(
  tx: Transaction,
  householdId: string,
  writes: readonly HouseholdWrite[],
  { onlyIfHousehold = false }: { onlyIfHousehold?: boolean } = {},
) {
  const contextPaths = [
    ...new Set(writes.flatMap((w) => (w.kind === 'context' ? [paths.context(householdId, w.purpose)] : []))),
  ];
  // A day's first count reads the household document, to see whether another turn started the day.
  const readHousehold = onlyIfHousehold || writes.some(startsDay);
  const toRead = readHousehold ? [paths.household(householdId), ...contextPaths] : contextPaths;
  const read = toRead.length > 0 ? await tx.getAll(toRead) : [];
  if (onlyIfHousehold && !read[0]?.exists) return;
  const household = readHousehold ? read[0]?.data : undefined;
  const snaps = readHousehold ? read.slice(1) : read;
  const documents = new Map<string, unknown>(snaps.map((s) => [s.path, s.data]));
  const changed = new Set<string>();
  for (const write of writes) {
    if (write.kind === 'context') {
      const path = paths.context(householdId, write.purpose);
      // A handler's update that throws fails its own household's unit, never another's.
      const next = write.update(documents.get(path));
      if (next !== undefined) {
        documents.set(path, next);
        changed.add(path);
      }
    }
  }
  for (const path of changed) tx.set(path, documents.get(path) as JsonObject);
  // Writes that need no read come after the updates, so an addition is never overwritten by them.
  for (const write of writes) if (write.kind !== 'context') addBlindWrite(tx, householdId, write, household);
}

/** Whether a write counts the first offer of a day, which needs the household read in a transaction. */
const startsDay = (w: HouseholdWrite) =>
  w.kind === 'offerDecision' && w.counter !== undefined && !w.counter.sameDay;

/** A write that needs no read (a new record, an addition to a list), on a batch or a transaction. */
function addBlindWrite(
  writer: DocumentWriter,
  householdId: string,
  write: HouseholdWrite,
  household?: DocData,
): void {
  if (write.kind === 'record') writer.set(paths.record(householdId, write.collection, write.id), write.data);
  else if (write.kind === 'offerDecision') {
    writer.set(paths.record(householdId, 'offerLog', write.id), write.record);
    if (write.household) writer.merge(paths.household(householdId), write.household);
    if (write.counter) addDayCount(writer, householdId, write.counter, household);
  } else if (write.kind === 'contextAdd') {
    const problem = contextAdditionProblem(write.purpose, write.field, write.values);
    if (problem) throw new Error(`refused addition: ${problem}`);
    writer.addToArray(paths.context(householdId, write.purpose), write.field, write.values);
  }
}

/** Commits writes that need no read in one batch (one round trip), else in one transaction. */
async function commitWrites(store: DocumentStore, householdId: string, writes: readonly HouseholdWrite[]) {
  if (writes.some((w) => w.kind === 'context' || startsDay(w))) {
    await store.runTransaction((tx) => applyInTransaction(tx, householdId, writes));
    return;
  }
  const batch = store.batch();
  for (const write of writes) addBlindWrite(batch, householdId, write);
  await batch.commit();
}

/**
 * The households of `items` whose document exists: one read for a whole batch. A write
 * queued for a household erased since must not recreate documents under it. (A batch that
 * read the household just before an erasure deleted it can still land; the erasure's
 * second pass, a few round trips later, removes what such a write left.)
 */
async function existingHouseholds(store: DocumentStore, items: readonly Queued[]): Promise<Set<string>> {
  const ids = [...new Set(items.map((q) => q.householdId))];
  const snaps = await store.getAll(ids.map((id) => paths.household(id)));
  return new Set(ids.filter((_, i) => snaps[i]?.exists));
}

/** A unit a flush writes on its own: one batch of writes that need no read, or one household's updates. */
type FlushUnit = { items: readonly Queued[]; write: () => Promise<void> };

/** Most writes waiting at once; past this, new ones are dropped (and logged) rather than held without bound. */
const MAX_PENDING = 10_000;

/** The request ids of some queued writes, for the log. */
const requestIdsOf = (items: readonly Queued[]) => [
  ...new Set(items.flatMap((q) => (q.requestId ? [q.requestId] : []))),
];

/** The store-backed writer of turn effects. */
export function createEffectWriter({
  store,
  logger,
  flushIntervalMs = 100,
  maxQueued = 400,
  retryDelayMs = 200,
  maxPending = MAX_PENDING,
}: {
  store: DocumentStore;
  logger: Logger;
  flushIntervalMs?: number;
  maxQueued?: number;
  retryDelayMs?: number;
  maxPending?: number;
}): QueuedEffectWriter {
  let queue: Queued[] = [];
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> = Promise.resolve();
  let scheduled = false;
  let stopped = false;

  /** Writes of households that were erased while they waited: nothing to write, said without naming them. */
  function logGone(items: readonly Queued[]): void {
    logger.warn(
      { writes: items.length, requestIds: requestIdsOf(items) },
      'deferred writes of an erased household dropped',
    );
  }

  /** Each batch and each household's transaction stands alone: one failing unit loses no other's writes. */
  function unitsOf(items: readonly Queued[]): FlushUnit[] {
    const units: FlushUnit[] = [];
    const needsRead = (w: HouseholdWrite) => w.kind === 'context' || startsDay(w);
    const blind = items.filter((q) => !needsRead(q.write));
    for (let from = 0; from < blind.length; from += MAX_BATCH_WRITES) {
      const chunk = blind.slice(from, from + MAX_BATCH_WRITES);
      units.push({
        items: chunk,
        write: async () => {
          const live = await existingHouseholds(store, chunk);
          const batch = store.batch();
          const kept = chunk.filter((q) => live.has(q.householdId));
          for (const q of kept) addBlindWrite(batch, q.householdId, q.write);
          if (kept.length < chunk.length) logGone(chunk.filter((q) => !live.has(q.householdId)));
          if (kept.length > 0) await batch.commit();
        },
      });
    }
    const updates = new Map<string, Queued[]>();
    for (const q of items) {
      if (!needsRead(q.write)) continue;
      const list = updates.get(q.householdId) ?? [];
      list.push(q);
      updates.set(q.householdId, list);
    }
    for (const [householdId, queued] of updates) {
      const writes = queued.map((q) => q.write);
      units.push({
        items: queued,
        write: () =>
          store.runTransaction((tx) =>
            applyInTransaction(tx, householdId, writes, { onlyIfHousehold: true }),
          ),
      });
    }
    return units;
  }

  /** Writes every unit; answers those that failed (a unit that committed is never written again). */
  async function writeUnits(units: readonly FlushUnit[]): Promise<{ unit: FlushUnit; error: unknown }[]> {
    const outcomes = await Promise.allSettled(units.map((unit) => unit.write()));
    return outcomes.flatMap((outcome, i) =>
      outcome.status === 'rejected' ? [{ unit: units[i] as FlushUnit, error: outcome.reason }] : [],
    );
  }

  async function flushNow(): Promise<void> {
    scheduled = false;
    if (timer) clearTimeout(timer);
    timer = undefined;
    const items = queue;
    queue = [];
    if (items.length === 0) return;
    const failed = await writeUnits(unitsOf(items));
    if (failed.length === 0) return;
    logger.warn(
      { err: { name: (failed[0]?.error as Error)?.name }, units: failed.length },
      'deferred writes failed; retrying once',
    );
    await new Promise((resolve) => setTimeout(resolve, retryDelayMs).unref());
    for (const { unit, error } of await writeUnits(failed.map((f) => f.unit))) {
      logger.error(
        {
          err: { name: (error as Error)?.name, message: (error as Error)?.message },
          writes: unit.items.length,
          requestIds: requestIdsOf(unit.items),
        },
        'deferred writes lost after a retry',
      );
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
      const items = writes.map(
        (write): Queued => ({ householdId, write, ...(requestId ? { requestId } : {}) }),
      );
      if (stopped || queue.length + items.length > maxPending) {
        logger.error(
          { writes: items.length, requestIds: requestIdsOf(items), why: stopped ? 'stopped' : 'queue full' },
          'deferred writes dropped',
        );
        return;
      }
      queue.push(...items);
      if (queue.length >= maxQueued) {
        // One flush at a time is enough: it takes everything queued when it starts.
        if (!scheduled) {
          scheduled = true;
          void flush();
        }
      } else if (!timer) {
        timer = setTimeout(() => void flush(), flushIntervalMs);
        timer.unref();
      }
    },
    flush,
    async stop() {
      stopped = true;
      await flush();
    },
    get pending() {
      return queue.length;
    },
  };
}
