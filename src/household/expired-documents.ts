import type { DocumentStore } from '../store/document-store.js';
import { DELETES_PER_COMMIT } from './delete-matching.js';

/**
 * Deletes the documents whose `expireAt` has passed in one subcollection of every
 * household (`collectionOf(hid)`), at most `limit` in all; returns how many it deleted.
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
  let deleted = 0;
  const households = await store.query({ collection: 'households' });
  for (const household of households) {
    while (deleted < limit) {
      const expired = await store.query({
        collection: collectionOf(household.id),
        where: [{ field: 'expireAt', op: '<=', value: nowIso }],
        limit: Math.min(DELETES_PER_COMMIT, limit - deleted),
      });
      if (expired.length === 0) break;
      const batch = store.batch();
      for (const snap of expired) batch.delete(snap.path);
      await batch.commit();
      deleted += expired.length;
      if (expired.length < DELETES_PER_COMMIT) break;
    }
    if (deleted >= limit) break;
  }
  return deleted;
}
