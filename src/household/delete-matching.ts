import type { DocumentStore, WhereClause } from '../store/document-store.js';

/** Deletes per batch commit: Firestore takes at most 500 writes per commit. */
export const DELETES_PER_COMMIT = 450;

/**
 * Deletes every document of `collection` matching `where`, a batch of at most
 * DELETES_PER_COMMIT at a time (so any number fits the store's batch cap);
 * returns how many it deleted.
 */
export async function deleteMatching({
  store,
  collection,
  where,
}: {
  store: DocumentStore;
  collection: string;
  where: readonly WhereClause[];
}): Promise<number> {
  let deleted = 0;
  for (;;) {
    const found = await store.query({ collection, where, limit: DELETES_PER_COMMIT });
    if (found.length === 0) return deleted;
    const batch = store.batch();
    for (const snap of found) batch.delete(snap.path);
    await batch.commit();
    deleted += found.length;
    if (found.length < DELETES_PER_COMMIT) return deleted;
  }
}
