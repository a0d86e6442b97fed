import { z } from 'zod';
import { type DocSnapshot, type DocumentStore, EXPIRE_AT_FIELD } from '../store/document-store.js';
import { DELETES_PER_COMMIT } from './delete-matching.js';
import { paths } from './paths.js';

/** A purge of one subcollection of every household: what expired, at most `limit` (10,000) per run. */
export type HouseholdsPurge = (args: { store: DocumentStore; now: Date; limit?: number }) => Promise<number>;

/**
 * The purge of a subcollection of every household whose documents carry `expireAt`
 * (events, commands, proposals): deleteExpiredInHouseholds, 10,000 at most per run.
 */
export function expiredInHouseholds(collectionOf: (hid: string) => string): HouseholdsPurge {
  return ({ store, now, limit = 10_000 }) => deleteExpiredInHouseholds({ store, collectionOf, now, limit });
}

/** Where each purge remembers the household it stopped at (`{ [collection]: { after } }`). */
export const PURGE_CURSOR_PATH = 'meta/purge';

const cursorSchema = z.object({ after: z.string() });

/**
 * Deletes the documents whose `expireAt` has passed in one subcollection of every
 * household (`collectionOf(hid)`), at most `limit` in all; returns how many it deleted.
 *
 * Fair to every household: the households are visited in id order starting after the one
 * the previous run stopped at (a cursor kept in `meta/purge`, wrapping around), and each
 * visit deletes at most one commit's worth (DELETES_PER_COMMIT) before moving on; a run
 * with budget left goes round again for the households that had more. So a household with
 * a large backlog cannot hold the others back: within one pass over the households, every
 * one of them has its expired documents (up to a commit's worth) deleted.
 *
 * The store port has no collection-group query, so it walks the households.
 */
export async function deleteExpiredInHouseholds({
  store,
  collectionOf,
  now,
  limit,
}: {
  store: DocumentStore;
  collectionOf: (hid: string) => string;
  now: Date;
  limit: number;
}): Promise<number> {
  const nowIso = now.toISOString();
  // The subcollection's name (`events`, `commands`) keys its cursor.
  const name = collectionOf('_').split('/').at(-1) ?? 'documents';
  const stored = (await store.get(PURGE_CURSOR_PATH)).data?.[name];
  const after = cursorSchema.safeParse(stored).data?.after;

  const ids = (await store.query({ collection: 'households' })).map((h) => h.id).sort();
  const start = after === undefined ? 0 : ids.findIndex((id) => id > after);
  let round = start <= 0 ? ids : [...ids.slice(start), ...ids.slice(0, start)];

  let deleted = 0;
  let last: string | undefined;
  while (round.length > 0 && deleted < limit) {
    const again: string[] = [];
    for (const hid of round) {
      if (deleted >= limit) break;
      const take = Math.min(DELETES_PER_COMMIT, limit - deleted);
      const expired = await store.query({
        collection: collectionOf(hid),
        where: [{ field: EXPIRE_AT_FIELD, op: '<=', value: nowIso }],
        limit: take,
      });
      last = hid;
      if (expired.length === 0) continue;
      const batch = store.batch();
      for (const snap of expired) batch.delete(snap.path);
      await batch.commit();
      deleted += expired.length;
      if (expired.length === take) again.push(hid);
    }
    round = again;
  }
  if (last !== undefined) await saveCursor(store, name, last, nowIso);
  return deleted;
}

/**
 * Remembers the household a purge stopped at, unless that household was erased meanwhile:
 * then the entry goes (the next run starts from the first household), so that the cursor
 * never names an erased household. Read in the same transaction as the household document,
 * so an erasure that deletes it cannot slip between the check and the write.
 */
async function saveCursor(store: DocumentStore, name: string, after: string, nowIso: string): Promise<void> {
  await store.runTransaction(async (tx) => {
    const [cursor, household] = await tx.getAll([PURGE_CURSOR_PATH, paths.household(after)]);
    const { [name]: _previous, ...others } = cursor?.data ?? {};
    tx.set(PURGE_CURSOR_PATH, household?.exists ? { ...others, [name]: { after, at: nowIso } } : others);
  });
}

/**
 * The top-level collections whose documents carry a wall-clock `expireAt` and are
 * useless after it: sessions, sign-in codes, account-linking secrets (codes, refresh
 * tokens, retired ones kept for reuse detection), pairings and their codes, audit
 * records (AUDIT_RETENTION_MS) and erased households' tombstones. Firestore's TTL
 * policies delete them up to a day late; SQLite has nothing else. docs/privacy.md's
 * retention table names this list.
 */
export const EXPIRING_TOP_LEVEL = [
  'sessions',
  'signins',
  'oauth',
  'pairings',
  'pairingCodes',
  'audit',
  'erasures',
] as const;

/**
 * How long an `audit/` record is kept: a year, long enough to answer for what was done
 * (sign-ins, onboarding, unlinking, erasures) and no longer, since even a hash of an
 * account's id links its records together.
 */
export const AUDIT_RETENTION_MS = 365 * 24 * 3600_000;

/** The `expireAt` of an audit record written at `at` (wall clock, which the purge of EXPIRING_TOP_LEVEL follows). */
export function auditExpireAt(at: Date): string {
  return new Date(at.getTime() + AUDIT_RETENTION_MS).toISOString();
}

/**
 * Deletes expired documents of EXPIRING_TOP_LEVEL, at most `limit` per collection per
 * run, one commit's worth at a time; returns how many it deleted. `wallNow` is the wall
 * clock, which those expiries follow (never the demo's pinned domain clock: a pinned
 * future would delete live sessions).
 */
export async function deleteExpiredTopLevel({
  store,
  wallNow = new Date(),
  limit = 10_000,
}: {
  store: DocumentStore;
  wallNow?: Date;
  limit?: number;
}): Promise<number> {
  const where = [{ field: EXPIRE_AT_FIELD, op: '<=' as const, value: wallNow.toISOString() }];
  let deleted = 0;
  for (const collection of EXPIRING_TOP_LEVEL)
    deleted += await deleteInPages(store, limit, (take) => store.query({ collection, where, limit: take }));
  return deleted;
}

/**
 * Deletes what `page` finds, one commit's worth at a time, at most `limit` in all; returns
 * how many it deleted. What is deleted leaves the query: each page starts from the first
 * matching document again.
 */
export async function deleteInPages(
  store: DocumentStore,
  limit: number,
  page: (take: number) => Promise<readonly DocSnapshot[]>,
): Promise<number> {
  let deleted = 0;
  while (deleted < limit) {
    const take = Math.min(DELETES_PER_COMMIT, limit - deleted);
    const found = await page(take);
    if (found.length === 0) break;
    const batch = store.batch();
    for (const snap of found) batch.delete(snap.path);
    await batch.commit();
    deleted += found.length;
    if (found.length < take) break;
  }
  return deleted;
}
