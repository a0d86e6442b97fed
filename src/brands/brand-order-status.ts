/**
 * A brand's word on where an order is (`POST /v1/brands/:brandId/orders/:orderId/status`),
 * applied to the household's order. The URL names no household: the order is found through
 * the brand's own outbox entry for its placement, so a brand reaches only orders sent to it.
 */
import {
  type OrderRecord,
  type OrderStatus,
  orderPath,
  orderRecordSchema,
} from '../domains/capsules/order-record.js';
import { outboxEntryId, outboxPath, outboxRecordSchema } from '../outbox/outbox-record.js';
import type { DocumentStore } from '../store/document-store.js';

/** The statuses a brand may report (an order is `placed` by hearth). */
export const BRAND_STATUSES = [
  'confirmed',
  'shipped',
  'delivered',
  'cancelled',
] as const satisfies readonly OrderStatus[];
export type BrandStatus = (typeof BRAND_STATUSES)[number];

/** The status an order may move to from each status, one step at a time; `delivered` and `cancelled` are final. */
const NEXT: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  placed: ['confirmed', 'cancelled'],
  confirmed: ['shipped', 'cancelled'],
  shipped: ['delivered'],
  delivered: [],
  cancelled: [],
};

/** Whether an order may move from `from` to `to`. */
export function isAllowedTransition(from: OrderStatus, to: OrderStatus): boolean {
  return NEXT[from].includes(to);
}

export type StatusOutcome =
  | { kind: 'applied' | 'unchanged'; status: OrderStatus }
  | { kind: 'unknown_order' }
  | { kind: 'not_allowed'; status: OrderStatus };

/**
 * Applies `status` to the order in one transaction. A status the order already went through
 * (the brand repeating itself, or a retry arriving after a later update) changes nothing and
 * is not an error; a move the order cannot make (`delivered` from `placed`, anything after
 * `cancelled`) is refused.
 */
export async function applyBrandStatus({
  store,
  brandId,
  orderId,
  status,
  at,
}: {
  store: DocumentStore;
  brandId: string;
  orderId: string;
  status: BrandStatus;
  at: string;
}): Promise<StatusOutcome> {
  const placed = outboxRecordSchema.safeParse(
    (await store.get(outboxPath(brandId, outboxEntryId(orderId, 'order.placed')))).data,
  );
  if (!placed.success || placed.data.brandId !== brandId || placed.data.orderId !== orderId) {
    return { kind: 'unknown_order' };
  }
  const path = orderPath(placed.data.householdId, orderId);
  return store.runTransaction(async (tx): Promise<StatusOutcome> => {
    const parsed = orderRecordSchema.safeParse((await tx.get(path)).data);
    // Erased with its household, or not this brand's: the same answer, nothing revealed.
    if (!parsed.success || parsed.data.brandId !== brandId) return { kind: 'unknown_order' };
    const order = parsed.data;
    if (order.status === status || order.history.some((h) => h.status === status)) {
      return { kind: 'unchanged', status: order.status };
    }
    if (!isAllowedTransition(order.status, status)) return { kind: 'not_allowed', status: order.status };
    const updated: OrderRecord = {
      ...order,
      status,
      history: [...order.history, { status, at, by: `brand:${brandId}` }],
    };
    tx.set(path, updated);
    return { kind: 'applied', status };
  });
}
