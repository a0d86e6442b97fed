/**
 * The matcher's lexicon of a locale: `common/matcher.json` of every locale in
 * its fallback chain, merged (regional fillers add to the inherited ones, a
 * regional number replaces the same phrase) and normalised like matcher input.
 */
import type { MatcherFile } from './common-files.js';
import type { LocaleFiles } from './locale-files.js';
import { fallbackChain, type Locale } from './locales.js';
import { type Lexicon, normaliseText, tokenize } from './matcher.js';

/** The matcher file of a locale after fallback, as authored (a field is absent when no file of the chain has it). */
export function mergeMatcherFiles(files: LocaleFiles, locale: Locale): MatcherFile {
  let fillers: string[] | undefined;
  let numbers: Record<string, number> | undefined;
  for (const l of fallbackChain(locale).reverse()) {
    const data = files.matcher?.[l]?.data;
    if (data?.fillers) fillers = [...(fillers ?? []), ...data.fillers];
    if (data?.numbers) numbers = { ...numbers, ...data.numbers };
  }
  return { ...(fillers ? { fillers } : {}), ...(numbers ? { numbers } : {}) };
}

/** The lexicon of a locale from its locale files (empty when none has matcher data). */
export function lexiconOf(files: LocaleFiles, locale: Locale): Lexicon {
  const merged = mergeMatcherFiles(files, locale);
  const fillers = new Set((merged.fillers ?? []).map(normaliseText));
  const numbers = new Map<string, number>();
  for (const [phrase, value] of Object.entries(merged.numbers ?? {})) {
    const key = tokenize(phrase)
      .map((t) => t.norm)
      .join(' ');
    if (key) numbers.set(key, value);
  }
  return { fillers, numbers };
}
