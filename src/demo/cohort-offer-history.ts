/**
 * The cohort's offer history: what the offers engine would have logged for a household over
 * the last weeks (`households/{hid}/offerLog/{offerId}`, `offerLogRecordSchema`), for the demo
 * brands' campaigns on every channel. Rates are plausible, not measured: about one shown offer
 * in five accepted and one in twelve converted; the control group is shown nothing and converts
 * less, on its own. Pure: the household's generator decides everything.
 */

import { ATTRIBUTION_WINDOW_MS } from '../measurement/reportable-weeks.js';
import { isoWeekOf } from '../offers/iso-week.js';
import type { OfferChannel, OfferLogRecord, SuppressionReason } from '../offers/offer-log-record.js';
import { offerLogExpireAt } from '../offers/offer-log-record.js';
import type { Purpose } from '../runtime/consent-gate.js';
import type { CohortHousehold } from './cohort-plan.js';
import { between, chance, weighted } from './cohort-random.js';
import { DAY_MS, WEEK_MS } from './cohort-weeks.js';

/** A campaign of a demo brand as the cohort's history plays it. */
export interface CohortCampaign {
  brandId: string;
  skillId: string;
  campaignId: string;
  trigger: OfferLogRecord['trigger'];
  /** Asked for by the household (fridge-chef's DealsIntent), rather than offered unasked. */
  requested: boolean;
  sponsored: boolean;
  purposes: Purpose[];
  rule: string;
  /** The chance that a household meets the campaign on each channel in a week (0: the channel never carries it). */
  reach: Record<OfferChannel, number>;
  /** Chance that a shown offer is accepted, and that an accepted one is bought within the window. */
  acceptance: number;
  conversionIfAccepted: number;
  /** How the campaign's reach moves over the weeks, from the first week (0) to the last (1). */
  trend: (progress: number) => number;
}

/** The demo brands' campaigns (Crema's coffee, Frostline's fridge). */
export const COHORT_CAMPAIGNS: readonly CohortCampaign[] = [
  {
    brandId: 'crema',
    skillId: 'coffee-companion',
    campaignId: 'decaf-evening',
    trigger: { intent: 'CapsuleStockIntent' },
    requested: false,
    sponsored: false,
    purposes: ['offers', 'consumption'],
    rule: 'why.campaign.eveningCups',
    reach: { screen: 0.5, alexa: 0.3, google: 0.15 },
    acceptance: 0.22,
    conversionIfAccepted: 0.32,
    // Evenings grow longer through the autumn: more decaf.
    trend: (p) => 0.7 + 0.6 * p,
  },
  {
    brandId: 'crema',
    skillId: 'coffee-companion',
    campaignId: 'bulk-box',
    trigger: { event: 'belowReorderPoint' },
    requested: false,
    sponsored: false,
    purposes: ['offers', 'consumption'],
    rule: 'why.campaign.lowStock',
    reach: { screen: 0.45, alexa: 0.25, google: 0.2 },
    acceptance: 0.18,
    conversionIfAccepted: 0.35,
    trend: (p) => 1 + 0.25 * Math.sin(p * Math.PI * 3),
  },
  {
    brandId: 'frostline',
    skillId: 'fridge-chef',
    campaignId: 'cream-partner',
    trigger: { event: 'ingredientMissing' },
    requested: false,
    sponsored: true,
    purposes: ['offers', 'inventory'],
    rule: 'why.campaign.missingIngredient',
    // On Alexa a promotion only comes when asked for: this one never does.
    reach: { screen: 0.55, google: 0.3, alexa: 0 },
    acceptance: 0.16,
    conversionIfAccepted: 0.3,
    trend: () => 1,
  },
  {
    brandId: 'frostline',
    skillId: 'fridge-chef',
    campaignId: 'weekly-deals',
    trigger: { intent: 'DealsIntent' },
    requested: true,
    sponsored: true,
    purposes: ['offers'],
    rule: 'why.campaign.weeklyDeals',
    reach: { screen: 0.4, alexa: 0.3, google: 0.2 },
    acceptance: 0.25,
    conversionIfAccepted: 0.28,
    // A launch: few saw it at first.
    trend: (p) => 0.5 + 0.7 * Math.min(1, p * 1.5),
  },
];

/** A shown offer not accepted is sometimes bought anyway; the control group buys at this pace, unprompted. */
const CONVERSION_UNACCEPTED = 0.025;
const CONTROL_CONVERSION = 0.045;
/** Offers the other guards stop (caps, quiet hours) among those the household would have been shown. */
const OTHER_GUARDS = 0.05;

const clamp = (p: number) => Math.min(0.95, Math.max(0, p));

/**
 * The offer-log records of `household` for the weeks starting at `weekStarts` (oldest first) and
 * up to `now` (records of the open weeks after them too; nothing at or after `now`).
 */
