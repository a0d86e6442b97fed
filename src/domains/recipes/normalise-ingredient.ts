/**
 * From the label an appliance or a shop gives a food ("Tomates cerises", "Bio-Vollmilch
 * 1,5%", "2 x Eier Größe M") to an ingredient id of the vocabulary. Words are folded
 * (case, accents), quantities dropped, and the longest known phrase (a name, a plural or
 * a synonym of the locale) is looked for; the label is that ingredient only when every
 * other word is one the locale lists as label noise (brands, quality, size, packaging).
 * Anything else stays unknown with its text: a wrong ingredient would rank wrong recipes
 * and put wrong things on a shopping list, an unknown one is only left out.
 */
import type { IngredientLabels } from '../../household/device-events/ingredient-labels.js';
import type { Locale } from '../../runtime/locales.js';
import { labelKey, labelTokens } from './fold-words.js';
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

/**
 * Labels of food as the device-events path reads them (`IngredientLabels`): an id of the
 * catalog sent as such stays itself (appliances that send ids keep working, and `paprika`
 * stays the spice though German calls bell peppers "Paprika"); anything else goes through
 * the locale's normaliser, built on first use and kept. Labels compare by `labelKey`.
 */
export function ingredientLabelsOf(catalog: RecipeCatalog): IngredientLabels {
  // A fridge sends the same few labels again and again: each is read once per locale.
  const readings = new Map<
    Locale,
    { normalise: IngredientNormaliser; memo: Map<string, NormalisedIngredient> }
  >();
  const keys = new Map<string, string>();
  return {
    normalise(label, locale) {
      if (catalog.ingredients.has(label)) return { id: label };
      let reading = readings.get(locale);
      if (!reading) {
        reading = { normalise: createIngredientNormaliser(catalog, locale), memo: new Map() };
        readings.set(locale, reading);
      }
      return remembered(reading.memo, label, reading.normalise);
    },
    fold: (label) => remembered(keys, label, labelKey),
  };
}

/** Most labels a memo keeps before it starts again (a label is at most 80 characters). */
const MEMO_ENTRIES = 10_000;

/** `compute(key)`, remembered in `memo`, which forgets everything once it holds MEMO_ENTRIES. */
function remembered<T>(memo: Map<string, T>, key: string, compute: (key: string) => T): T {
  const known = memo.get(key);
  if (known !== undefined) return known;
  if (memo.size >= MEMO_ENTRIES) memo.clear();
  const value = compute(key);
  memo.set(key, value);
  return value;
}

let shippedLabels: IngredientLabels | undefined;

/** `ingredientLabelsOf` the shipped catalog, made once per process. */
export function shippedIngredientLabels(): IngredientLabels {
  shippedLabels ??= ingredientLabelsOf(loadCatalog());
  return shippedLabels;
}
