/**
 * ISO 8601 weeks in UTC (`2026-W48`): weeks start on Monday at 00:00 UTC, and week 1 of a
 * year is the week with its first Thursday. Brand reports are cut into these weeks.
 */
import { isoWeekSchema } from './offer-log-record.js';

const DAY_MS = 24 * 3600 * 1000;
const WEEK_MS = 7 * DAY_MS;

/** Monday 00:00 UTC of the week that holds `instant`. */
function mondayOf(instant: Date): number {
  const midnight = Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate());
  const daysSinceMonday = (new Date(midnight).getUTCDay() + 6) % 7;
  return midnight - daysSinceMonday * DAY_MS;
}

/** The ISO week (UTC) that holds `instant`, e.g. `2026-W48`. */
export function isoWeekOf(instant: Date): string {
  // The week belongs to the year of its Thursday.
  const thursday = new Date(mondayOf(instant) + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / WEEK_MS) + 1;
  return `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}

/** Monday 00:00 UTC of week 1 of `year`: the Monday of the week that holds 4 January. */
function firstMonday(year: number): number {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  jan4.setUTCFullYear(year);
  return mondayOf(jan4);
}

/**
 * The week named by `text`, or undefined when it is not an ISO week: malformed, or a week 53
 * in a year that has only 52.
 */
export function parseIsoWeek(text: string): string | undefined {
  if (!isoWeekSchema.safeParse(text).success) return undefined;
  const year = Number(text.slice(0, 4));
  const week = Number(text.slice(6));
  const start = firstMonday(year) + (week - 1) * WEEK_MS;
  return isoWeekOf(new Date(start)) === text ? text : undefined;
}

/** When `week` starts: Monday 00:00 UTC. `week` must be a valid ISO week (see `parseIsoWeek`). */
export function isoWeekStart(week: string): Date {
  const year = Number(week.slice(0, 4));
  const number = Number(week.slice(6));
  return new Date(firstMonday(year) + (number - 1) * WEEK_MS);
}

/** When `week` ends (exclusive): the next Monday 00:00 UTC. */
export function isoWeekEnd(week: string): Date {
  return new Date(isoWeekStart(week).getTime() + WEEK_MS);
}

/** The week `count` weeks after `week` (before it when negative). */
export function addIsoWeeks(week: string, count: number): string {
  return isoWeekOf(new Date(isoWeekStart(week).getTime() + count * WEEK_MS));
}

/** Every week from the one holding `from` to the one holding `to`, both included, oldest first; empty when `to` is before `from`. */
export function isoWeeksBetween(from: Date, to: Date): string[] {
  const weeks: string[] = [];
  if (to.getTime() < from.getTime()) return weeks;
  for (let monday = mondayOf(from); monday <= to.getTime(); monday += WEEK_MS) {
    weeks.push(isoWeekOf(new Date(monday)));
  }
  return weeks;
}
