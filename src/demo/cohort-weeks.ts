/** ISO 8601 weeks in UTC, as the offer log dates its records (`2026-W48`): what the cohort's history spans. */

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/** The Monday 00:00 UTC that starts the ISO week of `at`. */
export function isoWeekStart(at: Date): Date {
  const midnight = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  const sinceMonday = (new Date(midnight).getUTCDay() + 6) % 7;
  return new Date(midnight - sinceMonday * DAY_MS);
}

/** The ISO week of `at` (UTC), `2026-W48`: the year is the one of the week's Thursday. */
export function isoWeekOf(at: Date): string {
  const thursday = new Date(isoWeekStart(at).getTime() + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / WEEK_MS) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * The starts of the `count` last ISO weeks that are closed at `now` with `windowMs` (the
 * attribution window) passed since their end, oldest first: the weeks a report can show.
 */
export function reportableWeekStarts(now: Date, count: number, windowMs: number): Date[] {
  let start = isoWeekStart(now).getTime() - WEEK_MS;
  while (start + WEEK_MS + windowMs > now.getTime()) start -= WEEK_MS;
  return Array.from({ length: count }, (_, i) => new Date(start - (count - 1 - i) * WEEK_MS));
}

export { DAY_MS, WEEK_MS };
