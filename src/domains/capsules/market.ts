/**
 * Whether an address is in a market: a brand's prices, taxes and delivery promises are per
 * market (a country), so a box is ordered only to an address in the country it is sold in.
 */
export function addressInMarket(address: { country: string }, market: string): boolean {
  return address.country === market;
}

/** A household's market: the region of its locale (`fr-FR` -> `FR`, `en-GB` -> `GB`, `fr-CA` -> `CA`). */
export function marketOfLocale(locale: string): string | undefined {
  const region = locale.split('-')[1]?.toUpperCase();
  return region !== undefined && /^[A-Z]{2}$/.test(region) ? region : undefined;
}
