/**
 * The Snowball stemmer of each language hearth serves (@orama/stemmers), so
 * that "capsules", "capsule" and "cuisiner", "cuisine" meet in the similarity
 * stage. Stems are taken of normalised words (no accents), on both sides.
 *
 * A language's stemmer is loaded the first time a matcher of that language is
 * built (a typed turn, the simulator), not at start: voice turns never need
 * one, and the service's cold start should not pay for them (the package
 * stays outside the service bundle, see rolldown.config.ts).
 */
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

const PACKAGES: Record<string, string> = {
  de: '@orama/stemmers/german',
  en: '@orama/stemmers/english',
  es: '@orama/stemmers/spanish',
  fr: '@orama/stemmers/french',
  it: '@orama/stemmers/italian',
};

const loaded = new Map<string, (word: string) => string>();
const unchanged = (word: string) => word;

/** The stemmer of a language (`fr`), or the word itself for a language without one. */
export function stemmerOf(language: string): (word: string) => string {
  const found = loaded.get(language);
  if (found) return found;
  const name = PACKAGES[language];
  if (name === undefined) return unchanged;
  const stemmer: unknown = (load(name) as { stemmer?: unknown }).stemmer;
  if (typeof stemmer !== 'function') throw new Error(`${name} has no stemmer function`);
  const stem = (word: string) => String(stemmer(word));
  loaded.set(language, stem);
  return stem;
}
