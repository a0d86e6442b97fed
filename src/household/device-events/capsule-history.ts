/**
 * Capsule stock from `capsule.delivered` and `capsule.brewed` events only (never from an
 * order's status), applied in event time: each event lands in its day's bucket of the
 * variety's history (context-documents.ts, capsuleStockSchema), so an event arriving late
 * or out of order counts on the day it happened, and the stock is recomputed from the
 * baseline. Duplicates never get here: apply-events answers them by eventId first.
 */
import type { CapsuleDay, CapsuleStock } from '../context-documents.js';
import { MAX_CAPSULE_STOCK, MAX_CAPSULE_VARIETIES, ownCapsuleStock } from './context-updates.js';
import type { RefusalReason } from './event-schema.js';
import { addDays } from './local-day.js';

/**
 * Days of history kept per variety: six of each weekday for the forecast's weekday
 * pattern, and far more than the 7 days an event may lag (older days never change again,
 * so folding them into the baseline is exact).
 */
export const HISTORY_DAYS = 42;

/** More capsules than one brew report can plausibly cover (an office machine's daily summary). */
export const MAX_BREWED_PER_EVENT = 200;
/** More capsules than one delivery brings to a home. */
export const MAX_DELIVERED_PER_EVENT = 2000;

export interface CapsuleMove {
  kind: 'brewed' | 'delivered';
  count: number;
  /** The day it happened, household's time zone. */
  day: string;
  /** When it happened, never later than its receipt. */
  at: string;
}

/** When the event was received: its day bounds the history kept, its instant the `updatedAt`. */
export interface Receipt {
  day: string;
  at: string;
}

export type CapsuleMoveResult =
  | { ok: true; capsules: Record<string, CapsuleStock> }
  | { ok: false; reason: RefusalReason };

const sortedDays = (days: Readonly<Record<string, CapsuleDay>>) =>
  Object.keys(days).sort() as readonly string[];

/**
 * Applies one brew or delivery to a variety in event time, or says why not: the stock at
 * the end of every day from the event's on must stay at or above zero (within a day,
 * deliveries count before brews), and at or below MAX_CAPSULE_STOCK at the end. Days
 * older than HISTORY_DAYS before the receipt's day are folded into the baseline. The
 * variety's `updatedAt` moves forward only (a late event must not make old stock look
 * fresh), and never past the receipt.
 */
export function applyCapsuleMove(
  capsules: Readonly<Record<string, CapsuleStock>>,
  variety: string,
  move: CapsuleMove,
  receipt: Receipt,
): CapsuleMoveResult {
  const limit = move.kind === 'brewed' ? MAX_BREWED_PER_EVENT : MAX_DELIVERED_PER_EVENT;
  if (move.count > limit) return { ok: false, reason: 'implausible_count' };
  const current = ownCapsuleStock(capsules, variety);
  if (!current && Object.keys(capsules).length >= MAX_CAPSULE_VARIETIES)
    return { ok: false, reason: 'too_many_varieties' };

  // A document from before the history: its stock is the baseline of the first day touched.
  let baseline = current?.baseline ?? current?.stock ?? 0;
  let since = current?.since !== undefined && current.since < move.day ? current.since : move.day;
  const days: Record<string, CapsuleDay> = { ...(current?.days ?? {}) };
  const before = Object.hasOwn(days, move.day) ? days[move.day]! : { brewed: 0, delivered: 0 };
  days[move.day] = { ...before, [move.kind]: before[move.kind] + move.count };

  let running = baseline;
  for (const day of sortedDays(days)) {
    running += days[day]!.delivered - days[day]!.brewed;
    if (running < 0) return { ok: false, reason: 'stock_negative' };
  }
  if (running > MAX_CAPSULE_STOCK) return { ok: false, reason: 'stock_too_high' };

  const cutoff = addDays(receipt.day, -(HISTORY_DAYS - 1));
  if (since < cutoff) since = cutoff;
  for (const day of sortedDays(days)) {
    if (day >= cutoff) break;
    baseline += days[day]!.delivered - days[day]!.brewed;
    delete days[day];
  }
  const stored = current && current.updatedAt > receipt.at ? receipt.at : current?.updatedAt;
  const updatedAt = stored !== undefined && stored > move.at ? stored : move.at;
  const entry: CapsuleStock = {
    stock: running,
    perDay: current?.perDay ?? 0,
    updatedAt,
    since,
    baseline,
    days,
  };
  return { ok: true, capsules: { ...capsules, [variety]: entry } };
}
