/**
 * One decision of the guards as an offer-log record, and the household document's fields a
 * shown offer changes (today's count on its channel, the last offer): the same for campaigns
 * (`offer-engine.ts`) and reorder proposals (`domains/capsules/orders/`).
 */
import type { OfferChannel, OfferCounts } from '../household/offer-state.js';
import type { Purpose } from '../runtime/consent-gate.js';
import type { DayCounter, JsonObject } from '../runtime/effects.js';
import type { Locale } from '../runtime/locales.js';
import { isoWeekOf } from './iso-week.js';
import type { OfferDecision } from './offer-guards.js';
import { type OfferLogRecord, offerLogExpireAt } from './offer-log-record.js';

export type DecisionFacts = {
  offerId: string;
  kind: OfferLogRecord['kind'];
  brandId: string;
  campaignId: string;
  variant?: string | undefined;
  skillId: string;
  channel: OfferChannel;
  locale: Locale;
  trigger: OfferLogRecord['trigger'];
  requested: boolean;
  sponsored: boolean;
  /** Purposes the offer reads besides `offers`. */
  purposes: readonly Purpose[];
  granted: readonly Purpose[];
  rule: string;
  title?: string | undefined;
  product?: { variety?: string; ingredient?: string } | undefined;
  now: Date;
};

/** The record of a decision: purposes used are those read (and `offers` for a shown campaign). */
export function decisionRecord(facts: DecisionFacts, decision: OfferDecision): OfferLogRecord {
  const read = facts.purposes.filter((p) => facts.granted.includes(p));
  return {
    offerId: facts.offerId,
    kind: facts.kind,
    brandId: facts.brandId,
    campaignId: facts.campaignId,
    ...(facts.variant ? { variant: facts.variant } : {}),
    skillId: facts.skillId,
    channel: facts.channel,
    locale: facts.locale,
    trigger: facts.trigger,
    requested: facts.requested,
    decision: decision.shown ? 'shown' : 'suppressed',
    ...(decision.shown ? {} : { reason: decision.reason }),
    sponsored: facts.sponsored,
    purposes: decision.shown && facts.kind === 'campaign' ? ['offers', ...read] : read,
    rule: facts.rule,
    ...(facts.title ? { title: facts.title } : {}),
    ...(facts.product ? { product: facts.product } : {}),
    measured: facts.granted.includes('measurement'),
    control: !decision.shown && decision.reason === 'controlGroup',
    at: facts.now.toISOString(),
    week: isoWeekOf(facts.now),
    expireAt: offerLogExpireAt(facts.now),
  };
}

/**
 * What showing an offer changes on the household document: the last offer, and one more on
 * the channel's count of the household's day (an increment when the turn read that day's
 * counts, so that concurrent turns lose none; the day's first offer starts new counts).
 */
export function shownOfferFields(
  counts: OfferCounts,
  {
    channel,
    offerId,
    now,
    skillId,
    sameDay,
  }: { channel: OfferChannel; offerId: string; now: Date; skillId: string; sameDay: boolean },
): { household: JsonObject; counter: DayCounter } {
  return {
    household: { lastOffer: { offerId, at: now.toISOString(), skillId } },
    counter: {
      field: 'offerCounts',
      key: channel,
      day: counts.day,
      sameDay,
      fresh: { ...counts, [channel]: counts[channel] + 1 },
    },
  };
}
