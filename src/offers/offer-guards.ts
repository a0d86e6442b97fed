/**
 * The guards every offer passes, in this order, each able to stop it with its reason
 * (recorded in the offer log):
 *
 * 1. consent: `offers` for the brand (campaigns) and every purpose the offer reads;
 * 2. objections: to direct marketing (art. 21, wins over every grant), to the brand, to the
 *    campaign; a reorder the household asked for is its own order, not marketing;
 * 3. channel policy: on Alexa and Google a promotion only when the household asked for
 *    offers or for the skill's own products (coffee-companion's capsules), never a sponsored
 *    one unasked; screens may show a sponsored card beside an answer;
 * 4. the daily cap of the household's channel (its calendar day);
 * 5. quiet hours (its local time) for anything it did not ask for;
 * 6. the control group: no campaign offers (reorder proposals are a service, never withheld).
 *    Demo households are outside it.
 */

import { localMinutes } from '../household/device-events/local-day.js';
import type { OfferChannel, OfferCounts, OfferObjections } from '../household/offer-state.js';
import { campaignKey } from '../household/offer-state.js';
import type { Purpose } from '../runtime/consent-gate.js';
import { householdInControlGroup } from './control-group.js';
import { withinLocalRange } from './local-time.js';
import type { SuppressionReason } from './offer-log-record.js';
import type { OfferPolicy } from './offer-policy.js';

/** What is being offered, as the guards see it. */
export type OfferCandidate = {
  kind: 'campaign' | 'reorder';
  brandId: string;
  campaignId: string;
  /** Purposes the offer reads besides `offers` (a reorder: `consumption`). */
  purposes: readonly Purpose[];
  /** A brand's paid placement. */
  sponsored: boolean;
  /** One of the skill's own brand's products (not sponsored): may be offered on voice unasked. */
  ownProduct: boolean;
};

/** Where and to whom it would be offered. */
export type OfferSituation = {
  householdId: string;
  /** Demo households are never in the control group. */
  demo: boolean;
  channel: OfferChannel;
  /** The household asked for it ("any deals?", "reorder my capsules"). */
  requested: boolean;
  /** Purposes granted in this turn (for the skill's brand where per brand). */
  granted: readonly Purpose[];
  marketingObjection: boolean;
  objections: OfferObjections | undefined;
  /** Offers shown today on each channel. */
  counts: OfferCounts;
  now: Date;
  timeZone: string;
  policy: OfferPolicy;
};

export type OfferDecision = { shown: true } | { shown: false; reason: SuppressionReason };

const SHOWN: OfferDecision = { shown: true };
const suppressed = (reason: SuppressionReason): OfferDecision => ({ shown: false, reason });

/** The guards' decision about one candidate in one situation. */
export function decideOffer(candidate: OfferCandidate, situation: OfferSituation): OfferDecision {
  const campaign = candidate.kind === 'campaign';
  const asked = situation.requested;
  // 1. Consent. Without `offers` only because of the objection, the objection is the reason (2).
  if (!candidate.purposes.every((p) => situation.granted.includes(p))) return suppressed('consent');
  if (campaign && !situation.granted.includes('offers') && !situation.marketingObjection)
    return suppressed('consent');
  // 2. Objections.
  if (situation.marketingObjection && (campaign || !asked)) return suppressed('objection');
  if (campaign && situation.objections?.brands.includes(candidate.brandId))
    return suppressed('brandObjection');
  if (
    campaign &&
    situation.objections?.campaigns.includes(campaignKey(candidate.brandId, candidate.campaignId))
  )
    return suppressed('campaignObjection');
  // 3. Channel policy.
  const voice = situation.channel === 'alexa' || situation.channel === 'google';
  if (campaign && voice && !asked && (candidate.sponsored || !candidate.ownProduct))
    return suppressed('channelPolicy');
  // 4. The daily cap (a reorder the household asked for is not an offer).
  const capped = campaign || !asked;
  if (capped && situation.counts[situation.channel] >= situation.policy.dailyCaps[situation.channel])
    return suppressed('frequencyCap');
  // 5. Quiet hours, for what was not asked for.
  const { from, to } = situation.policy.quietHours;
  if (!asked && withinLocalRange(localMinutes(situation.now, situation.timeZone), from, to))
    return suppressed('quietHours');
  // 6. The control group.
  const household = { id: situation.householdId, demo: situation.demo };
  if (campaign && householdInControlGroup(household, situation.policy.controlShare))
    return suppressed('controlGroup');
  return SHOWN;
}
