/**
 * The household's own reads and writes of its delivery address (its routes and its
 * account page). The orders code reads the document itself, in its own round trips.
 */
import type { DocumentStore } from '../store/document-store.js';
import {
  type DeliveryAddress,
  type DeliveryAddressDocument,
  deliveryAddressDocumentSchema,
} from './delivery-address.js';
import { paths } from './paths.js';

/** The household's delivery address as stored, or undefined when it set none. */
export async function readDeliveryAddress(
  store: DocumentStore,
  householdId: string,
): Promise<DeliveryAddressDocument | undefined> {
  const parsed = deliveryAddressDocumentSchema.safeParse(
    (await store.get(paths.deliveryAddress(householdId))).data,
  );
  return parsed.success ? parsed.data : undefined;
}

/**
 * Sets (or replaces) the household's delivery address. Written in a transaction that sees
 * the household document, so an address never outlives an erasure that raced it: a
 * household that is gone gets nothing written (`'gone'`).
 */
export async function saveDeliveryAddress(
  store: DocumentStore,
  householdId: string,
  address: DeliveryAddress,
  now: Date,
): Promise<DeliveryAddressDocument | 'gone'> {
  return store.runTransaction(async (tx) => {
    if (!(await tx.get(paths.household(householdId))).exists) return 'gone' as const;
    const document: DeliveryAddressDocument = { ...address, updatedAt: now.toISOString() };
    tx.set(paths.deliveryAddress(householdId), document);
    return document;
  });
}

/** Removes the household's delivery address (nothing to do when it has none). */
export async function removeDeliveryAddress(store: DocumentStore, householdId: string): Promise<void> {
  await store.delete(paths.deliveryAddress(householdId));
}
