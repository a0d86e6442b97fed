/**
 * Conversions: an order of a capsule variety converts, within the attribution window, the
 * household's campaign offers of that variety, shown (the treated) or withheld for the control
 * group (what lift compares them with); and the reorder proposal it confirms is accepted. Read
 * from the household's own offer log (one query on `at`), written in one batch, after the
 * order: a failure here loses a figure of a report, never the order.
 */
import { paths } from '../household/paths.js';
import { isSafeId } from '../ids/safe-id.js';
import type { DocData, DocumentStore } from '../store/document-store.js';
import { OFFER_LOG, type OfferLogRecord, offerLogRecordSchema } from './offer-log-record.js';
import { DEFAULT_OFFER_POLICY } from './offer-policy.js';

const DAY_MS = 86_400_000;

/** The offer-log id of the decision that showed a reorder proposal: derived, so the yes finds it. */
export function proposalOfferId(proposalId: string): string {
  return `ofr-${proposalId}`;
}

/** A product of an offer: a capsule variety or an ingredient. */
export type ConvertedProduct = { variety?: string | undefined; ingredient?: string | undefined };

function sameProduct(offered: OfferLogRecord['product'], done: ConvertedProduct): boolean {
  if (!offered) return false;
  if (offered.variety !== undefined) return offered.variety === done.variety;
  return offered.ingredient !== undefined && offered.ingredient === done.ingredient;
}

function converts(record: OfferLogRecord, products: readonly ConvertedProduct[]): boolean {
  return (
    record.kind === 'campaign' &&
    record.convertedAt === undefined &&
    (record.decision === 'shown' || record.reason === 'controlGroup') &&
    products.some((p) => sameProduct(record.product, p))
  );
}

/** Records what an order placed at `at` converts; returns how many records it changed. */
export function recordOrderConversion(
  store: DocumentStore,
  householdId: string,
  { variety, proposalId, at }: { variety: string; proposalId?: string; at: Date },
): Promise<number> {
  return recordConversion(store, householdId, {
    products: [{ variety }],
    ...(proposalId ? { proposalId } : {}),
    at,
  });
}

/**
 * Records what the household did at `at` converts: its campaign offers of `products` within
 * the attribution window (shown, or withheld for the control group), and the reorder proposal
 * `proposalId` it confirmed; returns how many records it changed.
 */
export async function recordConversion(
  store: DocumentStore,
  householdId: string,
  { products, proposalId, at }: { products: readonly ConvertedProduct[]; proposalId?: string; at: Date },
): Promise<number> {
  if (!isSafeId(householdId)) return 0;
  const since = new Date(at.getTime() - DEFAULT_OFFER_POLICY.attributionDays * DAY_MS).toISOString();
  const snaps = await store.query({
    collection: `households/${householdId}/${OFFER_LOG}`,
    where: [{ field: 'at', op: '>=', value: since }],
  });
  const when = at.toISOString();
  const accepted = proposalId === undefined ? undefined : proposalOfferId(proposalId);
  const batch = store.batch();
  let changed = 0;
  for (const snap of snaps) {
    const parsed = offerLogRecordSchema.safeParse(snap.data);
    if (!parsed.success || parsed.data.at > when) continue;
    const record = parsed.data;
    const path = paths.record(householdId, OFFER_LOG, record.offerId);
    if (record.offerId === accepted && record.acceptedAt === undefined) {
      batch.merge(path, { acceptedAt: when, convertedAt: when } as DocData);
      changed++;
    } else if (converts(record, products)) {
      batch.merge(path, { convertedAt: when } as DocData);
      changed++;
    }
  }
  if (changed > 0) await batch.commit();
  return changed;
}

/**
 * The household's answer to an offer it was shown: accepted (a yes to its question, its action
 * tapped) or declined (a no). Recorded once, on a shown campaign offer or reorder proposal of
 * the household's own log; the id comes from the session, so only a safe id is looked at.
 */
export async function recordAnswer(
  store: DocumentStore,
  householdId: string,
  { offerId, answer, at }: { offerId: string; answer: 'accepted' | 'declined'; at: Date },
): Promise<boolean> {
  if (!isSafeId(householdId) || !isSafeId(offerId)) return false;
  const path = paths.record(householdId, OFFER_LOG, offerId);
  return store.runTransaction(async (tx) => {
    const parsed = offerLogRecordSchema.safeParse((await tx.get(path)).data);
    if (!parsed.success) return false;
    const record = parsed.data;
    if (record.decision !== 'shown' || record.acceptedAt || record.declinedAt) return false;
    const field = answer === 'accepted' ? 'acceptedAt' : 'declinedAt';
    tx.merge(path, { [field]: at.toISOString() } as DocData);
    return true;
  });
}

/** The household said no to a reorder proposal: its offer is declined (once, when it was shown). */
export function recordDecline(
  store: DocumentStore,
  householdId: string,
  { proposalId, at }: { proposalId: string; at: Date },
): Promise<boolean> {
  if (!isSafeId(proposalId)) return Promise.resolve(false);
  return recordAnswer(store, householdId, { offerId: proposalOfferId(proposalId), answer: 'declined', at });
}
