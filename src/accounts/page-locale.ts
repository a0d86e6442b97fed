import type { Context } from 'hono';
import { LOCALES, type Locale, REFERENCE_LOCALE, resolveLocale } from '../runtime/locales.js';

/** Tags of an Accept-Language header we look at: a header is the browser's, a long one is not. */
const MAX_TAGS = 20;

/**
 * The locale of a page for someone whose language we do not know from an
 * account (a sign-in prompt, a brand): the first language of the browser's
 * Accept-Language, by preference, that hearth speaks; else en-US.
 */
export function acceptedLocale(c: Context): Locale {
  const header = c.req.header('accept-language') ?? '';
  const tags = header
    .split(',')
    .slice(0, MAX_TAGS)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim().match(/^q=([01](?:\.\d{0,3})?)$/)?.[1]).find(Boolean);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter(({ tag, q }) => /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$/.test(tag) && q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of tags) {
    const language = tag.slice(0, 2).toLowerCase();
    if (LOCALES.some((l) => l.startsWith(`${language}-`))) return resolveLocale(tag);
  }
  return REFERENCE_LOCALE;
}

/** A locale's name in its own language ("français (France)"), for showing an account's language. */
export function localeName(locale: Locale): string {
  return new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;
}
