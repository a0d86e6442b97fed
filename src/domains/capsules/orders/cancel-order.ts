/**
 * Cancelling an order within its window (24 h from placing, by default): by voice, on a
 * screen or through the API, the same transaction writes the status, its history, the
 * brand's `order.cancelled` outbox entry, and frees the variety for a new order.
 */

import { paths } from '../../../household/paths.js';
import { isSafeId } from '../../../ids/safe-id.js';
import { newOutboxEntry } from '../../../outbox/outbox-record.js';
import type { DocumentStore } from '../../../store/document-store.js';
import { IN_PROGRESS, type OrderRecord, orderPath, ordersCollection } from '../order-record.js';
import { brandBody, parseOrder } from './place-order.js';

export type CancelResult =
  | { status: 'cancelled'; order: OrderRecord }
  /** No such order of this household. */
  | { status: 'notFound' }
  | { status: 'alreadyCancelled'; order: OrderRecord }
  /** Delivered, or past its cancel window. */
  | { status: 'tooLate'; order: OrderRecord };

/** Whether the order can still be cancelled at `now`. */
export function cancellable(order: OrderRecord, now: Date): boolean {
  return IN_PROGRESS.includes(order.status) && now.getTime() < Date.parse(order.cancelUntil);
}

/** Cancels one order of the household; `by` is who did it (`voice`, `screen:{deviceId}`, `api`). */
export async function cancelOrder(
  store: DocumentStore,
  { householdId, orderId, now, by }: { householdId: string; orderId: string; now: Date; by: string },
): Promise<CancelResult> {
  if (!isSafeId(householdId) || !isSafeId(orderId)) return { status: 'notFound' };
  return store.runTransaction(async (tx): Promise<CancelResult> => {
    const [orderSnap, householdSnap] = await tx.getAll([
      orderPath(householdId, orderId),
      paths.household(householdId),
    ]);
    const order = parseOrder(orderSnap?.data);
    if (!order || !householdSnap?.exists) return { status: 'notFound' };
    if (order.status === 'cancelled') return { status: 'alreadyCancelled', order };
    if (!cancellable(order, now)) return { status: 'tooLate', order };
    const at = now.toISOString();
    const cancelled: OrderRecord = {
      ...order,
      status: 'cancelled',
      history: [...order.history, { status: 'cancelled', at, by }],
    };
    tx.set(orderPath(householdId, orderId), cancelled);
    const open = (householdSnap.data?.openOrders as Record<string, unknown> | undefined)?.[order.variety];
    if (open === orderId) tx.merge(paths.household(householdId), { openOrders: { [order.variety]: null } });
    const outbox = newOutboxEntry({
      brandId: order.brandId,
      kind: 'order.cancelled',
      orderId,
      householdId,
      body: brandBody('order.cancelled', cancelled, now),
      now,
    });
    tx.set(outbox.path, outbox.data);
    return { status: 'cancelled', order: cancelled };
  });
}

/** The household's most recent order that can still be cancelled ("cancel my order"), if any. */
export async function latestCancellable(
  store: DocumentStore,
  householdId: string,
  now: Date,
): Promise<OrderRecord | undefined> {
  // Filtered and sorted here: a household has few orders, and no composite index is needed.
  const snaps = await store.query({
    collection: ordersCollection(householdId),
    where: [{ field: 'status', op: 'in', value: [...IN_PROGRESS] }],
  });
  return snaps
    .flatMap((s) => {
      const order = parseOrder(s.data);
      return order && cancellable(order, now) ? [order] : [];
    })
    .sort((a, b) => b.placedAt.localeCompare(a.placedAt))[0];
}
