/** ISO 8601 weeks (`2026-W48`) of instants, in UTC: weeks start on Monday; week 1 holds the year's first Thursday. */
const DAY_MS = 86_400_000;

/** The ISO week of an instant (UTC). */
export function isoWeekOf(instant: Date): string {
  const day = new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate()));
  // The Thursday of this week decides its year.
  const weekday = day.getUTCDay() || 7;
  const thursday = new Date(day.getTime() + (4 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
