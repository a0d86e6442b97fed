/**
 * Rate limits of pairing, kept in the store so that every instance of the
 * service sees the same counts. Each limit is the token bucket a device's event
 * quota uses (`device-events/event-quota.ts`), one small document per bucket:
 *
 * - failed confirmations of one household (`households/{hid}/limits/pairingFailures`):
 *   5 at once, 5 more every 15 minutes; then 429 `too_many_requests` with `Retry-After`.
 *   Only failures spend from it, and it is written only then: a household that types
 *   its code right is never slowed down, and only a guesser's own household document
 *   ever sees contention.
 * - pairing starts of one maker: 60 at once and 60 a minute, over 4 shards
 *   (`applianceMakers/{makerId}/limits/pairingStarts-{0..3}`, 15 and 15 a minute each).
 * - polls of one maker: 480 at once and 8 a second (40 appliances polling every 5 s),
 *   over 16 shards (`pairingPolls-{0..15}`, 30 and 30 a minute each).
 *
 * A maker's calls each spend from one shard picked at random, so no document is
 * written more than about once every 2 seconds when the maker runs at its limit
 * (Firestore sustains about one write a second per document); the limit as a whole
 * holds on average, and a call that finds its shard empty waits for that shard.
 *
 * Why guessing is hopeless: a guess hits when it is one of the codes live at that
 * moment, out of 2^40. A household that keeps guessing gets 480 tries a day. With
 * 100 codes live at any time, it would take it 2^40 / (100 × 480 × 365) ≈ 60,000
 * years on average; even with M makers starting at their limit all the time (at
 * most 60 + 600 = 660 live codes each) it is about 9,500 / M years. The odds must
 * stay this low: a hit pairs a stranger's appliance (and its telemetry) with the
 * guesser's household; the owner's own confirmation of the code then fails.
 */
import { randomInt } from 'node:crypto';
import type { Context } from 'hono';
import { RATE_LIMITED_RESPONSES } from '../../http/device-rate-limit.js';
import type { HttpEnv } from '../../http/http-env.js';
import { ProblemSchema } from '../../http/openapi-schemas.js';
import { problemBody } from '../../http/problem.js';
import type { DocSnapshot } from '../../store/document-store.js';
import { type EventQuota, type QuotaDecision, takeFromQuota } from '../device-events/event-quota.js';
import { paths } from '../paths.js';
import { newPairingCode } from './pairing-code.js';

const DAY_MS = 24 * 3600 * 1000;

/** A bucket of `burst` that refills `burst` every `windowMs`. */
const refilling = (burst: number, windowMs: number): EventQuota => ({
  burst,
  perDay: (burst * DAY_MS) / windowMs,
});

/** A maker's limit, spread over `shards` documents of `perShard` each. */
export type ShardedLimit = { readonly shards: number; readonly perShard: EventQuota };

export interface PairingLimits {
  readonly householdFailures: EventQuota;
  readonly makerStarts: ShardedLimit;
  readonly makerPolls: ShardedLimit;
}

/** The numbers of the module comment. */
export const DEFAULT_PAIRING_LIMITS: PairingLimits = {
  householdFailures: refilling(5, 15 * 60_000),
  makerStarts: { shards: 4, perShard: refilling(15, 60_000) },
  makerPolls: { shards: 16, perShard: refilling(30, 60_000) },
};

/** What the pairing routes take besides the store; tests set the limits, the clock and the codes drawn. */
export type PairingOptions = {
  limits?: PairingLimits;
  /** Wall clock in milliseconds: expiries and limits are real time, not the domain clock a demo may pin. */
  wallNow?: () => number;
  /** Which of `shards` shards a maker's call spends from (random by default). */
  pickShard?: (shards: number) => number;
  /** Draws a new code in canonical form (`newPairingCode` by default). */
  newCode?: () => string;
};

/** The options with their defaults filled in. */
export function pairingSettings(options: PairingOptions = {}): Required<PairingOptions> {
  return {
    limits: options.limits ?? DEFAULT_PAIRING_LIMITS,
    wallNow: options.wallNow ?? (() => Date.now()),
    pickShard: options.pickShard ?? ((shards) => randomInt(shards)),
    newCode: options.newCode ?? newPairingCode,
  };
}

/** The bucket of a household's failed confirmations. */
export const householdFailuresPath = (hid: string): string => paths.householdLimit(hid, 'pairingFailures');

/** The shard of a maker's bucket that this call spends from. */
export function makerShardPath(
  makerId: string,
  bucket: 'pairingStarts' | 'pairingPolls',
  limit: ShardedLimit,
  pickShard: (shards: number) => number,
): string {
  const shard = Math.min(limit.shards - 1, Math.max(0, Math.trunc(pickShard(limit.shards))));
  return paths.makerLimit(makerId, `${bucket}-${shard}`);
}

/** Whether one more call fits in the bucket as read; when it does, `next` is the bucket to write. */
export function checkBucket(snap: DocSnapshot, quota: EventQuota, now: Date): QuotaDecision {
  return takeFromQuota(snap.data, quota, 1, now);
}

/** The 429 of a pairing route: problem+json with `Retry-After` in whole seconds. */
export function rateLimited<E extends HttpEnv>(c: Context<E>, retryAfterSeconds: number, detail: string) {
  const problem = problemBody(
    'too_many_requests',
    detail,
    c.var.requestId ? { requestId: c.var.requestId } : {},
  );
  return c.json(problem, 429, {
    'content-type': 'application/problem+json',
    'retry-after': String(retryAfterSeconds),
  });
}

/** The 429 entry of a pairing route, for `createRoute({ responses })`. */
export const rateLimitedResponses = (why: string) => ({
  429: {
    description: `Problem: \`too_many_requests\`: ${why}; retry after \`Retry-After\` seconds`,
    headers: RATE_LIMITED_RESPONSES[429].headers,
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
});
