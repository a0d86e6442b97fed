/**
 * A "yes" to a proposal: exactly one order per proposal (create-if-absent on an id derived
 * from it), never a second order of a variety while one is in progress, and the brand's
 * outbox entry in the same transaction. Any number of confirmations of one proposal, on any
 * number of instances, make one order: the others read it and answer that it was placed.
 * The yes re-reads the household's delivery address: none any more, or another than the
 * proposal's snapshot, and nothing is ordered (a changed address renews the proposal with
 * the new one, in the same transaction, so that the household is asked again).
 */

import { contextPath } from '../../../household/context-documents.js';
import { parseDeliveryAddress, sameAddress } from '../../../household/delivery-address.js';
import { householdRecordSchema } from '../../../household/household-record.js';
import { paths } from '../../../household/paths.js';
import { randomId } from '../../../ids/random-id.js';
import { isSafeId } from '../../../ids/safe-id.js';
import { secretMatches } from '../../../ids/secret-hash.js';
import { newOutboxEntry, type OutboxKind } from '../../../outbox/outbox-record.js';
import {
  AlreadyExistsError,
  type DocData,
  type DocumentStore,
  type Transaction,
  TransactionConflictError,
} from '../../../store/document-store.js';
import { addressInMarket } from '../market.js';
import {
  IN_PROGRESS,
  type OrderRecord,
  orderIdFor,
  orderPath,
  orderRecordSchema,
  WITHDRAWAL_DAYS,
} from '../order-record.js';
import {
  PROPOSAL_TTL_MS,
  type ProposalRecord,
  proposalPath,
  proposalRecordSchema,
} from './proposal-record.js';

/** How long after it is placed an order can be cancelled, by default. */
export const CANCEL_WINDOW_MS = 24 * 60 * 60 * 1000;

export type ConfirmChannel = OrderRecord['channel'];

export type ConfirmResult =
  | { status: 'placed'; order: OrderRecord }
  /** This proposal's order exists already (a second "yes", or another instance's). */
  | { status: 'alreadyPlaced'; order: OrderRecord }
  /** Another order of the variety is on its way (Amazon Dash's ORDER_INPROGRESS). */
  | { status: 'inProgress'; variety: string }
  /** No such proposal for this household (unknown, another household's, malformed, or gone). */
  | { status: 'unknown' }
  | { status: 'expired' }
  /** The household set a voice code: the confirmation must carry it. */
  | { status: 'voiceCodeNeeded' }
  | { status: 'voiceCodeWrong' }
  /** auto_reorder is not granted (an order without asking). */
  | { status: 'notAllowed' }
  /** The household has no delivery address any more: nothing is ordered until it sets one. */
  | { status: 'noAddress' }
  /** The address is now in another country than the market the proposal was priced for. */
  | { status: 'addressAbroad' }
  /**
   * The household's delivery address changed since the proposal: nothing is ordered, and
   * `renewed` (the same terms to the new address, which replaced the proposal) is to be
   * asked again; `voiceCode` as for an offer.
   */
  | { status: 'addressChanged'; renewed: ProposalRecord; voiceCode: boolean };

export type ConfirmRequest = {
  householdId: string;
  proposalId: string;
  channel: ConfirmChannel;
  /** The voice code as said, when the household gave one. */
  voiceCode?: string;
  now: Date;
  /** Who placed it, for the history (`voice`, `screen:{deviceId}`, `auto`). */
  by: string;
};

/** Attempts of the whole confirmation when the store gives up on a contended transaction. */
const CONFIRM_ATTEMPTS = 4;

/**
 * The body the brand receives (and signs over): the order as placed, and in `order.placed`
 * where to deliver it (contract necessity); nothing else of the household.
 */
export function brandBody(kind: OutboxKind, order: OrderRecord, at: Date): Record<string, unknown> {
  return {
    kind,
    orderId: order.id,
    brandId: order.brandId,
    variety: order.variety,
    boxes: order.boxes,
    capsules: order.capsules,
    totalMinor: order.totalMinor,
    currency: order.currency,
    market: order.market,
    deliveryOn: order.deliveryOn,
    status: kind === 'order.cancelled' ? 'cancelled' : order.status,
    ...(kind === 'order.placed' && order.deliveryAddress ? { deliveryAddress: order.deliveryAddress } : {}),
    at: at.toISOString(),
  };
}

/** The order a proposal makes when confirmed now. */
function orderFrom(proposal: ProposalRecord, request: ConfirmRequest): OrderRecord {
  const at = request.now.toISOString();
  return {
    id: orderIdFor(proposal.id),
    proposalId: proposal.id,
    brandId: proposal.brandId,
    skillId: proposal.skillId,
    variety: proposal.variety,
    capsules: proposal.capsules,
    boxes: proposal.boxes,
    totalMinor: proposal.totalMinor,
    currency: proposal.currency,
    market: proposal.market,
    seller: proposal.seller,
    deliveryOn: proposal.deliveryOn,
    status: 'placed',
    placedAt: at,
    cancelUntil: new Date(request.now.getTime() + CANCEL_WINDOW_MS).toISOString(),
    channel: request.channel,
    deliveryAddress: proposal.deliveryAddress,
    withdrawal: { days: WITHDRAWAL_DAYS, from: 'delivery' },
    history: [{ status: 'placed', at, by: request.by }],
  };
}

