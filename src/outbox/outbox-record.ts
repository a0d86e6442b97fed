/**
 * `brands/{brandId}/outbox/{id}`: a message waiting for delivery to the brand's
 * order webhook (an order placed or cancelled, a status change). Written in the
 * same transaction as the change it reports, so nothing is lost when the brand's
 * endpoint is down; delivered at least once, the brand deduplicates on `orderId`
 * and `kind` (the entry id, sent as `Idempotency-Key`).
 */
import { z } from 'zod';
import type { Query } from '../store/document-store.js';

export const OUTBOX_KINDS = ['order.placed', 'order.cancelled'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

/**
 * `pending` until the brand answered 2xx (`delivered`) or delivery kept failing past the
 * horizon (`dead`: kept, with its last error, for an operator to look at; never dropped).
 * A field of its own, not the absence of `deliveredAt`: Firestore cannot query for a missing field.
 */
export const OUTBOX_STATUSES = ['pending', 'delivered', 'dead'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export const outboxRecordSchema = z.object({
  id: z.string().min(1),
  brandId: z.string().min(1),
  kind: z.enum(OUTBOX_KINDS),
  orderId: z.string().min(1),
  /** The household the order belongs to: erasure removes its entries. */
  householdId: z.string().min(1),
  /**
   * The JSON body sent to the brand, exactly as signed; dropped once the brand has it
   * (`delivered`), since it carries the order's personal data (what stays routes the
   * brand's status updates). A dead entry keeps it, to be sent again.
   */
  body: z.string().min(1).optional(),
  createdAt: z.iso.datetime(),
  status: z.enum(OUTBOX_STATUSES),
  /** Deliveries begun (a claim counts one, so a sender that crashed still backs off). */
  attempts: z.number().int().nonnegative(),
  /** When the entry is due; a claim moves it to the lease's end, so a crashed sender's entry comes due again. */
  nextAttemptAt: z.iso.datetime(),
  firstAttemptAt: z.iso.datetime().optional(),
  /** The sender that holds the current claim (a random id per worker), until `leasedUntil`. */
  leaseOwner: z.string().min(1).optional(),
  leasedUntil: z.iso.datetime().optional(),
  deliveredAt: z.iso.datetime().optional(),
  /** The last failure, without personal data ("HTTP 503", "timeout"). */
  lastError: z.string().max(200).optional(),
});
export type OutboxRecord = z.infer<typeof outboxRecordSchema>;

/** The collection of a brand's outbox. */
export function outboxCollection(brandId: string): string {
  return `brands/${brandId}/outbox`;
}

/** The path of an outbox entry. */
export function outboxPath(brandId: string, id: string): string {
  return `${outboxCollection(brandId)}/${id}`;
}

/**
 * The id of an order's entry of a kind: one per order and kind, and the brand's idempotency key.
 * The brand's status updates find the order through its `order.placed` entry.
 */
export function outboxEntryId(orderId: string, kind: OutboxKind): string {
  return `${orderId}.${kind}`;
}

/**
 * A brand's entries due at `now`, oldest due first. Equality on `status` with a range and an
 * order on `nextAttemptAt`: the composite index `outbox (status, nextAttemptAt)` of
 * firestore.indexes.json.
 */
export function dueOutboxQuery(brandId: string, now: Date, limit: number): Query {
  return {
    collection: outboxCollection(brandId),
    where: [
      { field: 'status', op: '==', value: 'pending' },
      { field: 'nextAttemptAt', op: '<=', value: now.toISOString() },
    ],
    orderBy: [{ field: 'nextAttemptAt', direction: 'asc' }],
    limit,
  };
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
  const id = outboxEntryId(entry.orderId, entry.kind);
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
      status: 'pending',
      attempts: 0,
      nextAttemptAt: at,
    },
  };
}
