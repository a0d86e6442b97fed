/** Handlers for cooking: what can I cook, what expires soon, recipe details. */
import { type Card, type HandlerContext, joinList, rememberSuggestion } from 'hearth/skill';
import { expiringSoon } from './context.js';
import { defineIntent, responseKey, type Vocabulary } from './define.js';
import { findRecipe, popularRecipes, type Recipe, rankRecipes } from './recipes.js';

function recipeCard(
  ctx: HandlerContext<Vocabulary>,
  recipes: Array<Recipe & { missing?: string[] }>,
): Card<Vocabulary> {
  const { t, valueName } = ctx;
  return {
    title: t('card.recipesTitle'),
    items: recipes.map((r) => ({
      id: r.id,
      title: valueName('Recipe', r.id),
      subtitle: t('card.minutes', { count: r.minutes }),
      ...(r.missing?.length ? { badges: [t('card.missing', { count: r.missing.length })] } : {}),
    })),
    actions: recipes.slice(0, 1).map((r) => ({
      id: `details-${r.id}`,
      label: t('card.details'),
      intent: 'RecipeDetailsIntent',
      slots: { recipe: r.id },
    })),
  };
}

export const whatCanICook = defineIntent({
  purposes: ['inventory'],
  handle: async (turn, ctx) => {
    const { t, consent, valueName } = ctx;
    const { documents } = await consent.read(['inventory']);
    const inventory = documents.inventory;
    if (!inventory) {
      const ideas = popularRecipes(3);
      const first = ideas[0]!;
      return {
        speech: t('cook.general', { recipe: valueName('Recipe', first.id), minutes: first.minutes }),
        card: recipeCard(ctx, ideas),
        suggestions: [t('suggestions.recipeDetails'), t('suggestions.why')],
        session: rememberSuggestion(turn.session, { key: responseKey('why.popular'), purposes: [] }),
      };
    }
    const have = new Set(inventory.items.map((i) => i.ingredient));
    const ranked = rankRecipes(have, new Set(expiringSoon(inventory, turn.now))).slice(0, 3);
    const best = ranked[0];
    if (!best) return { speech: t('cook.personalNone') };
    return {
      speech: t('cook.personal', { recipe: valueName('Recipe', best.id), minutes: best.minutes }),
      card: recipeCard(ctx, ranked),
      suggestions: [t('suggestions.recipeDetails'), t('suggestions.why')],
      session: rememberSuggestion(turn.session, { key: responseKey('why.matches'), purposes: ['inventory'] }),
    };
  },
});

export const expiringSoonIntent = defineIntent({
  purposes: ['inventory'],
  handle: async (turn, ctx) => {
    const { t, consent, valueName } = ctx;
    const { documents } = await consent.read(['inventory']);
    const inventory = documents.inventory;
    if (!inventory) return { speech: t('expiring.noAccess') };
    const due = expiringSoon(inventory, turn.now);
    if (!due.length) return { speech: t('expiring.none') };
    const items = joinList(
      t,
      due.map((id) => valueName('Ingredient', id)),
    );
    const recipe = rankRecipes(new Set(inventory.items.map((i) => i.ingredient)), new Set(due))[0];
    if (!recipe) return { speech: t('expiring.some', { count: due.length, items }) };
    const usesDue = recipe.ingredients.find((i) => due.includes(i)) ?? due[0]!;
    return {
      speech: t('expiring.someWithRecipe', {
        count: due.length,
        items,
        recipe: valueName('Recipe', recipe.id),
      }),
      card: recipeCard(ctx, [recipe]),
      session: rememberSuggestion(turn.session, {
        key: responseKey('why.usesExpiring'),
        values: { ingredient: valueName('Ingredient', usesDue) },
        purposes: ['inventory'],
      }),
    };
  },
});

export const recipeDetails = defineIntent({
  slots: { recipe: { type: 'Recipe', required: true, prompt: 'prompts.recipe' } },
  purposes: ['inventory'],
  handle: async (turn, ctx) => {
    const { t, consent, valueName } = ctx;
    const recipe = findRecipe(turn.slots.recipe.id);
    if (!recipe) return { speech: t('recipe.unknown') };
    const name = valueName('Recipe', recipe.id);
    const ingredients = joinList(
      t,
      recipe.ingredients.map((i) => valueName('Ingredient', i)),
    );
    const details = t('recipe.details', { recipe: name, minutes: recipe.minutes, ingredients });
    const card: Card<Vocabulary> = {
      title: name,
      items: recipe.ingredients.map((i) => ({ id: i, title: valueName('Ingredient', i) })),
      actions: [],
    };
    const { documents } = await consent.read(['inventory']);
    const inventory = documents.inventory;
    if (!inventory) return { speech: details, card };
    const have = new Set(inventory.items.map((i) => i.ingredient));
    const missing = recipe.ingredients.filter((i) => !have.has(i));
    if (!missing.length) return { speech: `${details} ${t('recipe.haveAll')}`, card };
    const first = missing[0]!;
    return {
      speech: `${details} ${t('recipe.missing', {
        count: missing.length,
        items: joinList(
          t,
          missing.map((i) => valueName('Ingredient', i)),
        ),
      })}`,
      card: {
        ...card,
        items: card.items.map((item) =>
          missing.includes(item.id) ? { ...item, badges: [t('card.missingBadge')] } : item,
        ),
        actions: [
          {
            id: `add-${first}`,
            label: t('card.addToList', { ingredient: valueName('Ingredient', first) }),
            intent: 'AddToShoppingListIntent',
            slots: { ingredient: first },
          },
        ],
      },
    };
  },
});
