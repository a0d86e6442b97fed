/**
 * The household's objections to offers (art. 21): to all direct marketing (recorded in the
 * consent ledger, as "stop all offers" is), to one brand's offers, or to one campaign (kept
 * on the household document, which every turn reads, so the next turn's guards see them).
 * An objection to a brand or a campaign is lifted here too; the one to all marketing is lifted
 * in the ledger only (by granting a brand's offers again, on the consent center).
 */

import { NOTICE_VERSIONS } from '../consent/consent-rules.js';
import { recordChoice } from '../consent/record-choice.js';
import { householdRecordSchema } from '../household/household-record.js';
import { campaignKey, type OfferObjections } from '../household/offer-state.js';
import { paths } from '../household/paths.js';
import type { DocData, DocumentStore } from '../store/document-store.js';

export type Objection = { brandId?: string; campaignId?: string };

/** An objection to one brand's offers, or to one of its campaigns: what can be lifted. */
export type BrandObjection = { brandId: string; campaignId?: string };

/** Who asked, when, and how (the request as received): the proof a ledger entry keeps. */
export type ObjectionRequest = { at: Date; actor: string | null; input: string };

/** The household's objections: to all direct marketing, to brands' offers, to campaigns. */
export type ObjectionsView = {
  marketing: boolean;
  brands: string[];
  campaigns: { brandId: string; campaignId: string }[];
};

/** The view of a household's objections, from its document's fields. */
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
  { at, actor, input }: ObjectionRequest,
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
  return changeObjections(store, householdId, (current) =>
    campaignId === undefined
      ? { ...current, brands: [...new Set([...current.brands, brandId])] }
      : { ...current, campaigns: [...new Set([...current.campaigns, campaignKey(brandId, campaignId)])] },
  );
}

/**
 * Lifts an objection to a brand's offers or to one campaign; one that does not stand is left
 * as it is. Lifting a brand's objection leaves its campaigns' (each was made on its own).
 * Like recording one, it keeps no proof beyond the household document.
 */
export async function liftObjection(
  store: DocumentStore,
  householdId: string,
  { brandId, campaignId }: BrandObjection,
): Promise<ObjectionsView | 'gone'> {
  return changeObjections(store, householdId, (current) => {
    if (campaignId === undefined)
      return current.brands.includes(brandId)
        ? { ...current, brands: current.brands.filter((b) => b !== brandId) }
        : undefined;
    const key = campaignKey(brandId, campaignId);
    return current.campaigns.includes(key)
      ? { ...current, campaigns: current.campaigns.filter((c) => c !== key) }
      : undefined;
  });
}

/**
 * Reads the household's brand and campaign objections, applies `change` (undefined: nothing
 * to change, nothing written) and merges the result, in one transaction.
 */
async function changeObjections(
  store: DocumentStore,
  householdId: string,
  change: (current: OfferObjections) => OfferObjections | undefined,
): Promise<ObjectionsView | 'gone'> {
  return store.runTransaction(async (tx) => {
    const snap = await tx.get(paths.household(householdId));
    const household = householdRecordSchema.safeParse(snap.data);
    if (!snap.exists || !household.success) return 'gone' as const;
    const current = household.data.offerObjections ?? { brands: [], campaigns: [] };
    const next = change(current);
    if (next !== undefined)
      tx.merge(paths.household(householdId), { offerObjections: next } as unknown as DocData);
    return objectionsView(household.data.marketingObjection !== undefined, next ?? current);
  });
}

/** Whether the household's objections include this one to a brand's offers or to one campaign. */
export function objectionStands(view: ObjectionsView, { brandId, campaignId }: BrandObjection): boolean {
  return campaignId === undefined
    ? view.brands.includes(brandId)
    : view.campaigns.some((o) => o.brandId === brandId && o.campaignId === campaignId);
}

/** The household's objections as they stand, or 'gone' when it no longer exists. */
export async function readObjections(
  store: DocumentStore,
  householdId: string,
): Promise<ObjectionsView | 'gone'> {
  const snap = await store.get(paths.household(householdId));
  const household = householdRecordSchema.safeParse(snap.data);
  if (!snap.exists || !household.success) return 'gone';
  return objectionsView(household.data.marketingObjection !== undefined, household.data.offerObjections);
}
