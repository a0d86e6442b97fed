/**
 * From the label an appliance or a shop gives a food ("Tomates cerises", "Bio-Vollmilch
 * 1,5%", "2 x Eier Größe M") to an ingredient id of the vocabulary. Words are folded
 * (case, accents), quantities dropped, and the longest known phrase (a name, a plural or
 * a synonym of the locale) is looked for; the label is that ingredient only when every
 * other word is one the locale lists as label noise (brands, quality, size, packaging).
 * Anything else stays unknown with its text: a wrong ingredient would rank wrong recipes
 * and put wrong things on a shopping list, an unknown one is only left out.
 */
import type { Locale } from '../../runtime/locales.js';
import { labelTokens } from './fold-words.js';
import { loadCatalog, type RecipeCatalog } from './load-catalog.js';

export type NormalisedIngredient = { id: string } | { unknown: string };

export type IngredientNormaliser = (label: string) => NormalisedIngredient;

/** Longest label (in characters) looked at; anything longer is not a food label. */
const MAX_LABEL = 200;

/** The normaliser of one locale of a catalog (build once, call for every label). */
export function createIngredientNormaliser(catalog: RecipeCatalog, locale: Locale): IngredientNormaliser {
  const phrases = new Map<string, string>();
  let longest = 1;
  for (const [id, words] of catalog.ingredientNames[locale]) {
    for (const phrase of [words.name, words.plural, ...words.synonyms]) {
      const tokens = labelTokens(phrase);
      if (!tokens.length) continue;
      const key = tokens.join(' ');
      if (!phrases.has(key)) phrases.set(key, id);
      longest = Math.max(longest, tokens.length);
    }
  }
  const noise = catalog.labelWords[locale];
  return (label) => {
    const text = typeof label === 'string' ? label.trim() : '';
    if (!text || text.length > MAX_LABEL) return { unknown: text };
    const tokens = labelTokens(text);
    for (let size = Math.min(longest, tokens.length); size > 0; size--) {
      for (let start = 0; start + size <= tokens.length; start++) {
        const id = phrases.get(tokens.slice(start, start + size).join(' '));
        if (id === undefined) continue;
        const rest = [...tokens.slice(0, start), ...tokens.slice(start + size)];
        if (rest.every((t) => noise.has(t))) return { id };
      }
    }
    return { unknown: text };
  };
}

const shipped = new Map<Locale, IngredientNormaliser>();

/** Normalise a label with the shipped catalog's words of `locale`. */
export function normaliseIngredient(label: string, locale: Locale): NormalisedIngredient {
  let normalise = shipped.get(locale);
  if (!normalise) {
    normalise = createIngredientNormaliser(loadCatalog(), locale);
    shipped.set(locale, normalise);
  }
  return normalise(label);
}
