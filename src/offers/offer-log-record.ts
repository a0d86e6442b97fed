/**
 * `households/{hid}/offerLog/{offerId}`: one decision of the offers engine about one offer
 * (a brand's campaign, or a capsule reorder proposal) in one turn: shown, or suppressed and by
 * which guard; the purposes the decision used; and, later, what the household did with it.
 * Explanations ("why did you suggest that") are read from here, never from session state;
 * brand reports aggregate it across households (`measurement/`), counting only the records
 * whose household had granted `measurement` to the brand when the decision was made.
 *
 * Nothing in a record is more personal than the decision itself: no context values (the
 * explanation names the purposes and the rule, and the skill words it from the live data).
 */
import { z } from 'zod';
import { OFFER_CHANNELS } from '../household/offer-state.js';
import { PURPOSES } from '../runtime/consent-gate.js';
import { LOCALES } from '../runtime/locales.js';

export { OFFER_CHANNELS, type OfferChannel } from '../household/offer-state.js';

/**
 * Why an offer was not shown: the guard that stopped it, in the order the guards run
 * (consent, objections, channel policy, frequency cap, quiet hours, control group).
 */
export const SUPPRESSION_REASONS = [
  /** `offers` for the brand, or a purpose the campaign reads, is not granted. */
  'consent',
  /** The household objects to direct marketing (art. 21): wins over every grant. */
  'objection',
  /** The household objects to this brand's offers. */
  'brandObjection',
  /** The household objects to this campaign. */
  'campaignObjection',
  /** The channel does not allow it here (Alexa: promotions only when asked). */
  'channelPolicy',
  /** The household's daily cap for the channel is reached. */
  'frequencyCap',
  /** Unasked, inside the household's quiet hours. */
  'quietHours',
  /** The household is in the control group: no campaign offers, so lift can be measured. */
  'controlGroup',
] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

/** An ISO 8601 week, `2026-W48`. */
export const isoWeekSchema = z
  .string()
  .regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, 'an ISO week such as 2026-W48');

const instant = z.string().min(1);

export const offerLogRecordSchema = z.object({
  /** The record's own id (also its document id); the explanation route names it. */
  offerId: z.string().min(1),
  /** A campaign of a brand, or a reorder proposal (a service: never withheld by the control group). */
  kind: z.enum(['campaign', 'reorder']),
  brandId: z.string().min(1),
  /** The campaign's id (`reorder` for reorder proposals). */
  campaignId: z.string().min(1),
  /** The A/B variant assigned (stable per household and campaign), when the campaign has variants. */
  variant: z.string().min(1).optional(),
  skillId: z.string().min(1),
  channel: z.enum(OFFER_CHANNELS),
  locale: z.enum(LOCALES),
  /** What made the engine consider it: the intent asked, or the domain event. */
  trigger: z.object({ intent: z.string().min(1).optional(), event: z.string().min(1).optional() }),
  /** Whether the household asked for offers (fridge-chef's DealsIntent) or the offer came unasked. */
  requested: z.boolean(),
  decision: z.enum(['shown', 'suppressed']),
  /** Set when suppressed. */
  reason: z.enum(SUPPRESSION_REASONS).optional(),
  /** A brand's paid placement (said and shown as such); reorder proposals are not sponsored. */
  sponsored: z.boolean(),
  /** The purposes the decision read (the explanation names them). */
  purposes: z.array(z.enum(PURPOSES)),
  /** The campaign's eligibility rule, as a key the skill's responses word (`why.campaign.lowStock`). */
  rule: z.string().min(1),
  /** What was offered, as a key the skill's responses word (the campaign's title). */
  title: z.string().min(1).optional(),
  /** What a conversion is: an order of this capsule variety, or this ingredient bought. */
  product: z
    .object({ variety: z.string().min(1).optional(), ingredient: z.string().min(1).optional() })
    .optional(),
  /** `measurement` was granted to the brand when the decision was made: only these records are reported. */
  measured: z.boolean(),
  /** The household's control-group membership when the decision was made. */
  control: z.boolean(),
  /** When the decision was made (the domain clock), and its ISO week (UTC). */
  at: instant,
  week: isoWeekSchema,
  /** What the household did: said yes or tapped, said no, and converted (within the attribution window). */
  acceptedAt: instant.optional(),
  declinedAt: instant.optional(),
  convertedAt: instant.optional(),
  /** Retention (docs/privacy.md): purged after this instant. */
  expireAt: instant,
});
export type OfferLogRecord = z.infer<typeof offerLogRecordSchema>;

/** The collection's name under `households/{hid}/`. */
export const OFFER_LOG = 'offerLog';

/** How long an offer-log record is kept after its decision, in calendar months. */
export const OFFER_LOG_RETENTION_MONTHS = 13;

/** The `expireAt` of a record decided at `at`: 13 calendar months on (the last day of a shorter month). */
export function offerLogExpireAt(at: Date): string {
  const month = at.getUTCMonth() + OFFER_LOG_RETENTION_MONTHS;
  const lastDay = new Date(Date.UTC(at.getUTCFullYear(), month + 1, 0)).getUTCDate();
  const expiry = new Date(at);
  expiry.setUTCDate(1);
  expiry.setUTCMonth(month);
  expiry.setUTCDate(Math.min(at.getUTCDate(), lastDay));
  return expiry.toISOString();
}
