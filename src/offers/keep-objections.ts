/**
 * The household's objections to offers (art. 21): to all direct marketing (recorded in the
 * consent ledger, as "stop all offers" is), to one brand's offers, or to one campaign (kept
 * on the household document, which every turn reads, so the next turn's guards see them).
 */

import { NOTICE_VERSIONS } from '../consent/consent-rules.js';
import { recordChoice } from '../consent/record-choice.js';
import { householdRecordSchema } from '../household/household-record.js';
import { campaignKey, type OfferObjections } from '../household/offer-state.js';
import { paths } from '../household/paths.js';
import type { DocData, DocumentStore } from '../store/document-store.js';

export type Objection = { brandId?: string; campaignId?: string };

/** The household's objections after the change, or 'gone' when it no longer exists. */
export type ObjectionsView = {
  marketing: boolean;
  brands: string[];
  campaigns: { brandId: string; campaignId: string }[];
};

export function objectionsView(marketing: boolean, objections: OfferObjections | undefined): ObjectionsView {
  return {
    marketing,
    brands: [...(objections?.brands ?? [])],
    campaigns: (objections?.campaigns ?? []).map((key) => {
      const at = key.indexOf(':');
      return { brandId: key.slice(0, at), campaignId: key.slice(at + 1) };
    }),
  };
}

/** Records an objection; one to all marketing goes through the ledger (its proof names the request). */
export async function recordObjection(
  store: DocumentStore,
  householdId: string,
  objection: Objection,
  { at, actor, input }: { at: Date; actor: string | null; input: string },
): Promise<ObjectionsView | 'gone'> {
  if (objection.brandId === undefined) {
    const outcome = await recordChoice(store, householdId, {
      purpose: 'offers',
      action: 'object',
      noticeVersion: NOTICE_VERSIONS.offers,
      channel: 'api',
      actor: { kind: 'household', id: actor },
      at: at.toISOString(),
      proof: { input, noticeId: null, noticeText: null, locale: null, skillId: null },
    });
    const household = householdRecordSchema.safeParse((await store.get(paths.household(householdId))).data);
    return objectionsView(
      outcome.state.marketingObjection !== undefined,
      household.success ? household.data.offerObjections : undefined,
    );
  }
  const { brandId, campaignId } = objection;
  return store.runTransaction(async (tx) => {
    const snap = await tx.get(paths.household(householdId));
    const household = householdRecordSchema.safeParse(snap.data);
    if (!snap.exists || !household.success) return 'gone' as const;
    const current = household.data.offerObjections ?? { brands: [], campaigns: [] };
    const next: OfferObjections =
      campaignId === undefined
        ? { ...current, brands: [...new Set([...current.brands, brandId])] }
        : { ...current, campaigns: [...new Set([...current.campaigns, campaignKey(brandId, campaignId)])] };
    tx.merge(paths.household(householdId), { offerObjections: next } as unknown as DocData);
    return objectionsView(household.data.marketingObjection !== undefined, next);
  });
}
