/**
 * Retention of the offer log (docs/privacy.md): a record is kept 13 months after its decision,
 * long enough for the explanation of any offer a household still remembers and for a year of
 * weekly reports (computed once, kept as aggregates), then purged across every household with
 * one collection-group query on `expireAt`, without walking the households.
 */

import { deleteInPages } from '../household/expired-documents.js';
import { OFFER_LOG } from '../offers/offer-log-record.js';

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
  const where = [{ field: EXPIRE_AT_FIELD, op: '<=' as const, value: now.toISOString() }];
  return deleteInPages(store, limit, (take) =>
    store.queryGroup({ collectionId: OFFER_LOG, where, limit: take }),
  );
}
