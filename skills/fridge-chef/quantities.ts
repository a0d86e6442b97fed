/** A recipe quantity in the household's words: "200 g", "2", "1 tbsp" ("0,5 EL", "1 c. à soupe"). */
import type { Translate } from 'hearth/skill';
import type { Vocabulary } from './define.js';

type Quantity = { quantity: number; unit: string };

/** Units written as symbols in every language; the others are words of the locale. */
const SYMBOLS = new Set(['g', 'ml']);
type WordUnit = 'tbsp' | 'tsp' | 'pinch' | 'clove' | 'slice' | 'bunch';

export function quantityText(
  t: Translate<Vocabulary['keys']>,
  locale: string,
  { quantity, unit }: Quantity,
): string {
  const amount = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(quantity);
  if (SYMBOLS.has(unit)) return `${amount} ${unit}`;
  if (unit === 'piece') return amount;
  return t(`units.${unit as WordUnit}`, { count: quantity, amount });
}