export function cohortOfferHistory(
  household: CohortHousehold,
  weekStarts: readonly Date[],
  now: Date,
): OfferLogRecord[] {
  const { random, propensity } = household;
  const records: OfferLogRecord[] = [];
  const first = weekStarts[0]?.getTime() ?? now.getTime();
  const weeks = Math.ceil((now.getTime() - first) / WEEK_MS);
  const span = Math.max(1, weekStarts.length - 1);
  for (let w = 0; w < weeks; w++) {
    const weekStart = first + w * WEEK_MS;
    for (const { brand, offers, measurement } of household.brands) {
      for (const campaign of COHORT_CAMPAIGNS) {
        if (campaign.brandId !== brand.id) continue;
        const pace = campaign.trend(Math.min(1, w / span));
        for (const [channel, reach] of Object.entries(campaign.reach) as [OfferChannel, number][]) {
          if (!chance(random, clamp(reach * pace))) continue;
          const count = weighted(random, [
            [1, 60],
            [2, 30],
            [3, 10],
          ] as const);
          for (let n = 0; n < count; n++) {
            // A day of the week and an hour of the household's day (8:00 to 20:59 local).
            const local =
              weekStart + between(random, 0, 6) * DAY_MS + between(random, 8 * 60, 21 * 60 - 1) * 60_000;
            const at = new Date(local - household.utcOffset * 3_600_000);
            if (at.getTime() >= now.getTime()) continue;
            const reason: SuppressionReason | undefined = !offers
              ? 'consent'
              : household.control
                ? 'controlGroup'
                : chance(random, OTHER_GUARDS)
                  ? weighted(random, [
                      ['frequencyCap', 1],
                      ['quietHours', 1],
                    ] as const)
                  : undefined;
            const outcome = reason === undefined ? shownOutcome(campaign, propensity, random, at) : {};
            // The control group buys without being asked; its purchases are what lift is measured against.
            const converted =
              reason === 'controlGroup' && chance(random, clamp(CONTROL_CONVERSION * propensity))
                ? { convertedAt: new Date(at.getTime() + random() * ATTRIBUTION_WINDOW_MS) }
                : {};
            const outcomes: Outcomes = { ...outcome, ...converted };
            records.push({
              offerId: `ofr_${household.id.slice(3)}_${String(records.length + 1).padStart(4, '0')}`,
              kind: 'campaign',
              brandId: campaign.brandId,
              campaignId: campaign.campaignId,
              skillId: campaign.skillId,
              channel,
              locale: household.locale,
              trigger: campaign.trigger,
              requested: campaign.requested,
              decision: reason === undefined ? 'shown' : 'suppressed',
              ...(reason !== undefined ? { reason } : {}),
              sponsored: campaign.sponsored,
              // A decision refused for consent read nothing but the household's choices.
              purposes: reason === 'consent' ? [] : campaign.purposes,
              rule: campaign.rule,
              measured: measurement,
              control: household.control,
              at: at.toISOString(),
              week: isoWeekOf(at),
              ...settled(outcomes, now),
              expireAt: offerLogExpireAt(at),
            });
          }
        }
      }
    }
  }
  return records;
}

type Outcomes = { acceptedAt?: Date; declinedAt?: Date; convertedAt?: Date };

/** The outcomes that happened before `now`, as the record's instants. */
function settled(
  outcomes: Outcomes,
  now: Date,
): Pick<OfferLogRecord, 'acceptedAt' | 'declinedAt' | 'convertedAt'> {
  const settledAt: Pick<OfferLogRecord, 'acceptedAt' | 'declinedAt' | 'convertedAt'> = {};
  for (const key of ['acceptedAt', 'declinedAt', 'convertedAt'] as const) {
    const when = outcomes[key];
    if (when && when.getTime() < now.getTime()) settledAt[key] = when.toISOString();
  }
  return settledAt;
}

/** What the household did with a shown offer: accepted or declined within minutes, and perhaps bought. */
function shownOutcome(
  campaign: CohortCampaign,
  propensity: number,
  random: () => number,
  at: Date,
): Outcomes {
  const answeredAt = new Date(at.getTime() + between(random, 2, 90) * 1000);
  const accepted = chance(random, clamp(campaign.acceptance * propensity));
  const declined = !accepted && chance(random, 0.4);
  const buys = chance(
    random,
    clamp((accepted ? campaign.conversionIfAccepted : CONVERSION_UNACCEPTED) * propensity),
  );
  return {
    ...(accepted ? { acceptedAt: answeredAt } : {}),
    ...(declined ? { declinedAt: answeredAt } : {}),
    ...(buys ? { convertedAt: new Date(at.getTime() + random() * ATTRIBUTION_WINDOW_MS) } : {}),
  };
}
