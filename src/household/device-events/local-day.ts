/**
 * Calendar days in a household's time zone, as `YYYY-MM-DD` strings: capsule history is
 * bucketed by the household's days (a brew at 00:30 in Berlin belongs to that Berlin day),
 * and ISO dates compare and sort as strings.
 */

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

const DAY_FORMAT: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit' };
const CLOCK_FORMAT: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

/** A cached formatter of `options` in `timeZone`; a zone this runtime does not know counts as UTC. */
function formatterFor(
  locale: string,
  options: Intl.DateTimeFormatOptions,
  timeZone: string,
): Intl.DateTimeFormat {
  const key = `${locale}\0${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    } catch {
      // A stored zone this runtime does not know: count in UTC rather than fail the write.
      formatter = formatterFor(locale, options, 'UTC');
    }
    formatters.set(key, formatter);
  }
  return formatter;
}

/** The calendar day of an instant in `timeZone` (an unknown zone counts as UTC). */
export function localDay(instant: Date | string, timeZone: string): string {
  return formatterFor('en-CA', DAY_FORMAT, timeZone).format(
    typeof instant === 'string' ? new Date(instant) : instant,
  );
}

/** Minutes since local midnight (0 to 1439) of an instant in `timeZone` (an unknown zone counts as UTC). */
export function localMinutes(instant: Date, timeZone: string): number {
  let hour = 0;
  let minute = 0;
  for (const part of formatterFor('en-GB', CLOCK_FORMAT, timeZone).formatToParts(instant)) {
    if (part.type === 'hour') hour = Number(part.value) % 24;
    else if (part.type === 'minute') minute = Number(part.value);
  }
  return hour * 60 + minute;
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
