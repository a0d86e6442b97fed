/**
 * Calendar days in a household's time zone, as `YYYY-MM-DD` strings: capsule history is
 * bucketed by the household's days (a brew at 00:30 in Berlin belongs to that Berlin day),
 * and ISO dates compare and sort as strings.
 */

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      });
    } catch {
      // A stored zone this runtime does not know: count days in UTC rather than fail the write.
      formatter = formatterFor('UTC');
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The calendar day of an instant in `timeZone` (an unknown zone counts as UTC). */
export function localDay(instant: Date | string, timeZone: string): string {
  return formatterFor(timeZone).format(typeof instant === 'string' ? new Date(instant) : instant);
}

/** `day` moved by `days` calendar days. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Day of the week of a calendar day: 0 is Sunday, 6 Saturday (as Date#getUTCDay). */
export function weekdayOf(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}
