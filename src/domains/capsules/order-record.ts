/**
 * `households/{hid}/orders/{orderId}`: a capsule order placed by the household (a "yes"
 * to a proposal, a tap, or an automatic reorder under `auto_reorder`). Its id is derived
 * from the proposal it answers, so one proposal makes at most one order.
 */
import { z } from 'zod';
import { deliveryAddressSchema } from '../../household/delivery-address.js';

/** Where an order is; `placed` until the brand says more, `cancelled` by the household or the brand. */
export const ORDER_STATUSES = ['placed', 'confirmed', 'shipped', 'delivered', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Statuses in which an order is still in progress: no second order of its variety is made. */
export const IN_PROGRESS: readonly OrderStatus[] = ['placed', 'confirmed', 'shipped'];

/** Days the household may withdraw from an order after delivery (EU distance contracts). */
export const WITHDRAWAL_DAYS = 14;

/**
 * What is bought, from whom, for how much and when it arrives: the terms a proposal states
 * before the yes and its order keeps after it, field for field.
 */
export const orderTermsSchema = z.object({
  brandId: z.string().min(1),
  skillId: z.string().min(1),
  variety: z.string().min(1),
  /** Capsules ordered (boxes × capsules per box). */
  capsules: z.number().int().positive(),
  boxes: z.number().int().positive(),
  /** Total in minor units of `currency`, VAT and delivery included. */
  totalMinor: z.number().int().nonnegative(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  market: z.string().regex(/^[A-Z]{2}$/),
  seller: z.string().min(1),
  /** Promised delivery date (ISO date, household's time zone). */
  deliveryOn: z.iso.date(),
});

export const orderRecordSchema = orderTermsSchema.extend({
  id: z.string().min(1),
  proposalId: z.string().min(1),
  status: z.enum(ORDER_STATUSES),
  placedAt: z.iso.datetime(),
  /** Until when the household may cancel (24 h by default). */
  cancelUntil: z.iso.datetime(),
  channel: z.enum(['voice', 'screen', 'api', 'auto']),
  /**
   * Where it is delivered: the proposal's snapshot, checked against the household's address
   * at the yes, and sent to the brand in `order.placed` (contract necessity). Absent only
   * on orders placed before addresses were kept.
   */
  deliveryAddress: deliveryAddressSchema.optional(),
  /**
   * The consumer's right of withdrawal from a distance contract (Directive 2011/83/EU
   * art. 9): 14 days from delivery, stated on the record as in the confirmation.
   */
  withdrawal: z.object({ days: z.literal(WITHDRAWAL_DAYS), from: z.literal('delivery') }),
  /** An order placed without asking (`auto_reorder`) is told at the household's next interaction. */
  announcedAt: z.iso.datetime().optional(),
  /** Status changes, oldest first. */
  history: z.array(z.object({ status: z.enum(ORDER_STATUSES), at: z.iso.datetime(), by: z.string() })),
});
export type OrderRecord = z.infer<typeof orderRecordSchema>;

/** The collection of a household's orders. */
export function ordersCollection(householdId: string): string {
  return `households/${householdId}/orders`;
}

/** The id of the one order a proposal may make: every "yes" to it names the same document. */
export function orderIdFor(proposalId: string): string {
  return `ord-${proposalId}`;
}

/** The path of an order. */
export function orderPath(householdId: string, orderId: string): string {
  return `households/${householdId}/orders/${orderId}`;
}
