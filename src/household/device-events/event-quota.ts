import { z } from 'zod';
import type { DocData } from '../../store/document-store.js';

const DAY_MS = 24 * 3600 * 1000;

/**
 * How many raw events one device may have kept: a token bucket of `burst` events that
 * refills at `perDay`. With 30 days of retention a device holds at most
 * burst + 30 × perDay raw events, whatever it sends.
 */
export interface EventQuota {
  readonly burst: number;
  readonly perDay: number;
}

/** A day's worth of a busy appliance's telemetry, twice over; a full batch (500) always fits a full bucket. */
export const DEFAULT_EVENT_QUOTA: EventQuota = { burst: 1000, perDay: 1000 };

/** The bucket as kept in the device document (`eventQuota`): tokens left at an instant (wall clock). */
export const storedQuotaSchema = z.object({ tokens: z.number().min(0), at: z.iso.datetime() });
export type StoredQuota = z.infer<typeof storedQuotaSchema>;

export type QuotaDecision =
  | { readonly ok: true; readonly next: StoredQuota }
  | { readonly ok: false; readonly retryAfterSeconds: number };

/**
 * Takes `count` events from the device's bucket as stored (`undefined` or unreadable:
 * a full bucket). Refused when fewer are left, with the seconds until enough are: the
 * whole batch waits, nothing of it is kept. A clock that went back refills nothing.
 */
export function takeFromQuota(
  stored: DocData[string] | undefined,
  quota: EventQuota,
  count: number,
  now: Date,
): QuotaDecision {
  const parsed = storedQuotaSchema.safeParse(stored);
  const elapsed = parsed.success ? Math.max(0, now.getTime() - Date.parse(parsed.data.at)) : 0;
  const tokens = parsed.success
    ? Math.min(quota.burst, parsed.data.tokens + (elapsed * quota.perDay) / DAY_MS)
    : quota.burst;
  if (count <= tokens) return { ok: true, next: { tokens: tokens - count, at: now.toISOString() } };
  // A batch larger than the bucket waits for a full bucket (and is then refused again: it must be split).
  const missing = Math.min(count, quota.burst) - tokens;
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((missing * DAY_MS) / quota.perDay / 1000)) };
}

/** A device over its quota: nothing of the batch was kept; try again after `retryAfterSeconds`. */
export class EventQuotaExceeded extends Error {
  override readonly name = 'EventQuotaExceeded';
  constructor(readonly retryAfterSeconds: number) {
    super(`over the device's event quota; retry after ${retryAfterSeconds} s`);
  }
}