/** The same terms to the household's new address: a new proposal, asked again, valid from `now`. */
function renewedProposal(old: ProposalRecord, deliveryAddress: ProposalRecord['deliveryAddress'], now: Date) {
  return {
    ...old,
    id: randomId('prp'),
    deliveryAddress,
    createdAt: now.toISOString(),
    expireAt: new Date(now.getTime() + PROPOSAL_TTL_MS).toISOString(),
  } satisfies ProposalRecord;
}

/** The order of a snapshot's data, or undefined when it does not parse. */
export function parseOrder(data: DocData | undefined): OrderRecord | undefined {
  const parsed = orderRecordSchema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}

/** Whether the order the household record names for a variety is still on its way. */
async function inProgress(tx: Transaction, householdId: string, openOrderId: string | null | undefined) {
  if (!openOrderId) return false;
  // The field names the last order; its own status says whether it is still on its way
  // (a status the brand reported since, or a cancellation, settles it).
  const open = parseOrder((await tx.get(orderPath(householdId, openOrderId))).data);
  return open !== undefined && IN_PROGRESS.includes(open.status);
}

async function confirmOnce(
  store: DocumentStore,
  request: ConfirmRequest,
  requireAutoReorder: ((household: DocData) => boolean) | undefined,
): Promise<ConfirmResult> {
  const { householdId, proposalId } = request;
  const orderId = orderIdFor(proposalId);
  return store.runTransaction(async (tx): Promise<ConfirmResult> => {
    const [householdSnap, orderSnap, proposalSnap, preferencesSnap, addressSnap] = await tx.getAll([
      paths.household(householdId),
      orderPath(householdId, orderId),
      proposalPath(householdId, proposalId),
      contextPath(householdId, 'preferences'),
      paths.deliveryAddress(householdId),
    ]);
    const existing = parseOrder(orderSnap?.data);
    if (existing) return { status: 'alreadyPlaced', order: existing };
    const household = householdRecordSchema.safeParse(householdSnap?.data);
    const proposal = proposalRecordSchema.safeParse(proposalSnap?.data);
    if (!household.success || !proposal.success) return { status: 'unknown' };
    if (Date.parse(proposal.data.expireAt) <= request.now.getTime()) return { status: 'expired' };
    if (requireAutoReorder && !requireAutoReorder(householdSnap!.data!)) return { status: 'notAllowed' };
    const codeHash = preferencesSnap?.data?.voiceCodeHash;
    const voiceCodeSet = typeof codeHash === 'string';
    // Before the voice code: a code is not asked for an order that is not going to be placed.
    const address = parseDeliveryAddress(addressSnap?.data);
    if (!address) return { status: 'noAddress' };
    if (!addressInMarket(address, proposal.data.market)) return { status: 'addressAbroad' };
    if (!sameAddress(address, proposal.data.deliveryAddress)) {
      const renewed = renewedProposal(proposal.data, address, request.now);
      tx.delete(proposalPath(householdId, proposalId));
      tx.create(proposalPath(householdId, renewed.id), renewed);
      return { status: 'addressChanged', renewed, voiceCode: voiceCodeSet };
    }
    // The voice code guards what the household pays for: checked whatever is granted, never read for anything else.
    if (typeof codeHash === 'string' && request.channel !== 'auto') {
      if (request.voiceCode === undefined) return { status: 'voiceCodeNeeded' };
      if (!secretMatches(request.voiceCode, codeHash)) return { status: 'voiceCodeWrong' };
    }
    const variety = proposal.data.variety;
    if (await inProgress(tx, householdId, household.data.openOrders?.[variety])) {
      return { status: 'inProgress', variety };
    }
    const order = orderFrom(proposal.data, request);
    tx.create(orderPath(householdId, order.id), order);
    tx.merge(paths.household(householdId), { openOrders: { [variety]: order.id } });
    // The proposal has done its work: what was ordered is on the order now.
    tx.delete(proposalPath(householdId, proposalId));
    const outbox = newOutboxEntry({
      brandId: order.brandId,
      kind: 'order.placed',
      orderId: order.id,
      householdId,
      body: brandBody('order.placed', order, request.now),
      now: request.now,
    });
    tx.set(outbox.path, outbox.data);
    return { status: 'placed', order };
  });
}

/**
 * Confirms a proposal of the household. A store that gives up on a contended transaction
 * (many confirmations at once) is asked again, a bounded number of times: by then the
 * winner's order exists and the answer is that it was placed.
 */
export async function confirmProposal(
  store: DocumentStore,
  request: ConfirmRequest,
  options: { requireAutoReorder?: (household: DocData) => boolean } = {},
): Promise<ConfirmResult> {
  // A session may name anything: only an id that can be a document id is looked up.
  if (!isSafeId(request.proposalId) || !isSafeId(request.householdId)) return { status: 'unknown' };
  // A repeated yes finds its order without a transaction: many at once then contend with no one.
  const placed = parseOrder(
    (await store.get(orderPath(request.householdId, orderIdFor(request.proposalId)))).data,
  );
  if (placed) return { status: 'alreadyPlaced', order: placed };
  for (let attempt = 1; ; attempt++) {
    try {
      return await confirmOnce(store, request, options.requireAutoReorder);
    } catch (error) {
      const contended = error instanceof AlreadyExistsError || error instanceof TransactionConflictError;
      if (!contended || attempt >= CONFIRM_ATTEMPTS) throw error;
    }
  }
}
