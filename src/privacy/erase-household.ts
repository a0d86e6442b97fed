/**
 * The right to erasure (GDPR art. 17): a household asks, and everything held about it goes,
 * in the household's tree and wherever else it is named, leaving a tombstone (by the hash
 * of its id) and a non-personal audit record.
 */
import { deleteMatching } from '../household/delete-matching.js';
import { paths } from '../household/paths.js';
import type { DocumentStore } from '../store/document-store.js';
import { type ErasureCounts, erasureAuditRecord } from './erasure-audit.js';
import {
  deleteNaming,
  forgetMention,
  MENTIONING_THE_HOUSEHOLD,
  NAMING_THE_HOUSEHOLD,
} from './naming-the-household.js';
import { type TombstoneRecord, tombstoneExpireAt, tombstonePath } from './tombstone-record.js';

/**
 * The household's collections counted one by one in the audit record. The recursive
 * delete that follows takes every other document under the household too, so a
 * collection missing here is erased all the same, only not counted.
 */
export const COUNTED_HOUSEHOLD_COLLECTIONS = [
  'context',
  'devices',
  'links',
  'commands',
  'events',
  'consentLedger',
  'noticesServed',
  'limits',
  'offerLog',
  'orders',
  'proposals',
  'contract',
] as const;

type Add = (kind: string, count: number) => void;

/** Deletes the household's tree and every document elsewhere that names it, counting by kind. */
async function erasePass(store: DocumentStore, hid: string, add: Add): Promise<void> {
  for (const name of COUNTED_HOUSEHOLD_COLLECTIONS) {
    add(name, await deleteMatching({ store, collection: `${paths.household(hid)}/${name}`, where: [] }));
  }
  await store.recursiveDelete(paths.household(hid));
  for (const naming of NAMING_THE_HOUSEHOLD) add(naming.kind, await deleteNaming(store, naming, hid));
  for (const mention of MENTIONING_THE_HOUSEHOLD) {
    add(mention.kind, (await forgetMention(store, mention, hid)) ? 1 : 0);
  }
}

/**
 * Erases household `hid`; answers the documents deleted, by kind.
 *
 * 1. One commit writes the tombstone (`erasing`) and deletes the household document: every
 *    token of the household (its own, its devices', its links') is checked against that
 *    document, so all are refused from the next request on, and writers that find it gone
 *    write nothing (device events, the effect writer's queued writes).
 * 2. The household's tree goes (counted per collection, then a recursive delete), then
 *    everything elsewhere that names it (NAMING_THE_HOUSEHOLD), and it is taken out of
 *    documents that list households among others (MENTIONING_THE_HOUSEHOLD). This runs
 *    twice: the second pass removes what writes in flight when the first began left (a
 *    turn's writes queued after its reply, a link's use being recorded), each of which read
 *    the household before its document went and lands within a round trip or so.
 * 3. One commit turns the tombstone into `erased` (no id any more) and writes the audit record.
 *
 * Idempotent: running it again, or finishing one cut short (`finishedByPurge`), deletes
 * what is left. A run that found no household document (another erasure of the same
 * household at the same moment) writes no audit record of its own.
 */
export async function eraseHousehold(
  store: DocumentStore,
  hid: string,
  {
    now = new Date(),
    startedAt = now.toISOString(),
    finishedByPurge = false,
  }: {
    /** The wall clock: the tombstone and the audit record expire by it. */
    now?: Date;
    /** When the erasure began, when this run finishes one cut short. */
    startedAt?: string;
    finishedByPurge?: boolean;
  } = {},
): Promise<ErasureCounts> {
  const counts: ErasureCounts = {};
  const add: Add = (kind, count) => {
    if (count > 0) counts[kind] = (counts[kind] ?? 0) + count;
  };
  const tombstone = tombstonePath(hid);
  const existed = await store.runTransaction(async (tx) => {
    const household = await tx.get(paths.household(hid));
    tx.set(tombstone, {
      status: 'erasing',
      householdId: hid,
      startedAt,
      expireAt: tombstoneExpireAt(now),
    } satisfies TombstoneRecord);
    tx.delete(paths.household(hid));
    return household.exists;
  });
  add('household', existed ? 1 : 0);

  await erasePass(store, hid, add);
  await erasePass(store, hid, add);

  const finished = store.batch().set(tombstone, {
    status: 'erased',
    startedAt,
    erasedAt: now.toISOString(),
    expireAt: tombstoneExpireAt(now),
  } satisfies TombstoneRecord);
  if (existed || finishedByPurge) finished.set(...erasureAuditRecord({ counts, at: now, finishedByPurge }));
  await finished.commit();
  return counts;
}
