/**
 * What fridge-chef reads of the recipes domain: the service the app was built with, or the
 * shipped catalog's; the household's today; its inventory as ranking reads it.
 */
import {
  type HandlerContext,
  type InventoryDocument,
  localDay,
  type RecipeService,
  shippedRecipeService,
  type Turn,
} from 'hearth/skill';
import type { Vocabulary } from './define.js';

export function recipesOf(context: HandlerContext<Vocabulary>): RecipeService {
  return context.services.recipes ?? shippedRecipeService();
}

/** The household's calendar day: an item expiring "tomorrow" is tomorrow where the fridge is. */
export function todayOf(turn: Turn): string {
  return localDay(turn.now, turn.household?.timeZone ?? 'UTC');
}

/** Items the vocabulary knows, as ranking reads them (an item kept by the appliance's label is not cooked with). */
export function pantryOf(inventory: InventoryDocument) {
  return inventory.items.flatMap((i) =>
    typeof i.ingredient === 'string' ? [{ ingredient: i.ingredient, expiresOn: i.expiresOn }] : [],
  );
}
