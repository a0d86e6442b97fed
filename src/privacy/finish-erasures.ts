import { paths } from '../household/paths.js';
import type { DocumentStore } from '../store/document-store.js';
import { eraseHousehold } from './erase-household.js';
import { tombstonePath, tombstoneRecordSchema } from './tombstone-record.js';

/** An erasure still `erasing` this long after it began was cut short (its process stopped): finish it. */
export const ERASURE_CUT_SHORT_AFTER_MS = 10 * 60_000;

/** Erasures one purge run finishes at most; the next run takes the rest. */
const FINISHED_PER_RUN = 50;

/**
 * Finishes the erasures that were cut short: a tombstone still `erasing` long after it
 * began means the household document is gone (its tokens refused) but some of its data may
 * be left. Run by the hourly purge; answers how many it finished. A tombstone whose id is
 * not the hash of the id it holds is not an erasure this code began, and is left alone.
 */
export async function finishInterruptedErasures({
  store,
  wallNow = new Date(),
}: {
  store: DocumentStore;
  wallNow?: Date;
}): Promise<number> {
  const erasing = await store.query({
    collection: paths.erasures(),
    where: [{ field: 'status', op: '==', value: 'erasing' }],
    limit: FINISHED_PER_RUN,
  });
  let finished = 0;
  for (const snap of erasing) {
    const record = tombstoneRecordSchema.safeParse(snap.data);
    if (!record.success || record.data.status !== 'erasing') continue;
    const { householdId, startedAt } = record.data;
    if (snap.path !== tombstonePath(householdId)) continue;
    if (Date.parse(startedAt) > wallNow.getTime() - ERASURE_CUT_SHORT_AFTER_MS) continue;
    await eraseHousehold(store, householdId, { now: wallNow, startedAt, finishedByPurge: true });
    finished++;
  }
  return finished;
}
