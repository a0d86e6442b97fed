/**
 * What fridge-chef makes of the context documents the consent gate hands out
 * (parsed with the data model's one schema of each, so nothing here re-parses).
 */
import type { InventoryDocument, InventoryItem } from 'hearth/skill';

export type Inventory = InventoryDocument;

/**
 * How a lot is said: the vocabulary's name of its ingredient in the turn's language, or,
 * for food the vocabulary does not know, the appliance's label as it came ("Bio-Hafermilch").
 */
export function foodName(valueName: (type: 'Ingredient', id: string) => string, item: InventoryItem): string {
  return item.ingredient === null ? item.label : valueName('Ingredient', item.ingredient);
}

/** A card item's id for a lot: its ingredient id, or `label:` and the label for unknown food (never taken for an id). */
export function foodCardId(item: InventoryItem): string {
  return item.ingredient ?? `label:${item.label}`;
}

/** The lots of food the vocabulary does not know, as the appliance named them. */
export function unknownFood(inventory: Inventory) {
  return inventory.items.flatMap((i) => (i.ingredient === null ? [i] : []));
}
