/**
 * The screen page's strings of a locale: `common/screen.json` of every locale
 * in its fallback chain, merged key by key (device kind names kind by kind).
 */
import type { ScreenFile, ScreenStrings } from './common-files.js';
import type { LocaleFiles } from './locale-files.js';
import { fallbackChain, type Locale } from './locales.js';

/** The screen file of a locale after fallback, as authored (keys no file of the chain has are absent). */
export function mergeScreenFiles(files: LocaleFiles, locale: Locale): ScreenFile {
  let merged: ScreenFile = {};
  for (const l of fallbackChain(locale).reverse()) {
    const data = files.screen?.[l]?.data;
    if (data) merged = { ...merged, ...data, kind: { ...merged.kind, ...data.kind } };
  }
  return merged;
}

/** A string no file provides shows as `[missing: key]`, as missing responses do, never as nothing. */
function missing(key: string): string {
  return `[missing: screen.${key}]`;
}

/** The screen page's strings in a locale, after fallback. */
export function screenStringsOf(files: LocaleFiles, locale: Locale): ScreenStrings {
  const merged = mergeScreenFiles(files, locale);
  return {
    kind: merged.kind ?? {},
    home: merged.home ?? missing('home'),
    question: merged.question ?? missing('question'),
    ask: merged.ask ?? missing('ask'),
    suggestions: merged.suggestions ?? missing('suggestions'),
    failed: merged.failed ?? missing('failed'),
    expired: merged.expired ?? missing('expired'),
  };
}

/** The name of a device kind in the strings, or the missing marker. */
export function kindName(strings: ScreenStrings, kind: string): string {
  const name = Object.hasOwn(strings.kind, kind) ? strings.kind[kind] : undefined;
  return name ?? missing(`kind.${kind}`);
}
