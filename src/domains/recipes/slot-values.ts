/**
 * The fridge-chef slot types `Ingredient` and `Recipe` come from the vocabulary and the
 * catalog rather than being written a second time in each skill model: a slot value per
 * id, its value the word people say most (an ingredient's plural, a recipe's name), the
 * other forms as synonyms. They read the catalog without refusing a broken one, so that
 * `hearth validate` gets as far as reporting its problems.
 */
import type { SlotTypeValue } from '../../runtime/locale-files.js';
import type { Locale } from '../../runtime/locales.js';
import { type RecipeCatalog, readShippedCatalog } from './load-catalog.js';

function slotValue(id: string, value: string, others: readonly string[]): SlotTypeValue {
  const seen = new Set([value.toLowerCase()]);
  const synonyms: string[] = [];
  for (const other of others) {
    const folded = other.toLowerCase();
    if (seen.has(folded)) continue;
    seen.add(folded);
    synonyms.push(other);
  }
  return synonyms.length ? { id, value, synonyms } : { id, value };
}

/** `Ingredient` slot values of a locale: every ingredient with words there. */
export function ingredientSlotValues(
  locale: Locale,
  catalog: RecipeCatalog = readShippedCatalog(),
): SlotTypeValue[] {
  return [...catalog.ingredientNames[locale]].map(([id, words]) =>
    slotValue(id, words.plural, [words.name, ...words.synonyms]),
  );
}

/** `Recipe` slot values of a locale: every recipe with a name there. */
export function recipeSlotValues(
  locale: Locale,
  catalog: RecipeCatalog = readShippedCatalog(),
): SlotTypeValue[] {
  return [...catalog.recipeTexts[locale]].map(([id, text]) => slotValue(id, text.name, text.synonyms));
}
