/**
 * Retention of the offer log (docs/privacy.md): a record is kept 13 months after its decision,
 * long enough for the explanation of any offer a household still remembers and for a year of
 * weekly reports (computed once, kept as aggregates), then purged across every household with
 * one collection-group query on `expireAt`, without walking the households.
 */

import { DELETES_PER_COMMIT } from '../household/delete-matching.js';
import { OFFER_LOG } from '../offers/offer-log-record.js';

export { OFFER_LOG_RETENTION_MONTHS, offerLogExpireAt } from '../offers/offer-log-record.js';

import { type DocumentStore, EXPIRE_AT_FIELD } from '../store/document-store.js';

/**
 * Deletes offer-log records whose `expireAt` has passed, in every household, at most `limit`
 * (10,000) per run, a commit's worth per query; returns how many it deleted.
 */
export async function purgeExpiredOfferLog({
  store,
  now,
  limit = 10_000,
}: {
  store: DocumentStore;
  now: Date;
  limit?: number;
}): Promise<number> {
  const nowIso = now.toISOString();
  let deleted = 0;
  while (deleted < limit) {
    const take = Math.min(DELETES_PER_COMMIT, limit - deleted);
    // What is deleted leaves the query: the next page starts from the first expired record again.
    const expired = await store.queryGroup({
      collectionId: OFFER_LOG,
      where: [{ field: EXPIRE_AT_FIELD, op: '<=', value: nowIso }],
      limit: take,
    });
    if (expired.length === 0) break;
    const batch = store.batch();
    for (const snap of expired) batch.delete(snap.path);
    await batch.commit();
    deleted += expired.length;
    if (expired.length < take) break;
  }
  return deleted;
}
