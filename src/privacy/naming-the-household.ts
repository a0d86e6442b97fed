/**
 * Where a household is named outside `households/{hid}`: what an erasure must find besides
 * the recursive delete of the household's own tree. Later issues that add such documents
 * (a brand's outbox entries, reports, …) add one line here; the erasure test scans the whole
 * store for the household's id, so a forgotten one fails it.
 */

import { DEMO_MARKER_PATH } from '../demo/demo-marker.js';
import { deleteMatching } from '../household/delete-matching.js';
import { PURGE_CURSOR_PATH } from '../household/expired-documents.js';
import { paths } from '../household/paths.js';
import type { DocData, DocumentStore } from '../store/document-store.js';

/** Documents that name a household in a field, in one or more collections. */
export interface NamingCollection {
  /** The kind the erasure's audit record counts them under. */
  readonly kind: string;
  /** The collections to look in (found in the store when they hang under other documents). */
  readonly collections: (store: DocumentStore) => Promise<readonly string[]>;
  /** The field holding the household's id (dotted when nested). */
  readonly field: string;
}

const only = (collection: string) => async (): Promise<readonly string[]> => [collection];

/** A subcollection of every brand: the store port has no collection-group query. */
const ofEveryBrand =
  (collectionOf: (brandId: string) => string) =>
  async (store: DocumentStore): Promise<readonly string[]> =>
    (await store.query({ collection: paths.brands() })).map((brand) => collectionOf(brand.id));

/**
 * Every collection outside `households/` whose documents name a household. Pairing codes
 * are not here: a code's index entry names only its pairing and is deleted in the very
 * transaction that gives the pairing its household (`confirm-pairing.ts`). Quota and rate
 * documents of a household are under it (`households/{hid}/limits`); the device rate
 * limits are held in memory only.
 */
export const NAMING_THE_HOUSEHOLD: readonly NamingCollection[] = [
  // Account-linking secrets: authorization codes, refresh tokens, platform users' indexes.
  { kind: 'oauth', collections: only(paths.oauthCollection()), field: 'householdId' },
  { kind: 'pairings', collections: only(paths.pairings()), field: 'householdId' },
  { kind: 'sessions', collections: only(paths.sessions()), field: 'subject.householdId' },
  { kind: 'signins', collections: only(paths.signins()), field: 'subject.householdId' },
  { kind: 'brandOutbox', collections: ofEveryBrand(paths.brandOutbox), field: 'householdId' },
];

/** A document that names households among other things: the erasure rewrites it without the one erased. */
export interface Mention {
  readonly kind: string;
  readonly path: string;
  /** The document without any mention of `hid`, or undefined when it has none. */
  readonly forget: (data: DocData, hid: string) => DocData | undefined;
}

/** The purge's cursor (`{ [collection]: { after: hid } }`): an entry naming the household goes. */
function forgetInPurgeCursor(data: DocData, hid: string): DocData | undefined {
  const names = (value: unknown) =>
    typeof value === 'object' && value !== null && (value as { after?: unknown }).after === hid;
  if (!Object.values(data).some(names)) return undefined;
  return Object.fromEntries(Object.entries(data).filter(([, value]) => !names(value)));
}

/** The demo's marker lists the households it seeded. */
function forgetInDemoMarker(data: DocData, hid: string): DocData | undefined {
  const { households } = data;
  if (!Array.isArray(households) || !households.includes(hid)) return undefined;
  return { ...data, households: households.filter((id) => id !== hid) };
}

/** Every single document that names households among others. */
export const MENTIONING_THE_HOUSEHOLD: readonly Mention[] = [
  { kind: 'purgeCursor', path: PURGE_CURSOR_PATH, forget: forgetInPurgeCursor },
  { kind: 'demoMarker', path: DEMO_MARKER_PATH, forget: forgetInDemoMarker },
];

/** Deletes the documents of `naming` that name `hid`; how many. */
export async function deleteNaming(
  store: DocumentStore,
  naming: NamingCollection,
  hid: string,
): Promise<number> {
  let deleted = 0;
  for (const collection of await naming.collections(store)) {
    deleted += await deleteMatching({
      store,
      collection,
      where: [{ field: naming.field, op: '==', value: hid }],
    });
  }
  return deleted;
}

/** Rewrites the document of `mention` without `hid` (in a transaction); whether it named it. */
export async function forgetMention(store: DocumentStore, mention: Mention, hid: string): Promise<boolean> {
  return store.runTransaction(async (tx) => {
    const snap = await tx.get(mention.path);
    const next = snap.data === undefined ? undefined : mention.forget(snap.data, hid);
    if (next === undefined) return false;
    tx.set(mention.path, next);
    return true;
  });
}
