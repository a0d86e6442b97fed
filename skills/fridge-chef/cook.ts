/** Handlers for cooking: what can I cook, what expires soon, recipe details. */

import { joinList, rememberSuggestion } from '../../src/runtime/privacy-intents.js';
import { defineIntent, type HandlerContext, responseKey } from '../../src/runtime/skill-definition.js';
import type { Card } from '../../src/runtime/turn.js';
import { expiringSoon } from './context.js';
import { findRecipe, popularRecipes, type Recipe, rankRecipes } from './recipes.js';

function recipeCard(ctx: HandlerContext, recipes: Array<Recipe & { missing?: string[] }>): Card {
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
        reprompt: t('help.reprompt'),
        session: rememberSuggestion(turn.session, { key: responseKey('why.popular'), purposes: [] }),
      };
    }
    const have = new Set(inventory.items.map((i) => i.ingredient));
    const ranked = rankRecipes(have, new Set(expiringSoon(inventory, turn.now))).slice(0, 3);
    const best = ranked[0];
    if (!best) return { speech: t('cook.personalNone'), reprompt: t('help.reprompt') };
    return {
      speech: t('cook.personal', { recipe: valueName('Recipe', best.id), minutes: best.minutes }),
      card: recipeCard(ctx, ranked),
      suggestions: [t('suggestions.recipeDetails'), t('suggestions.why')],
      reprompt: t('help.reprompt'),
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
    if (!inventory) return { speech: t('expiring.noAccess'), reprompt: t('help.reprompt') };
    const due = expiringSoon(inventory, turn.now);
    if (!due.length) return { speech: t('expiring.none'), reprompt: t('help.reprompt') };
    const items = joinList(
      t,
      due.map((id) => valueName('Ingredient', id)),
    );
    const recipe = rankRecipes(new Set(inventory.items.map((i) => i.ingredient)), new Set(due))[0];
    if (!recipe)
      return { speech: t('expiring.some', { count: due.length, items }), reprompt: t('help.reprompt') };
    const usesDue = recipe.ingredients.find((i) => due.includes(i)) ?? due[0]!;
    return {
      speech: t('expiring.someWithRecipe', {
        count: due.length,
        items,
        recipe: valueName('Recipe', recipe.id),
      }),
      card: recipeCard(ctx, [recipe]),
      reprompt: t('help.reprompt'),
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
    const recipe = findRecipe(turn.slots.recipe?.id);
    if (!recipe) return { speech: t('recipe.unknown'), reprompt: t('help.reprompt') };
    const name = valueName('Recipe', recipe.id);
    const ingredients = joinList(
      t,
      recipe.ingredients.map((i) => valueName('Ingredient', i)),
    );
    const details = t('recipe.details', { recipe: name, minutes: recipe.minutes, ingredients });
    const card: Card = {
      title: name,
      items: recipe.ingredients.map((i) => ({ id: i, title: valueName('Ingredient', i) })),
      actions: [],
    };
    const { documents } = await consent.read(['inventory']);
    const inventory = documents.inventory;
    if (!inventory) return { speech: details, card, reprompt: t('help.reprompt') };
    const have = new Set(inventory.items.map((i) => i.ingredient));
    const missing = recipe.ingredients.filter((i) => !have.has(i));
    if (!missing.length)
      return { speech: `${details} ${t('recipe.haveAll')}`, card, reprompt: t('help.reprompt') };
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
      reprompt: t('help.reprompt'),
    };
  },
});
