/**
 * What the device-events path needs of the ingredient vocabulary: the appliance's label
 * of a food ("Tomates cerises") as an ingredient id of the vocabulary, or unknown. The
 * vocabulary belongs to the recipes domain, which uses this room, so it is handed in
 * (`shippedIngredientLabels()` of `domains/recipes/normalise-ingredient.ts`, wired by
 * the composition root) rather than imported.
 */
import type { Locale } from '../../runtime/locales.js';

/** An ingredient id of the vocabulary, or the label as sent when it names none. */
export type IngredientLabel = { id: string } | { unknown: string };

export interface IngredientLabels {
  /** The id a label names in the household's locale (an id sent as such stays itself); unknown otherwise, never guessed. */
  normalise(label: string, locale: Locale): IngredientLabel;
  /** The form two labels are compared in (case, accents, punctuation and quantities folded). */
  fold(label: string): string;
}
