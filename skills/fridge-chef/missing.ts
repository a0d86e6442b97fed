/**
 * The missing ingredients of the recipe the household is looking at, added to its shopping
 * list in one go (by id: an entry reads in every language). What is missing is worked out
 * again from the fridge, not taken from the client-held session.
 */
import { joinList, MAX_SHOPPING_LIST } from 'hearth/skill';
import { pantryOf, recipesOf, todayOf } from './catalog.js';
import { cookingOf } from './cooking-session.js';
import { defineIntent } from './define.js';

export const addMissingIngredients = defineIntent({
  purposes: ['inventory', 'preferences'],
  handle: async (turn, ctx) => {
    const { t, consent, valueName, locale } = ctx;
    const recipes = recipesOf(ctx);
    const cooking = cookingOf(turn.session, recipes, locale);
    if (!cooking) return { speech: t('steps.noRecipe'), reprompt: t('prompts.recipe') };
    const { documents, granted } = await consent.read(['inventory', 'preferences']);
    // Without the fridge, every required ingredient is what the household may need.
    const missing = documents.inventory
      ? (recipes.missing(cooking.recipe, pantryOf(documents.inventory), todayOf(turn)) ?? [])
      : (recipes.recipe(cooking.recipe)?.required ?? []);
    const said = (ids: readonly string[]) =>
      joinList(
        t,
        ids.map((id) => valueName('Ingredient', id)),
      );
    if (!missing.length) return { speech: t('recipe.haveAll') };
    if (!granted.includes('preferences'))
      return { speech: t('shopping.noAccess', { ingredient: said(missing) }) };
    const list = documents.preferences?.shoppingList ?? [];
    const toAdd = missing.filter((id) => !list.includes(id));
    if (!toAdd.length) return { speech: t('shopping.alreadyThere', { ingredient: said(missing) }) };
    if (list.length + toAdd.length > MAX_SHOPPING_LIST)
      return { speech: t('shopping.full', { ingredient: said(toAdd) }) };
    // Said only once the write is committed: the pipeline apologises instead if it fails.
    return {
      speech: t('shopping.added', { ingredient: said(toAdd) }),
      effects: {
        beforeReply: [{ kind: 'contextAdd', purpose: 'preferences', field: 'shoppingList', values: toAdd }],
      },
      // On the list: the household's offers of them (a brand's cream) are converted.
      offers: { converted: toAdd.map((ingredient) => ({ ingredient })) },
    };
  },
});
