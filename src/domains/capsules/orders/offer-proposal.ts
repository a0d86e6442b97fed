/**
 * Keeping a reorder proposal on the server when the household is offered one, and the
 * consent rules that decide whether it may be: a proposal is made from the household's
 * consumption, so it needs `consumption`; one made unasked is direct marketing, so the
 * household's objection stops it (asking "reorder my capsules" still works); an order
 * without asking needs `auto_reorder`. A proposal is made only to a household that set a
 * delivery address (contract data, read here and at the yes, never through the gate), and
 * carries a snapshot of it.
 */

import { isGranted } from '../../../consent/consent-rules.js';
import { consentStateOf } from '../../../consent/record-choice.js';
import { contextPath } from '../../../household/context-documents.js';
import { addDayCount } from '../../../household/day-counter.js';
import { type DeliveryAddress, parseDeliveryAddress } from '../../../household/delivery-address.js';
import { localDay } from '../../../household/device-events/local-day.js';
import { type HouseholdRecord, householdRecordSchema } from '../../../household/household-record.js';
import {
  countsOn,
  isOfferChannel,
  type OfferChannel,
  type OfferCounts,
} from '../../../household/offer-state.js';
import { paths } from '../../../household/paths.js';
import { randomId } from '../../../ids/random-id.js';
import { isSafeId } from '../../../ids/safe-id.js';
import {
  type DecisionFacts,
  decisionRecord,
  shownOfferFields,
} from '../../../offers/offer-decision-record.js';
import { decideOffer, type OfferDecision } from '../../../offers/offer-guards.js';
import { OFFER_LOG } from '../../../offers/offer-log-record.js';
import { DEFAULT_OFFER_POLICY } from '../../../offers/offer-policy.js';
import { proposalOfferId } from '../../../offers/record-conversion.js';
import { PURPOSES } from '../../../runtime/consent-gate.js';
import type { Locale } from '../../../runtime/locales.js';
import type { DocData, DocumentStore, DocumentWriter } from '../../../store/document-store.js';
import { addressInMarket } from '../market.js';
import type { ReorderProposalDraft } from '../reorder-proposal.js';
import { PROPOSAL_TTL_MS, type ProposalRecord, proposalPath } from './proposal-record.js';

export type OfferResult =
  /** `voiceCode`: the household set one, so the confirmation must carry it. */
  | { status: 'offered'; proposal: ProposalRecord; voiceCode: boolean }
  /**
   * `noAddress`: the household set no delivery address, so nothing can be ordered;
   * `addressAbroad`: its address is not in the market the draft is priced for.
   */
  | {
      status: 'refused';
      reason:
        | 'household'
        | 'consumption'
        | 'objection'
        | 'autoReorder'
        | 'noAddress'
        | 'addressAbroad'
        /** An unasked proposal past the channel's daily cap of offers, or in the household's quiet hours. */
        | 'frequencyCap'
        | 'quietHours';
    };

/**
 * An unasked proposal made in a turn is an offer: it keeps the household's daily cap and
 * quiet hours (never the control group: it is a service) and its decision goes to the offer
 * log, worded by the skill's keys (what was offered, why).
 */
export type ProposalOfferLog = {
  channel: string;
  locale: Locale;
  timeZone: string;
  /** Response keys of the skill: what was offered, and the rule. */
  title: string;
  rule: string;
};

export type OfferRequest = {
  householdId: string;
  skillId: string;
  draft: ReorderProposalDraft;
  /** The household asked for it; false when hearth offers it on its own. */
  asked: boolean;
  /**
   * An order placed without asking under `auto_reorder`: a service the household contracted
   * for, not marketing, so its objection does not stop it; the grant does.
   */
  automatic?: boolean;
  now: Date;
  /** The turn that made an unasked proposal, for the offer guards and the offer log. */
  offerLog?: ProposalOfferLog;
};

/** Why a proposal may not be made to this household now, if it may not. */
export function proposalRefusal(
  household: HouseholdRecord,
  { brandId, asked, automatic }: { brandId: string; asked: boolean; automatic?: boolean | undefined },
): 'consumption' | 'objection' | 'autoReorder' | undefined {
  const state = consentStateOf(household);
  if (!isGranted(state, 'consumption', brandId)) return 'consumption';
  if (automatic) return isGranted(state, 'auto_reorder', brandId) ? undefined : 'autoReorder';
  if (!asked && state.marketingObjection !== undefined) return 'objection';
  return undefined;
}

/** Whether the household lets hearth order for it without asking (the household document as stored). */
export function autoReorderGranted(household: DocData, brandId: string): boolean {
  const parsed = householdRecordSchema.safeParse(household);
  return parsed.success && isGranted(consentStateOf(parsed.data), 'auto_reorder', brandId);
}

/** The proposal a draft makes, to be delivered to `deliveryAddress`, valid for PROPOSAL_TTL_MS from `now`. */
function proposalFrom(request: OfferRequest, deliveryAddress: DeliveryAddress): ProposalRecord {
  const { draft, now } = request;
  return {
    id: randomId('prp'),
    skillId: request.skillId,
    brandId: draft.brandId,
    variety: draft.variety,
    boxes: draft.boxes,
    capsules: draft.capsules,
    totalMinor: draft.totalMinor,
    currency: draft.currency,
    market: draft.market,
    seller: draft.seller,
    deliveryOn: draft.deliveryOn,
    asked: request.asked,
    deliveryAddress,
    createdAt: now.toISOString(),
    expireAt: new Date(now.getTime() + PROPOSAL_TTL_MS).toISOString(),
  };
}

