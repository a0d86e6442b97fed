/**
 * `brands/{brandId}/outbox/{id}`: a message waiting for delivery to the brand's
 * order webhook (an order placed or cancelled, a status change). Written in the
 * same transaction as the change it reports, so nothing is lost when the brand's
 * endpoint is down; delivered at least once, the brand deduplicates on `orderId`
 * and `kind`.
 */
import { z } from 'zod';

export const OUTBOX_KINDS = ['order.placed', 'order.cancelled'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

export const outboxRecordSchema = z.object({
  id: z.string().min(1),
  brandId: z.string().min(1),
  kind: z.enum(OUTBOX_KINDS),
  orderId: z.string().min(1),
  /** The household the order belongs to: erasure removes its entries. */
  householdId: z.string().min(1),
  /** The JSON body sent to the brand, exactly as signed. */
  body: z.string().min(1),
  createdAt: z.iso.datetime(),
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: z.iso.datetime(),
  deliveredAt: z.iso.datetime().optional(),
  /** The last failure, without personal data ("HTTP 503", "timeout"). */
  lastError: z.string().max(200).optional(),
});
export type OutboxRecord = z.infer<typeof outboxRecordSchema>;

/** The path of an outbox entry. */
export function outboxPath(brandId: string, id: string): string {
  return `brands/${brandId}/outbox/${id}`;
}

/**
 * A new outbox entry for a change to an order, ready to be written in the change's own
 * transaction; its id is derived from the order and kind, so writing it twice is harmless.
 */
export function newOutboxEntry(entry: {
  brandId: string;
  kind: OutboxKind;
  orderId: string;
  householdId: string;
  body: unknown;
  now: Date;
}): { path: string; data: OutboxRecord } {
  const id = `${entry.orderId}.${entry.kind}`;
  const at = entry.now.toISOString();
  return {
    path: outboxPath(entry.brandId, id),
    data: {
      id,
      brandId: entry.brandId,
      kind: entry.kind,
      orderId: entry.orderId,
      householdId: entry.householdId,
      body: JSON.stringify(entry.body),
      createdAt: at,
      attempts: 0,
      nextAttemptAt: at,
    },
  };
}
