/**
 * i18next resolves a key through fallback chains, plural forms and
 * interpolation on every call, which costs tens of microseconds a turn many
 * times over. What it resolves depends only on the key, the plural form of
 * `count` and the names of the values, so this asks i18next once per such
 * combination, with placeholders for the values, and fills the values in
 * itself. Only placeholders are cached, never what a household said.
 */
import type { Locale } from './locales.js';
import type { Translate } from './skill-definition.js';

type I18nextT = (
  key: string,
  options: { replace: Record<string, string>; count?: string | number },
) => unknown;

/** Marks where value number `i` goes; no response text contains NUL. */
const placeholder = (i: number) => `\u0000${i}\u0000`;

/** How many templates one translator keeps: keys × plural forms × value-name sets stay far below. */
const MAX_TEMPLATES = 5000;

/** A template split at its placeholders: text, value index, text, value index, … */
type Template = readonly (string | number)[];

function split(resolved: string, names: readonly string[]): Template {
  if (names.length === 0) return [resolved];
  const parts: (string | number)[] = [];
  const pieces = resolved.split('\u0000');
  // Odd pieces are the indices between two NULs.
  for (const [i, piece] of pieces.entries()) parts.push(i % 2 === 1 ? Number(piece) : piece);
  return parts;
}

/**
 * A Translate over i18next's fixed `t` of one namespace and locale, exact for
 * the plural forms of the locale and of en-US, the last fallback of every chain.
 */
export function templatedTranslate(fixed: I18nextT, locale: Locale): Translate {
  const own = new Intl.PluralRules(locale);
  const english = new Intl.PluralRules('en-US');
  const templates = new Map<string, Template>();
  return (key, values) => {
    const names = values ? Object.keys(values) : [];
    const count = values?.count;
    // i18next picks a plural form only for a numeric count (and tries `_zero` for 0 first).
    const form =
      typeof count !== 'number'
        ? `${typeof count}`
        : `${count === 0 ? 'zero:' : ''}${own.select(count)}:${english.select(count)}`;
    const cacheKey = names.length === 0 ? key : `${key}\u0001${form}\u0001${names.join('\u0001')}`;
    let template = templates.get(cacheKey);
    if (!template) {
      const replace: Record<string, string> = {};
      for (const [i, name] of names.entries()) replace[name] = placeholder(i);
      // Values only ever interpolate: passed as `replace`, a value named `lng`, `ns` or `defaultValue`
      // (say, from client-held session state) cannot act as an i18next option. `count` picks the plural.
      const resolved = String(fixed(key, { replace, ...(count !== undefined ? { count } : {}) }));
      template = split(resolved, names);
      if (templates.size >= MAX_TEMPLATES) templates.clear();
      templates.set(cacheKey, template);
    }
    if (template.length === 1 && typeof template[0] === 'string') return template[0];
    let out = '';
    for (const part of template)
      out += typeof part === 'number' ? String(values?.[names[part] ?? ''] ?? '') : part;
    return out;
  };
}
