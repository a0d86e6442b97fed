/**
 * When a week may be reported: once it has closed and the attribution window of its last
 * offers has passed, so that its figures are final when they are first shown and never change
 * after (no differencing between two reads of the same week).
 */
import { addIsoWeeks, isoWeekEnd, isoWeekOf } from '../offers/iso-week.js';
import { DEFAULT_OFFER_POLICY } from '../offers/offer-policy.js';

/** A conversion counts for an offer when it comes within this long after it (3 days). */
export const ATTRIBUTION_WINDOW_MS = DEFAULT_OFFER_POLICY.attributionDays * 24 * 3600 * 1000;

/** At most this many weeks, the latest reportable ones, are in a report. */
export const MAX_REPORT_WEEKS = 26;

/** When `week` becomes reportable: its end (next Monday 00:00 UTC) plus the attribution window. */
export function reportableAt(week: string): Date {
  return new Date(isoWeekEnd(week).getTime() + ATTRIBUTION_WINDOW_MS);
}

/** Whether `week` may be reported at `now`. */
export function isReportable(week: string, now: Date): boolean {
  return now.getTime() >= reportableAt(week).getTime();
}

/** The latest week reportable at `now`. */
export function latestReportableWeek(now: Date): string {
  // The week before the one holding `now - window` has ended at least a window ago.
  return addIsoWeeks(isoWeekOf(new Date(now.getTime() - ATTRIBUTION_WINDOW_MS)), -1);
}