/** Stores a proposal for the household when the consent rules allow it and it has an address (one read, one write). */
export async function offerProposal(store: DocumentStore, request: OfferRequest): Promise<OfferResult> {
  const { householdId } = request;
  if (!isSafeId(householdId)) return { status: 'refused', reason: 'household' };
  const [householdSnap, preferencesSnap, addressSnap] = await store.getAll([
    paths.household(householdId),
    contextPath(householdId, 'preferences'),
    paths.deliveryAddress(householdId),
  ]);
  const household = householdRecordSchema.safeParse(householdSnap?.data);
  if (!household.success) return { status: 'refused', reason: 'household' };
  const refusal = proposalRefusal(household.data, {
    brandId: request.draft.brandId,
    asked: request.asked,
    automatic: request.automatic,
  });
  const guarded = unaskedOffer(household.data, request);
  if (refusal) {
    if (guarded && refusal !== 'autoReorder')
      await logDecision(store, guarded, {
        shown: false,
        reason: refusal === 'consumption' ? 'consent' : refusal,
      });
    return { status: 'refused', reason: refusal };
  }
  if (guarded && !guarded.decision.shown) {
    await logDecision(store, guarded, guarded.decision);
    const reason = guarded.decision.reason;
    return { status: 'refused', reason: reason === 'quietHours' ? 'quietHours' : 'frequencyCap' };
  }
  const address = parseDeliveryAddress(addressSnap?.data);
  if (!address) return { status: 'refused', reason: 'noAddress' };
  if (!addressInMarket(address, request.draft.market)) return { status: 'refused', reason: 'addressAbroad' };
  const proposal = proposalFrom(request, address);
  const writeShown = (writer: DocumentWriter, stored?: DocData) => {
    writer.create(proposalPath(householdId, proposal.id), proposal);
    // The shown decision's id is the proposal's: the yes that confirms it marks it accepted.
    if (guarded)
      addDecision(
        writer,
        { ...guarded, facts: { ...guarded.facts, offerId: proposalOfferId(proposal.id) } },
        { shown: true },
        stored,
      );
  };
  // The day's first offer reads the household again in a transaction: a concurrent turn may have started the day.
  if (guarded && !guarded.sameDay)
    await store.runTransaction(async (tx) =>
      writeShown(tx, (await tx.get(paths.household(householdId))).data),
    );
  else {
    const batch = store.batch();
    writeShown(batch);
    await batch.commit();
  }
  return { status: 'offered', proposal, voiceCode: typeof preferencesSnap?.data?.voiceCodeHash === 'string' };
}

type GuardedOffer = {
  request: OfferRequest;
  log: ProposalOfferLog & { channel: OfferChannel };
  facts: DecisionFacts;
  counts: OfferCounts;
  /** Whether the stored counters are of the household's day (the count is then an increment). */
  sameDay: boolean;
  decision: OfferDecision;
};

/** The guards' decision about an unasked proposal made in a turn on an offer channel; undefined otherwise. */
function unaskedOffer(household: HouseholdRecord, request: OfferRequest): GuardedOffer | undefined {
  const log = request.offerLog;
  if (!log || request.asked || request.automatic || !isOfferChannel(log.channel)) return undefined;
  const channel = log.channel;
  const { householdId, draft, now } = request;
  const state = consentStateOf(household);
  const granted = PURPOSES.filter((p) => isGranted(state, p, draft.brandId));
  const counts = countsOn(household.offerCounts, localDay(now, log.timeZone));
  const facts: DecisionFacts = {
    offerId: randomId('ofr'),
    kind: 'reorder',
    brandId: draft.brandId,
    campaignId: 'reorder',
    skillId: request.skillId,
    channel,
    locale: log.locale,
    trigger: { event: 'belowReorderPoint' },
    requested: false,
    sponsored: false,
    purposes: ['consumption'],
    granted,
    rule: log.rule,
    title: log.title,
    product: { variety: draft.variety },
    now,
  };
  const decision = decideOffer(
    {
      kind: 'reorder',
      brandId: draft.brandId,
      campaignId: 'reorder',
      purposes: ['consumption'],
      sponsored: false,
      ownProduct: true,
    },
    {
      householdId,
      demo: household.demo ?? false,
      channel,
      requested: false,
      granted,
      marketingObjection: state.marketingObjection !== undefined,
      objections: household.offerObjections,
      counts,
      now,
      timeZone: log.timeZone,
      policy: DEFAULT_OFFER_POLICY,
    },
  );
  return {
    request,
    log: { ...log, channel },
    facts,
    counts,
    sameDay: household.offerCounts?.day === counts.day,
    decision,
  };
}

/** The decision's record (and, shown, the household's counters) on a batch. */
function addDecision(
  batch: DocumentWriter,
  guarded: GuardedOffer,
  decision: OfferDecision,
  stored?: DocData,
): void {
  const { householdId, skillId, now } = guarded.request;
  const record = decisionRecord(guarded.facts, decision);
  batch.set(paths.record(householdId, OFFER_LOG, record.offerId), record as unknown as DocData);
  if (decision.shown) {
    const { household, counter } = shownOfferFields(guarded.counts, {
      channel: guarded.log.channel,
      offerId: record.offerId,
      now,
      skillId,
      sameDay: guarded.sameDay,
    });
    batch.merge(paths.household(householdId), household);
    addDayCount(batch, householdId, counter, stored);
  }
}

async function logDecision(
  store: DocumentStore,
  guarded: GuardedOffer,
  decision: OfferDecision,
): Promise<void> {
  const batch = store.batch();
  addDecision(batch, guarded, decision);
  await batch.commit();
}
