import { type OfferLogRecord, offerLogRecordSchema } from '../../src/offers/offer-log-record.js';
import type { DocumentStore } from '../../src/store/document-store.js';

/** An offer-log record shown on a screen in fr-FR, measured, at `at`; `overrides` change any field. */
export function offerLogRecord(
  overrides: Partial<OfferLogRecord> & { at: string; week: string },
): OfferLogRecord {
  return offerLogRecordSchema.parse({
    offerId: 'offer-1',
    kind: 'campaign',
    brandId: 'frostline',
    campaignId: 'winter-soup',
    skillId: 'fridge-chef',
    channel: 'screen',
    locale: 'fr-FR',
    trigger: { intent: 'WhatCanICookIntent' },
    requested: false,
    decision: 'shown',
    sponsored: true,
    purposes: ['offers', 'inventory'],
    rule: 'why.campaign.ingredientMissing',
    measured: true,
    control: false,
    expireAt: '2027-12-31T00:00:00.000Z',
    ...overrides,
  });
}

/** Writes records at `households/{householdId}/offerLog/{offerId}`, 500 to a batch. */
export async function writeOfferLog(
  store: DocumentStore,
  entries: readonly { householdId: string; record: OfferLogRecord }[],
): Promise<void> {
  for (let i = 0; i < entries.length; i += 500) {
    const batch = store.batch();
    for (const { householdId, record } of entries.slice(i, i + 500)) {
      batch.set(`households/${householdId}/offerLog/${record.offerId}`, record);
    }
    await batch.commit();
  }
}

/**
 * One cell's worth of entries: `treated` households shown the campaign (the first `accepted` of
 * them accepted it, the first `converted` converted within a day) and `controls` households it was
 * withheld from for the control group (the first `controlConverted` converted anyway).
 */
export function cellEntries({
  prefix,
  treated,
  controls = 0,
  accepted = 0,
  converted = 0,
  controlConverted = 0,
  at,
  week,
  ...overrides
}: Partial<OfferLogRecord> & {
  prefix: string;
  treated: number;
  controls?: number;
  accepted?: number;
  converted?: number;
  controlConverted?: number;
  at: string;
  week: string;
}): { householdId: string; record: OfferLogRecord }[] {
  const dayLater = new Date(Date.parse(at) + 24 * 3600 * 1000).toISOString();
  const shown = Array.from({ length: treated }, (_, i) => ({
    householdId: `${prefix}-t${i}`,
    record: offerLogRecord({
      ...overrides,
      offerId: `${prefix}-t${i}-o`,
      at,
      week,
      ...(i < accepted ? { acceptedAt: at } : {}),
      ...(i < converted ? { convertedAt: dayLater } : {}),
    }),
  }));
  const withheld = Array.from({ length: controls }, (_, i) => ({
    householdId: `${prefix}-c${i}`,
    record: offerLogRecord({
      ...overrides,
      offerId: `${prefix}-c${i}-o`,
      at,
      week,
      decision: 'suppressed',
      reason: 'controlGroup',
      control: true,
      ...(i < controlConverted ? { convertedAt: dayLater } : {}),
    }),
  }));
  return [...shown, ...withheld];
}
