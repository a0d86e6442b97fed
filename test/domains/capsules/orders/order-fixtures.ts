/** A reorder draft as the capsules domain makes one, and helpers to read what an order wrote. */

import { marketOfLocale } from '../../../../src/domains/capsules/market.js';
import { type OrderRecord, ordersCollection } from '../../../../src/domains/capsules/order-record.js';
import type { ReorderProposalDraft } from '../../../../src/domains/capsules/reorder-proposal.js';
import { paths } from '../../../../src/household/paths.js';
import { outboxPath } from '../../../../src/outbox/outbox-record.js';
import type { DocumentStore } from '../../../../src/store/document-store.js';

export function ristretto(overrides: Partial<ReorderProposalDraft> = {}): ReorderProposalDraft {
  return {
    brandId: 'crema',
    variety: 'ristretto',
    boxes: 5,
    capsules: 50,
    totalMinor: 2150,
    currency: 'EUR',
    market: 'DE',
    seller: 'Crema GmbH',
    deliveryOn: '2026-11-26',
    stockLeft: 8,
    daysLeft: 4,
    ...overrides,
  };
}

/** The same draft priced for the market of a household's locale (`fr-FR` -> FR), where its address is. */
export function ristrettoFor(
  locale: string,
  overrides: Partial<ReorderProposalDraft> = {},
): ReorderProposalDraft {
  return ristretto({ market: marketOfLocale(locale) ?? 'DE', ...overrides });
}

/** The household's orders as stored. */
export async function ordersOf(store: DocumentStore, householdId: string) {
  return store.query({ collection: ordersCollection(householdId) });
}

/** The brand's outbox entries about one order. */
export async function outboxOf(store: DocumentStore, orderId: string, brandId = 'crema') {
  const snaps = await store.getAll([
    outboxPath(brandId, `${orderId}.order.placed`),
    outboxPath(brandId, `${orderId}.order.cancelled`),
  ]);
  return snaps.filter((s) => s.exists).map((s) => s.data!.kind);
}

/** Grants or withdraws a purpose on the household document as the ledger's replay would leave it. */
export async function setConsent(store: DocumentStore, householdId: string, key: string, granted: boolean) {
  await store.merge(paths.household(householdId), {
    consents: { [key]: { granted, version: 1, at: '2026-11-01T00:00:00.000Z', entry: 'e-test' } },
  });
}

/** A placed crema order of 50 ristretto in France, as the orders code stores one; `placedAt` sets its times. */
export function placedOrder(id: string, placedAt: string, overrides: Partial<OrderRecord> = {}): OrderRecord {
  return {
    id,
    proposalId: `${id}-proposal`,
    brandId: 'crema',
    skillId: 'coffee-companion',
    variety: 'ristretto',
    capsules: 50,
    boxes: 5,
    totalMinor: 2150,
    currency: 'EUR',
    market: 'FR',
    seller: 'Crema France',
    deliveryOn: '2026-12-04',
    status: 'placed',
    placedAt,
    cancelUntil: new Date(Date.parse(placedAt) + 24 * 3_600_000).toISOString(),
    channel: 'voice',
    withdrawal: { days: 14, from: 'delivery' },
    history: [{ status: 'placed', at: placedAt, by: 'household' }],
    ...overrides,
  };
}
