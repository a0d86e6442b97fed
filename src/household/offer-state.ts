/**
 * What the household document (`households/{hid}`) keeps for the offers engine, so that a
 * turn decides its offers from the one read it makes anyway: today's count of offers shown
 * per channel (the day in the household's time zone), its objections to a brand or a
 * campaign, and the last offer shown (what "why did you suggest that" explains, from the
 * offer log). The objection to all direct marketing is the consent state's
 * (`marketingObjection`). Read leniently: a malformed field reads as absent.
 */
import { z } from 'zod';

/** The channels an offer can be made on (turn channels that reach households). */
export const OFFER_CHANNELS = ['alexa', 'google', 'screen'] as const;
export type OfferChannel = (typeof OFFER_CHANNELS)[number];

/** Whether a turn's channel is one offers are made on. */
export function isOfferChannel(channel: string): channel is OfferChannel {
  return (OFFER_CHANNELS as readonly string[]).includes(channel);
}

/** Offers shown today per channel: `day` is the household's calendar day (`YYYY-MM-DD`). */
export const offerCountsSchema = z.object({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  ...(Object.fromEntries(OFFER_CHANNELS.map((c) => [c, z.number().int().min(0)])) as Record<
    OfferChannel,
    z.ZodNumber
  >),
});
export type OfferCounts = z.infer<typeof offerCountsSchema>;

/** The household's objections to one brand's offers, or to one campaign (`brandId:campaignId`). */
export const offerObjectionsSchema = z.object({
  brands: z.array(z.string().min(1)).max(100).default([]),
  campaigns: z.array(z.string().min(1)).max(500).default([]),
});
export type OfferObjections = z.infer<typeof offerObjectionsSchema>;

/** The last offer shown: its offer-log id, when, and by which skill. */
export const lastOfferSchema = z.object({
  offerId: z.string().min(1),
  at: z.string().min(1),
  skillId: z.string().min(1),
});
export type LastOffer = z.infer<typeof lastOfferSchema>;

/** The household document's offer fields, as the offers engine reads them. */
export const householdOfferFields = {
  offerCounts: offerCountsSchema.optional().catch(undefined),
  offerObjections: offerObjectionsSchema.optional().catch(undefined),
  lastOffer: lastOfferSchema.optional().catch(undefined),
};

/** A campaign's key in the objections list. */
export function campaignKey(brandId: string, campaignId: string): string {
  return `${brandId}:${campaignId}`;
}

/** Today's counts (zero on another day than `day`). */
export function countsOn(counts: OfferCounts | undefined, day: string): OfferCounts {
  if (counts?.day === day) return counts;
  return { day, alexa: 0, google: 0, screen: 0 };
}
