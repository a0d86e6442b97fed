/**
 * The locales hearth serves, their fallback chains and the plural forms each
 * language needs. One list, so the runtime, validate and build agree.
 */

/** Locales with complete language data. */
export const PRIMARY_LOCALES = ['en-US', 'fr-FR', 'de-DE', 'es-ES', 'it-IT'] as const;
/** Every locale, each primary one followed by its regional ones (the order build and validate report in). */
export const LOCALES = ['en-US', 'en-GB', 'fr-FR', 'fr-CA', 'de-DE', 'es-ES', 'it-IT'] as const;

export type Locale = (typeof LOCALES)[number];

/** The locale whose keys and interpolation variables every other locale is compared with. */
export const REFERENCE_LOCALE: Locale = 'en-US';

const FALLBACKS: Record<Locale, readonly Locale[]> = {
  'en-US': [],
  'en-GB': ['en-US'],
  'fr-FR': [],
  'fr-CA': ['fr-FR'],
  'de-DE': [],
  'es-ES': [],
  'it-IT': [],
};

/** Whether a string is one of the supported locales. */
export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/** The locale followed by the locales it falls back to, most specific first. */
export function fallbackChain(locale: Locale): Locale[] {
  return [locale, ...FALLBACKS[locale]];
}

/** The primary language of a locale (`fr` for `fr-CA`). */
export function languageOf(locale: Locale): string {
  return locale.slice(0, 2);
}

/** Plural categories the locale needs, as Node's Intl.PluralRules reports them (sorted). */
export function pluralCategories(locale: Locale): string[] {
  return [...new Intl.PluralRules(locale).resolvedOptions().pluralCategories].sort();
}

/**
 * Pick the best supported locale for a requested one: exact, then a locale of
 * the same language (its primary first), else en-US.
 */
export function resolveLocale(requested: string | undefined): Locale {
  if (!requested) return REFERENCE_LOCALE;
  const normalised = requested.replace('_', '-');
  const exact = LOCALES.find((l) => l.toLowerCase() === normalised.toLowerCase());
  if (exact) return exact;
  const language = normalised.slice(0, 2).toLowerCase();
  const primary = PRIMARY_LOCALES.find((l) => l.startsWith(`${language}-`));
  return primary ?? REFERENCE_LOCALE;
}
