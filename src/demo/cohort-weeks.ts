/** The closed ISO weeks (UTC) the cohort's offer history spans: those a brand report can show. */

import { latestReportableWeek } from '../measurement/reportable-weeks.js';
import { addIsoWeeks, isoWeekStart } from '../offers/iso-week.js';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/**
 * The starts (Monday 00:00 UTC) of the `count` last ISO weeks that are closed at `now` with
 * their attribution window passed, oldest first: the weeks a report can show.
 */
export function reportableWeekStarts(now: Date, count: number): Date[] {
  const latest = latestReportableWeek(now);
  return Array.from({ length: count }, (_, i) => isoWeekStart(addIsoWeeks(latest, i - (count - 1))));
}

export { DAY_MS, WEEK_MS };
