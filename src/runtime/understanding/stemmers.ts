/**
 * The Snowball stemmer of each language hearth serves (@orama/stemmers), so
 * that "capsules", "capsule" and "cuisiner", "cuisine" meet in the similarity
 * stage. Stems are taken of normalised words (no accents), on both sides.
 */

import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as french } from '@orama/stemmers/french';
import { stemmer as german } from '@orama/stemmers/german';
import { stemmer as italian } from '@orama/stemmers/italian';
import { stemmer as spanish } from '@orama/stemmers/spanish';

const STEMMERS: Record<string, (word: string) => string> = {
  de: german,
  en: english,
  es: spanish,
  fr: french,
  it: italian,
};

/** The stemmer of a language (`fr`), or the word itself for a language without one. */
export function stemmerOf(language: string): (word: string) => string {
  return STEMMERS[language] ?? ((word) => word);
}
