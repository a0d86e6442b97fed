/**
 * The limits every offer keeps (README, "Offers"): how many offers a household is shown per
 * channel and calendar day (in its time zone), its quiet hours for offers it did not ask for,
 * and the share of households in the control group. One policy for the whole service.
 */
import type { OfferChannel } from '../household/offer-state.js';

export type OfferPolicy = {
  /** Offers shown per household, channel and calendar day, at most. */
  dailyCaps: Readonly<Record<OfferChannel, number>>;
  /** Local times (`HH:MM`, the household's zone) between which nothing unasked is offered. */
  quietHours: { readonly from: string; readonly to: string };
  /** Share of households (by a stable hash) that get no campaign offers: the control group. */
  controlShare: number;
  /** Days after an offer in which an order or use of its product counts as its conversion. */
  attributionDays: number;
};

/** The published defaults. */
export const DEFAULT_OFFER_POLICY: OfferPolicy = {
  dailyCaps: { alexa: 2, google: 2, screen: 4 },
  quietHours: { from: '21:00', to: '08:00' },
  controlShare: 0.05,
  attributionDays: 3,
};
