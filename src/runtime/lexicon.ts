/**
 * The matcher's lexicon of a locale: `common/matcher.json` of every locale in
 * its fallback chain, merged (regional fillers add to the inherited ones, a
 * regional number, elision or contraction replaces the same word, off-topic requests
 * add up) and normalised like matcher input.
 */
import type { MatcherFile } from './common-files.js';
import type { LocaleFiles } from './locale-files.js';
import { fallbackChain, type Locale } from './locales.js';
import { type Lexicon, normaliseText, tokenize } from './matcher.js';

/** The matcher file of a locale after fallback, as authored (a field is absent when no file of the chain has it). */
export function mergeMatcherFiles(files: LocaleFiles, locale: Locale): MatcherFile {
  let fillers: string[] | undefined;
  let numbers: Record<string, number> | undefined;
  let elisions: Record<string, string> | undefined;
  let contractions: Record<string, string> | undefined;
  let offTopic: string[] | undefined;
  for (const l of fallbackChain(locale).reverse()) {
    const data = files.matcher?.[l]?.data;
    if (data?.fillers) fillers = [...(fillers ?? []), ...data.fillers];
    if (data?.numbers) numbers = { ...numbers, ...data.numbers };
    if (data?.elisions) elisions = { ...elisions, ...data.elisions };
    if (data?.contractions) contractions = { ...contractions, ...data.contractions };
    if (data?.offTopic) offTopic = [...(offTopic ?? []), ...data.offTopic];
  }
  return {
    ...(fillers ? { fillers } : {}),
    ...(numbers ? { numbers } : {}),
    ...(elisions ? { elisions } : {}),
    ...(contractions ? { contractions } : {}),
    ...(offTopic ? { offTopic } : {}),
  };
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
  const words = (phrase: string) => tokenize(phrase).map((t) => t.norm);
  const rewrites = (record: Record<string, string> | undefined) =>
    record
      ? new Map(Object.entries(record).map(([from, to]) => [normaliseText(from), words(to)]))
      : undefined;
  const elisions = rewrites(merged.elisions);
  const contractions = rewrites(merged.contractions);
  return {
    fillers,
    numbers,
    ...(elisions ? { elisions } : {}),
    ...(contractions ? { contractions } : {}),
    ...(merged.offTopic ? { offTopic: merged.offTopic } : {}),
  };
}
