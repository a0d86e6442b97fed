/**
 * The orders service handlers get as `context.services.orders`: offer a reorder (kept on the
 * server), confirm it, cancel the latest order, place one without asking under
 * `auto_reorder`, and tell the household about such orders at its next interaction.
 */
import type { ConsumptionDocument } from '../../../household/context-documents.js';
import { isSafeId } from '../../../ids/safe-id.js';
import { recordDecline, recordOrderConversion } from '../../../offers/record-conversion.js';
import type { DocumentStore } from '../../../store/document-store.js';
import { orderPath, ordersCollection } from '../order-record.js';
import type { ReorderProposalDraft } from '../reorder-proposal.js';
import { cancelOrder, latestCancellable } from './cancel-order.js';
import { autoReorderGranted, type OfferRequest, offerProposal } from './offer-proposal.js';
import {
  type CancelView,
  type ConfirmView,
  cancelView,
  confirmView,
  type OfferView,
  type OrderView,
  offerView,
  orderView,
  type ProposalView,
  proposalView,
} from './order-views.js';
import { type ConfirmRequest, type ConfirmResult, confirmProposal, parseOrder } from './place-order.js';
import { proposalPath, proposalRecordSchema } from './proposal-record.js';

/** What the skill asks a draft for: the household, and what it asked for if it said. */
export type DraftRequest = {
  householdId: string;
  brandId: string;
  variety?: string;
  quantity?: number;
  /** The household asked ("reorder my capsules"); false: whether one should be offered now at all. */
  asked: boolean;
  locale: string;
  now: Date;
  /** The household's time zone: its days decide the forecast and the delivery day. */
  timeZone: string;
  /**
   * The consumption document as the handler read it through the consent gate; absent when
   * `consumption` is not granted. The draft source reads nothing itself.
   */
  consumption?: ConsumptionDocument | undefined;
  /** The household's usual order (`preferences`), when granted and set. */
  usualOrder?: { variety: string; quantity: number } | undefined;
};

/** Makes proposal drafts (the capsules domain's forecast and catalog: see capsule-drafts.ts). */
export type DraftSource = (request: DraftRequest) => Promise<ReorderProposalDraft | undefined>;

/**
 * Handlers see proposals and orders without the delivery address, which they get masked
 * (`deliverTo`, order-views.ts): the address is read by the orders code alone.
 */
export interface OrdersService {
  /** A draft for what the household asked, or undefined when none can be made (unknown variety, no catalog). */
  draft(request: DraftRequest): Promise<ReorderProposalDraft | undefined>;
  /** Keeps a proposal to the household's delivery address (refused without one: `noAddress`). */
  offer(request: OfferRequest): Promise<OfferView>;
  /** A proposal of the household still open, by the id a session carries. */
  proposal(householdId: string, proposalId: string): Promise<ProposalView | undefined>;
  confirm(request: ConfirmRequest): Promise<ConfirmView>;
  /** The household said no to a proposal: its offer is recorded as declined. */
  decline(request: { householdId: string; proposalId: string; now: Date }): Promise<void>;
  /** Cancels one order by id, or the latest that can be cancelled. */
  cancel(request: { householdId: string; orderId?: string; now: Date; by: string }): Promise<CancelView>;
  /** Orders a draft without asking; placed only while `auto_reorder` is granted. */
  orderWithoutAsking(request: Omit<OfferRequest, 'asked' | 'automatic'>): Promise<OfferView | ConfirmView>;
  /** Orders placed without asking that the household has not heard of yet; marked as told. */
  announce(request: { householdId: string; now: Date }): Promise<OrderView[]>;
}

declare module '../../../runtime/skill-services.js' {
  interface SkillServices {
    /** Capsule orders; absent where the app was built without them (then nothing can be ordered). */
    orders?: OrdersService;
  }
}

/**
 * An order just placed converts the offers of its variety (and accepts the proposal it
 * confirms): recorded after the order, whose outcome a failure here never changes.
 */
async function converted(
  store: DocumentStore,
  { householdId, proposalId, now }: { householdId: string; proposalId?: string; now: Date },
  result: ConfirmResult,
): Promise<ConfirmResult> {
  if (result.status !== 'placed') return result;
  await recordOrderConversion(store, householdId, {
    variety: result.order.variety,
    ...(proposalId ? { proposalId } : {}),
    at: now,
  }).catch(() => 0);
  return result;
}

export function createOrdersService({
  store,
  drafts,
}: {
  store: DocumentStore;
  drafts?: DraftSource;
}): OrdersService {
  return {
    draft: async (request) => drafts?.(request),
    offer: async (request) => offerView(await offerProposal(store, request)),
    confirm: async (request) =>
      confirmView(await converted(store, request, await confirmProposal(store, request))),
    async decline({ householdId, proposalId, now }) {
      await recordDecline(store, householdId, { proposalId, at: now });
    },
    async proposal(householdId, proposalId) {
      if (!isSafeId(householdId) || !isSafeId(proposalId)) return undefined;
      const parsed = proposalRecordSchema.safeParse(
        (await store.get(proposalPath(householdId, proposalId))).data,
      );
      return parsed.success ? proposalView(parsed.data) : undefined;
    },
    async cancel({ householdId, orderId, now, by }) {
      const id = orderId ?? (await latestCancellable(store, householdId, now))?.id;
      if (id === undefined) return { status: 'notFound' };
      return cancelView(await cancelOrder(store, { householdId, orderId: id, now, by }));
    },
    async orderWithoutAsking(request) {
      const offered = await offerProposal(store, { ...request, asked: false, automatic: true });
      if (offered.status !== 'offered') return offerView(offered);
      const { brandId } = offered.proposal;
      const placed = await confirmProposal(
        store,
        {
          householdId: request.householdId,
          proposalId: offered.proposal.id,
          channel: 'auto',
          now: request.now,
          by: 'auto',
        },
        // Checked again in the order's own transaction: a withdrawal a moment ago holds.
        { requireAutoReorder: (household) => autoReorderGranted(household, brandId) },
      );
      return confirmView(
        await converted(store, { householdId: request.householdId, now: request.now }, placed),
      );
    },
    async announce({ householdId, now }) {
      const snaps = await store.query({
        collection: ordersCollection(householdId),
        where: [{ field: 'channel', op: '==', value: 'auto' }],
      });
      const untold = snaps.flatMap((s) => {
        const order = parseOrder(s.data);
        return order && order.announcedAt === undefined ? [order] : [];
      });
      if (untold.length === 0) return [];
      const batch = store.batch();
      for (const order of untold)
        batch.merge(orderPath(householdId, order.id), { announcedAt: now.toISOString() });
      await batch.commit();
      return untold.map(orderView);
    },
  };
}
