/**
 * What handlers get of proposals and orders: everything but the delivery address, which
 * they see only masked (`deliverTo`). The address is the household's contract data, read by
 * the orders code alone; a skill reads it back, it never holds it.
 */
import { type MaskedAddress, maskAddress } from '../masked-address.js';
import type { OrderRecord } from '../order-record.js';
import type { CancelResult } from './cancel-order.js';
import type { OfferResult } from './offer-proposal.js';
import type { ConfirmResult } from './place-order.js';
import type { ProposalRecord } from './proposal-record.js';

export type ProposalView = Omit<ProposalRecord, 'deliveryAddress'>;
export type OrderView = Omit<OrderRecord, 'deliveryAddress'>;

export type OfferView =
  | { status: 'offered'; proposal: ProposalView; deliverTo: MaskedAddress; voiceCode: boolean }
  | Extract<OfferResult, { status: 'refused' }>;

export type ConfirmView =
  | { status: 'placed' | 'alreadyPlaced'; order: OrderView }
  | { status: 'addressChanged'; renewed: ProposalView; deliverTo: MaskedAddress; voiceCode: boolean }
  | Exclude<ConfirmResult, { status: 'placed' | 'alreadyPlaced' | 'addressChanged' }>;

export type CancelView =
  | { status: Exclude<CancelResult['status'], 'notFound'>; order: OrderView }
  | { status: 'notFound' };

/** A proposal without its address. */
export function proposalView(proposal: ProposalRecord): ProposalView {
  const { deliveryAddress: _kept, ...view } = proposal;
  return view;
}

/** An order without its address. */
export function orderView(order: OrderRecord): OrderView {
  const { deliveryAddress: _kept, ...view } = order;
  return view;
}

export function offerView(result: OfferResult): OfferView {
  if (result.status !== 'offered') return result;
  const { proposal, voiceCode } = result;
  return {
    status: 'offered',
    proposal: proposalView(proposal),
    deliverTo: maskAddress(proposal.deliveryAddress),
    voiceCode,
  };
}

export function confirmView(result: ConfirmResult): ConfirmView {
  switch (result.status) {
    case 'placed':
    case 'alreadyPlaced':
      return { status: result.status, order: orderView(result.order) };
    case 'addressChanged':
      return {
        status: 'addressChanged',
        renewed: proposalView(result.renewed),
        deliverTo: maskAddress(result.renewed.deliveryAddress),
        voiceCode: result.voiceCode,
      };
    default:
      return result;
  }
}

export function cancelView(result: CancelResult): CancelView {
  return result.status === 'notFound' ? result : { status: result.status, order: orderView(result.order) };
}
