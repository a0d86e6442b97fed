/**
 * Per-device rate limits for the routes a device token can call in a loop (typed
 * screen turns, event batches): a token bucket per device, in this process's
 * memory. A device may send `burst` requests at once and keep up `perSecond`;
 * beyond that it gets 429 `too_many_requests` with `Retry-After` (whole seconds),
 * before its body is read or validated.
 *
 * Keyed by the authenticated device (the route's middleware runs after the token
 * check), never by address: screens share NATs, and one token is what a flood
 * costs. The buckets are bounded: past `maxDevices` the device idle the longest is
 * forgotten (an idle bucket refills, so forgetting one that had refilled changes
 * nothing). Time is monotonic milliseconds from `now`, injectable for tests; the
 * domain clock is not used (demo mode may pin it).
 */
import { z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { HttpEnv } from './http-env.js';
import { ProblemSchema } from './openapi-schemas.js';
import { problemResponse } from './problem.js';

export type DeviceRateLimitOptions = {
  /** Requests per second a device may keep up (the refill rate). */
  perSecond?: number;
  /** Requests a device may send at once after a quiet spell (the bucket's size). */
  burst?: number;
  /** Devices remembered at most; the one idle the longest goes first. */
  maxDevices?: number;
  /** Monotonic time in milliseconds. */
  now?: () => number;
};

export const DEFAULT_PER_SECOND = 5;
export const DEFAULT_BURST = 20;
export const DEFAULT_MAX_DEVICES = 10_000;

export type Take = { ok: true } | { ok: false; retryAfterSeconds: number };

type Bucket = { tokens: number; at: number };

/** Token buckets by key: `take(key)` spends one token of that key's bucket, or says how long until one is back. */
export function createTokenBuckets({
  perSecond = DEFAULT_PER_SECOND,
  burst = DEFAULT_BURST,
  maxDevices = DEFAULT_MAX_DEVICES,
  now = () => performance.now(),
}: DeviceRateLimitOptions = {}) {
  const options = z
    .object({
      perSecond: z.number().positive(),
      burst: z.number().int().min(1),
      maxDevices: z.number().int().min(1),
    })
    .parse({ perSecond, burst, maxDevices });
  const buckets = new Map<string, Bucket>();
  return {
    take(key: string): Take {
      const t = now();
      const seen = buckets.get(key);
      const elapsed = seen ? Math.max(0, t - seen.at) : 0;
      const tokens = seen
        ? Math.min(options.burst, seen.tokens + (elapsed * options.perSecond) / 1000)
        : options.burst;
      // Map order is the order of last use: delete and set again to move this key to the end.
      buckets.delete(key);
      if (tokens >= 1) {
        buckets.set(key, { tokens: tokens - 1, at: t });
        if (buckets.size > options.maxDevices) buckets.delete(buckets.keys().next().value as string);
        return { ok: true };
      }
      buckets.set(key, { tokens, at: t });
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / options.perSecond)) };
    },
    /** How many devices are remembered. */
    get size() {
      return buckets.size;
    },
  };
}
export type TokenBuckets = ReturnType<typeof createTokenBuckets>;

/**
 * Middleware for a route of device-token calls, mounted after the token check: `keyOf` names the
 * device from the verified principal. Over the limit: 429 problem+json with `Retry-After`.
 */
export function deviceRateLimit<E extends HttpEnv>(
  keyOf: (c: Context<E>) => string,
  options: DeviceRateLimitOptions = {},
): MiddlewareHandler<E> {
  const buckets = createTokenBuckets(options);
  return createMiddleware<E>(async (c, next) => {
    const taken = buckets.take(keyOf(c));
    if (taken.ok) return next();
    const requestId = c.var.requestId as string | undefined;
    const response = problemResponse(
      'too_many_requests',
      'this device sends requests faster than allowed; retry after the seconds in Retry-After',
      requestId ? { requestId } : {},
    );
    response.headers.set('retry-after', String(taken.retryAfterSeconds));
    if (requestId) response.headers.set('x-request-id', requestId);
    return response;
  });
}

/** The 429 of a rate-limited route, for `createRoute({ responses })`. */
export const RATE_LIMITED_RESPONSES = {
  429: {
    description: `Problem: \`too_many_requests\`: more than ${DEFAULT_BURST} requests at once or ${DEFAULT_PER_SECOND} per second kept up from one device`,
    headers: {
      'Retry-After': {
        description: 'Whole seconds to wait before the next request',
        schema: { type: 'integer' as const, minimum: 1 },
      },
    },
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
};
