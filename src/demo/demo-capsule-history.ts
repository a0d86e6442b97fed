/**
 * A demo variety's consumption as the device events would have left it: DEMO_HISTORY_DAYS
 * completed days brewing `perDay` each, so the forecast reads that pace, and a baseline
 * such that `left` capsules remain now.
 */
import type { CapsuleStock } from '../household/context-documents.js';
import { addDays, localDay } from '../household/device-events/local-day.js';

/** Four weeks: every weekday seen four times. */
export const DEMO_HISTORY_DAYS = 28;

export function demoCapsuleHistory(
  capsules: { left: number; perDay: number },
  now: Date,
  timeZone: string,
): CapsuleStock {
  const today = localDay(now, timeZone);
  const since = addDays(today, -DEMO_HISTORY_DAYS);
  const days = Object.fromEntries(
    Array.from({ length: DEMO_HISTORY_DAYS }, (_, i) => [
      addDays(since, i),
      { brewed: capsules.perDay, delivered: 0 },
    ]),
  );
  return {
    stock: capsules.left,
    perDay: capsules.perDay,
    updatedAt: now.toISOString(),
    since,
    baseline: capsules.left + DEMO_HISTORY_DAYS * capsules.perDay,
    days,
  };
}
