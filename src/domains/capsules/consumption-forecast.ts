/**
 * How fast a household brews a capsule variety, and when it runs out: pure functions of
 * the variety's stored history (context/consumption), the domain clock and the
 * household's time zone.
 *
 * The pace is a level times a weekday factor. The level is an exponentially weighted mean
 * of the completed days kept (today is still under way), with a half-life of
 * HALF_LIFE_DAYS: a household that switched from two cups to four is believed within a
 * week or two, one odd day moves it little, and no window edge makes it jump. The
 * weights are divided by the sum of the days' weekday factors rather than each count by
 * its factor (a ratio estimate), so a weekend habit is not read as a trend and a small
 * factor never blows a count up. A weekday's factor is its mean over the overall mean, shrunk toward 1 by
 * WEEKDAY_PRIOR_DAYS pseudo-days at the overall mean (two Saturdays say little; six
 * say more), then normalised to a mean of 1 over the week, so the level stays the
 * average day. Without any completed day, the stored prior `perDay` stands, flat.
 */
import type { CapsuleStock } from '../../household/context-documents.js';
import { HISTORY_DAYS } from '../../household/device-events/capsule-history.js';
import { addDays, daysBetween, localDay, weekdayOf } from '../../household/device-events/local-day.js';

/** Days after which a day's count weighs half as much in the level. */
export const HALF_LIFE_DAYS = 7;
/** Pseudo-days at the overall mean each weekday's factor starts from. */
export const WEEKDAY_PRIOR_DAYS = 4;
/** Farthest ahead an exhaustion date is predicted; past it the stock "lasts" (undefined). */
export const MAX_FORECAST_DAYS = 366;

export interface CapsuleForecast {
  variety: string;
  /** Capsules left now. */
  stock: number;
  /** The level: capsules brewed on an average day. */
  perDay: number;
  /** Factor of each weekday, Sunday first (index as Date#getUTCDay); mean 1. */
  weekdayFactors: readonly number[];
  /** Completed days the estimate rests on (0: the stored prior). */
  daysObserved: number;
  /** Today in the household's time zone, and what it brewed of this variety so far today. */
  today: string;
  brewedToday: number;
  /** The day the last capsule is expected to be brewed; undefined when not brewed or beyond MAX_FORECAST_DAYS. */
  exhaustionOn: string | undefined;
  /** Calendar days from today to `exhaustionOn` (0: today). */
  daysLeft: number | undefined;
}

const FLAT: readonly number[] = [1, 1, 1, 1, 1, 1, 1];

/** Capsules expected to be brewed on `day` (any day after today; today's remainder is `remainingToday`). */
export function expectedOn(forecast: CapsuleForecast, day: string): number {
  return forecast.perDay * (forecast.weekdayFactors[weekdayOf(day)] ?? 1);
}

/** Capsules still expected today: the day's expectation less what was brewed so far, never below 0. */
export function remainingToday(forecast: CapsuleForecast): number {
  return Math.max(0, expectedOn(forecast, forecast.today) - forecast.brewedToday);
}

/** Capsules expected from now to the end of the day `days` after today (0: the rest of today). */
export function expectedThrough(forecast: CapsuleForecast, days: number): number {
  let total = remainingToday(forecast);
  for (let k = 1; k <= days; k++) total += expectedOn(forecast, addDays(forecast.today, k));
  return total;
}

/** Per-weekday factors of observed daily counts, shrunk toward 1 and normalised to a mean of 1. */
export function weekdayFactors(observed: readonly { day: string; count: number }[]): number[] {
  const total = observed.reduce((sum, o) => sum + o.count, 0);
  if (observed.length === 0 || total === 0) return [...FLAT];
  const mean = total / observed.length;
  const sums = [0, 0, 0, 0, 0, 0, 0];
  const counts = [0, 0, 0, 0, 0, 0, 0];
  for (const o of observed) {
    const w = weekdayOf(o.day);
    sums[w]! += o.count;
    counts[w]! += 1;
  }
  const raw = sums.map(
    (sum, w) => (sum + WEEKDAY_PRIOR_DAYS * mean) / ((counts[w]! + WEEKDAY_PRIOR_DAYS) * mean),
  );
  const norm = raw.reduce((a, b) => a + b, 0) / 7;
  return raw.map((f) => f / norm);
}

/** The completed days of the history the estimate uses, oldest first, with 0 for days without events. */
function observedDays(entry: CapsuleStock, today: string): { day: string; count: number }[] {
  if (entry.since === undefined) return [];
  const days = entry.days ?? {};
  const start = Math.max(-daysBetween(entry.since, today), -HISTORY_DAYS);
  const observed: { day: string; count: number }[] = [];
  for (let offset = start; offset <= -1; offset++) {
    const day = addDays(today, offset);
    observed.push({ day, count: Object.hasOwn(days, day) ? days[day]!.brewed : 0 });
  }
  return observed;
}

/**
 * The forecast of one variety from its stored entry; undefined when the household has
 * none of it. `now` is the domain clock.
 */
export function forecastVariety(
  variety: string,
  entry: CapsuleStock | undefined,
  now: Date,
  timeZone: string,
): CapsuleForecast | undefined {
  if (!entry) return undefined;
  const today = localDay(now, timeZone);
  const observed = observedDays(entry, today);
  const factors = weekdayFactors(observed);
  let perDay = entry.perDay;
  if (observed.length > 0) {
    let weighted = 0;
    let weights = 0;
    for (const o of observed) {
      const weight = 0.5 ** ((daysBetween(o.day, today) - 1) / HALF_LIFE_DAYS);
      weighted += weight * o.count;
      weights += weight * (factors[weekdayOf(o.day)] ?? 1);
    }
    perDay = weighted / weights;
  }
  const days = entry.days ?? {};
  const brewedToday = Object.hasOwn(days, today) ? days[today]!.brewed : 0;
  const forecast: CapsuleForecast = {
    variety,
    stock: entry.stock,
    perDay,
    weekdayFactors: factors,
    daysObserved: observed.length,
    today,
    brewedToday,
    exhaustionOn: undefined,
    daysLeft: undefined,
  };
  const daysLeft = daysUntilExhaustion(forecast);
  return daysLeft === undefined
    ? forecast
    : { ...forecast, daysLeft, exhaustionOn: addDays(today, daysLeft) };
}

/** Days from today until the expected consumption reaches the stock; undefined when it never does. */
function daysUntilExhaustion(forecast: CapsuleForecast): number | undefined {
  if (forecast.stock <= 0) return 0;
  if (forecast.perDay <= 0) return undefined;
  let left = forecast.stock - remainingToday(forecast);
  if (left <= 0) return 0;
  for (let k = 1; k <= MAX_FORECAST_DAYS; k++) {
    left -= expectedOn(forecast, addDays(forecast.today, k));
    if (left <= 0) return k;
  }
  return undefined;
}
