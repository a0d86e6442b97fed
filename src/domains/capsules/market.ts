/** A household's market: the region of its locale (`fr-FR` -> `FR`, `en-GB` -> `GB`, `fr-CA` -> `CA`). */
export function marketOfLocale(locale: string): string | undefined {
  const region = locale.split('-')[1]?.toUpperCase();
  return region !== undefined && /^[A-Z]{2}$/.test(region) ? region : undefined;
}
