import type { Logger } from '../../logging/logger.js';
import type { DocumentStore } from '../../store/document-store.js';
import { purgeExpiredCommands } from '../device-commands.js';
import { deleteExpiredTopLevel, expiredInHouseholds } from '../expired-documents.js';
import { eventsCollection, isLive, type StoredEvent, storedEventSchema } from './event-records.js';

/** Raw device events are kept 30 days after receipt unless configured otherwise. */
export const DEFAULT_EVENT_RETENTION_MS = 30 * 24 * 3600 * 1000;

/** The `expireAt` of an event received at `receivedAt`. */
export function expireAtFor(receivedAt: Date, retentionMs = DEFAULT_EVENT_RETENTION_MS): string {
  return new Date(receivedAt.getTime() + retentionMs).toISOString();
}

/**
 * A household's raw events that have not expired, oldest first, optionally of one
 * device. Expired events are never returned, whether the purge has reached them or not.
 */
export async function readLiveEvents({
  store,
  householdId,
  now,
  deviceId,
}: {
  store: DocumentStore;
  householdId: string;
  now: Date;
  deviceId?: string;
}): Promise<(StoredEvent & { id: string })[]> {
  const nowIso = now.toISOString();
  // One range filter only: equality on deviceId plus a range on expireAt would need a composite index in Firestore.
  const snaps = await store.query({
    collection: eventsCollection(householdId),
    where: [{ field: 'expireAt', op: '>', value: nowIso }],
  });
  return snaps
    .flatMap((snap) => {
      if (!isLive(snap.data, nowIso)) return [];
      const parsed = storedEventSchema.safeParse(snap.data);
      if (!parsed.success || (deviceId !== undefined && parsed.data.deviceId !== deviceId)) return [];
      return [{ ...parsed.data, id: snap.id }];
    })
    .sort(
      (a, b) =>
        a.at.localeCompare(b.at) ||
        a.receivedAt.localeCompare(b.receivedAt) ||
        a.eventId.localeCompare(b.eventId),
    );
}

/**
 * Deletes expired raw events across all households, at most `limit` of them per run,
 * and returns how many it deleted. Firestore's TTL policy may do the same in production,
 * up to a day late; this keeps both stores honest without it.
 */
export const purgeExpiredEvents = expiredInHouseholds(eventsCollection);

/** What one purge run removes; more kinds of expiring documents can join the run. */
export type PurgeTask = (args: { store: DocumentStore; now: Date }) => Promise<number>;

/** What every purge run does; the composition root may add tasks of rooms above this one. */
export const PURGE_TASKS: Readonly<Record<string, PurgeTask>> = {
  events: purgeExpiredEvents,
  commands: purgeExpiredCommands,
  // Wall-clock expiries: the task reads the wall clock itself.
  secrets: ({ store }) => deleteExpiredTopLevel({ store }),
};

/**
 * Runs the purge every `intervalMs` (and once at start) until the returned function is
 * called; that function resolves once any run in flight has finished, for a graceful stop.
 * Runs never overlap; a failed run is logged and the next one tries again.
 */
export function startEventPurge({
  store,
  clock,
  logger,
  intervalMs,
  tasks = PURGE_TASKS,
}: {
  store: DocumentStore;
  /** The domain clock: `expireAt` was computed from it on receipt. */
  clock: () => Date;
  logger: Logger;
  intervalMs: number;
  tasks?: Readonly<Record<string, PurgeTask>>;
}): () => Promise<void> {
  let running: Promise<void> | undefined;
  let stopped = false;
  const run = () => {
    if (running || stopped) return;
    running = (async () => {
      for (const [name, task] of Object.entries(tasks)) {
        try {
          const deleted = await task({ store, now: clock() });
          if (deleted > 0) logger.info({ purge: name, deleted }, 'purged expired documents');
        } catch (error) {
          logger.warn({ purge: name, err: { name: (error as Error)?.name } }, 'purge failed; will retry');
        }
      }
    })().finally(() => {
      running = undefined;
    });
  };
  const timer = setInterval(run, intervalMs);
  // The purge alone must not keep the process alive.
  timer.unref();
  setImmediate(run);
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
