/**
 * What the turn pipeline asks of the offers engine (`src/offers/`), which the app hands it
 * (`TurnDeps.offers`): which purposes the campaigns an intent can trigger read (they join
 * the intent's single read), what to offer in this turn after the guards, and the last
 * offer's explanation from the offer log. The runtime knows no campaign and no store.
 */
import type { ConsentedContext, Purpose } from './consent-gate.js';
import type { DayCounter, JsonObject } from './effects.js';
import type { Turn } from './turn.js';

/** A domain event a handler raises for the offers engine (`ingredientMissing`, `belowReorderPoint`). */
export type OfferEvent = { event: string; ingredient?: string; variety?: string };

/** What a reply tells the engine: the household asked for offers, or domain events happened. */
export type OfferCue = {
  /** The household asked for offers ("any deals?"): an offer shown replaces the reply's speech. */
  requested?: boolean;
  events?: readonly OfferEvent[];
  /**
   * What the household just did that an offer of these products asks for (an ingredient put on
   * its shopping list): it converts the household's recent offers of them (after the reply).
   */
  converted?: readonly OfferProduct[];
};

/** A product of an offer: a capsule variety or an ingredient. */
export type OfferProduct = { variety?: string; ingredient?: string };

/** The household document's offer fields, from the turn's one read. */
export type TurnOfferState = {
  demo: boolean;
  marketingObjection: boolean;
  /** Objections to brands (ids) and campaigns (`brandId:campaignId`). */
  objections?: { brands: string[]; campaigns: string[] };
  /** Offers shown on `day` (the household's calendar day) per channel. */
  counts?: { day: string; alexa: number; google: number; screen: number };
  lastOffer?: { offerId: string; at: string; skillId: string };
};

/** What taking up an offer runs: an intent of the skill with slot values (ids, or digits). */
export type OfferAction = { intent: string; slots: Readonly<Record<string, string>> };

/** An offer to show, as response keys of the skill's namespace and their values. */
export type ShownOffer = {
  offerId: string;
  campaignId: string;
  /** How the household takes it up: the question asked (voice), the action's label (screens). */
  accept?: OfferAction & { question: string; label: string };
  sponsored: boolean;
  speech: string;
  title: string;
  subtitle?: string;
  values: Record<string, string>;
};

/** A decision to write: the offer-log record, and what changes on the household document. */
export type OfferWrite = {
  id: string;
  record: JsonObject;
  household?: JsonObject;
  counter?: DayCounter;
};

export type OfferOutcome = {
  shown?: ShownOffer;
  /** Written before the reply: the shown offer (the next turn's cap and explanation need it). */
  before: OfferWrite[];
  /** Written after the reply, batched: the suppressed decisions. */
  after: OfferWrite[];
};

/** What an explanation says, as the skill words it (response keys and values, purposes named). */
export type OfferExplanation = {
  offerId: string;
  brandId: string;
  campaignId: string;
  sponsored: boolean;
  /** The campaign's rule (`why.campaign.*`), worded by the skill. */
  rule: string;
  purposes: Purpose[];
  /** The offer's title key, for naming what was offered. */
  title: string;
  /** Shown, or suppressed with the guard's reason. */
  decision: 'shown' | 'suppressed';
  reason?: string;
  skillId: string;
  at: string;
};

export interface TurnOffers {
  /** Purposes the campaigns `intent` of `skillId` can trigger read, besides `offers` and `measurement`. */
  purposesFor(skillId: string, intent: string): readonly Purpose[];
  /** Whether any campaign of the skill can come up on this intent (so the pipeline reads offer consent). */
  hasCampaigns(skillId: string, intent: string): boolean;
  /** The guards' decisions for this turn. */
  consider(input: {
    turn: Turn;
    brandId: string;
    householdId: string;
    timeZone: string;
    context: ConsentedContext;
    state: TurnOfferState;
    cue: OfferCue | undefined;
  }): OfferOutcome;
  /** The action that takes up a campaign's offer, if it has one. */
  acceptAction(skillId: string, campaignId: string): OfferAction | undefined;
  /**
   * Records the household's answer to an offer it was shown (accepted or declined, once);
   * whether it changed the offer log (an unknown, unshown or answered offer: false).
   */
  recordAnswer(
    householdId: string,
    offerId: string,
    answer: 'accepted' | 'declined',
    at: Date,
  ): Promise<boolean>;
  /** Records what the household's action converts (its recent offers of these products); how many. */
  recordConversions(householdId: string, products: readonly OfferProduct[], at: Date): Promise<number>;
  /** The explanation of an offer of the household, read from its offer log; undefined when none. */
  explain(householdId: string, offerId: string): Promise<OfferExplanation | undefined>;
}
