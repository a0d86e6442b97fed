/** How an order's price and delivery are said: the locale's own money and date formats. */

/** A total in minor units of `currency`, as the locale writes money ("21,50 €", "€21.50"). */
export function money(locale: string, totalMinor: number, currency: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(totalMinor / 10 ** digits);
}

/** An ISO date as the locale says a delivery day ("Thursday, December 10"). */
export function deliveryDay(locale: string, isoDate: string): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(new Date(`${isoDate}T12:00:00Z`));
}

/** An instant as the locale says a time of day in the household's zone ("Saturday 10:15"). */
export function deadline(locale: string, iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
  }).format(new Date(iso));
}
