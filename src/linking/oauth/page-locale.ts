import type { Context } from 'hono';
import { type Locale, languageOf, REFERENCE_LOCALE, resolveLocale } from '../../runtime/locales.js';

/** The most Accept-Language ranges looked at. */
const MAX_RANGES = 20;

/** A supported locale for `tag`, or undefined when its language is not one hearth speaks. */
function supported(tag: string): Locale | undefined {
  const locale = resolveLocale(tag);
  return languageOf(locale) === tag.slice(0, 2).toLowerCase() ? locale : undefined;
}

/**
 * The language of a page shown before the household is known (sign-in prompt,
 * errors): Google's `user_locale` when it sent one, else the browser's
 * preferred language hearth speaks (Accept-Language by weight), else en-US.
 */
export function pageLocale(c: Context, userLocale?: string | null): Locale {
  const given = userLocale ? supported(userLocale) : undefined;
  if (given) return given;
  const ranges = (c.req.header('accept-language') ?? '')
    .split(',')
    .slice(0, MAX_RANGES)
    .map((range, index) => {
      const [tag = '', ...params] = range.trim().split(';');
      const q = params.map((p) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((r) => r.q > 0 && /^[A-Za-z]{2}([-_][A-Za-z0-9]{1,8})*$/.test(r.tag))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranges) {
    const locale = supported(tag);
    if (locale) return locale;
  }
  return REFERENCE_LOCALE;
}
