/**
 * Claims and outcomes of outbox entries, each one transaction on the entry. A claim takes a
 * lease (owner and end) and moves `nextAttemptAt` to the lease's end: another instance's query
 * no longer sees the entry as due, and if the sender dies mid-send the entry comes due again
 * when the lease ends (at least once, never lost). Only the lease's owner reschedules a failure;
 * a 2xx marks the entry delivered whoever holds it.
 */

import { type OutboxRecord, outboxPath, outboxRecordSchema } from '../outbox/outbox-record.js';
import type { DocumentStore } from '../store/document-store.js';
import { retryDelayMs } from './retry-delay.js';

/** How long a claim holds an entry: the delivery timeout and a wide margin. */
export const LEASE_MS = 30_000;

/** After this long failing since its first attempt, an entry is marked dead (kept, never deleted). */
export const DEAD_AFTER_MS = 3 * 24 * 3600_000;

const outboxRecord = (data: unknown): OutboxRecord | undefined => {
  const parsed = outboxRecordSchema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
};

/** The entry as claimed by `owner`, or undefined when it is not due (delivered, dead, or claimed by another). */
export function claimEntry({
  store,
  brandId,
  id,
  owner,
  now,
  leaseMs = LEASE_MS,
}: {
  store: DocumentStore;
  brandId: string;
  id: string;
  owner: string;
  now: Date;
  leaseMs?: number;
}): Promise<(OutboxRecord & { body: string }) | undefined> {
  const path = outboxPath(brandId, id);
  return store.runTransaction(async (tx) => {
    const entry = outboxRecord((await tx.get(path)).data);
    if (
      entry?.status !== 'pending' ||
      entry.body === undefined ||
      Date.parse(entry.nextAttemptAt) > now.getTime()
    )
      return undefined;
    const until = new Date(now.getTime() + leaseMs).toISOString();
    const claimed = {
      ...entry,
      body: entry.body,
      attempts: entry.attempts + 1,
      nextAttemptAt: until,
      firstAttemptAt: entry.firstAttemptAt ?? now.toISOString(),
      leaseOwner: owner,
      leasedUntil: until,
    };
    tx.set(path, claimed);
    return claimed;
  });
}

export type Settled = 'delivered' | 'retry' | 'dead' | 'lost-lease';

/**
 * Records a delivery's outcome. A 2xx makes the entry delivered (and a later outcome of a
 * duplicate sender changes nothing); a failure, only while `owner` still holds the claim,
 * schedules the next attempt with backoff, or past DEAD_AFTER_MS marks the entry dead.
 */
export function settleEntry({
  store,
  brandId,
  id,
  owner,
  now,
  outcome,
  random,
  deadAfterMs = DEAD_AFTER_MS,
}: {
  store: DocumentStore;
  brandId: string;
  id: string;
  owner: string;
  now: Date;
  outcome: { ok: true } | { ok: false; error: string };
  random?: () => number;
  deadAfterMs?: number;
}): Promise<Settled> {
  const path = outboxPath(brandId, id);
  return store.runTransaction(async (tx) => {
    const entry = outboxRecord((await tx.get(path)).data);
    if (entry?.status !== 'pending') return outcome.ok ? 'delivered' : 'lost-lease';
    const { leaseOwner: _owner, leasedUntil: _until, ...unleased } = entry;
    if (outcome.ok) {
      // The brand has the body now: what it carried (the order, its address) is not kept twice.
      const { body: _body, ...kept } = unleased;
      tx.set(path, { ...kept, status: 'delivered', deliveredAt: now.toISOString() });
      return 'delivered';
    }
    if (entry.leaseOwner !== owner) return 'lost-lease';
    const lastError = outcome.error.slice(0, 200);
    const firstAttempt = Date.parse(entry.firstAttemptAt ?? entry.createdAt);
    if (now.getTime() - firstAttempt >= deadAfterMs) {
      tx.set(path, { ...unleased, status: 'dead', lastError });
      return 'dead';
    }
    const delay = retryDelayMs(entry.attempts, random ? { random } : {});
    tx.set(path, { ...unleased, lastError, nextAttemptAt: new Date(now.getTime() + delay).toISOString() });
    return 'retry';
  });
}
