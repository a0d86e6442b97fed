/**
 * Handlers for cooking: what can I cook, what expires soon, a recipe's details. Recipes
 * come from the recipes domain, ranked for the household's fridge when it shares it:
 * what must be used up first, then what it can make most completely. Every personal
 * answer says why ("it uses up something that expires tomorrow: spinach") and mentions
 * what has expired, which is never cooked with. Diets and allergies filter the ranking
 * only when `health` is granted; the pipeline asks for it once when it is not.
 */
import {
  type Card,
  type DueUse,
  type HandlerContext,
  type InventoryDocument,
  joinList,
  type RankedRecipe,
  type RecipeRanking,
  rememberSuggestion,
  type Turn,
} from 'hearth/skill';
import { pantryOf, recipesOf, todayOf } from './catalog.js';
import { foodName, unknownFood } from './context.js';
import { withCooking } from './cooking-session.js';
import { defineIntent, responseKey, type Vocabulary } from './define.js';
import { quantityText } from './quantities.js';

type Context = HandlerContext<Vocabulary>;
type Listed = { id: string; minutes: number; missing?: readonly string[] };

function recipeCard(ctx: Context, recipes: readonly Listed[]): Card<Vocabulary> {
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

/** "It uses up something that expires tomorrow: spinach." */
function dueSentence({ t, valueName }: Context, due: DueUse): string {
  const ingredient = valueName('Ingredient', due.ingredient);
  if (due.dueInDays === 0) return t('cook.dueToday', { ingredient });
  if (due.dueInDays === 1) return t('cook.dueTomorrow', { ingredient });
  return t('cook.dueIn', { ingredient, count: due.dueInDays });
}

function names({ t, valueName }: Context, ids: readonly string[]): string {
  return joinList(
    t,
    ids.map((id) => valueName('Ingredient', id)),
  );
}

/** How far ahead "expires soon" looks, in days after today (the responses say three days). */
const SOON_DAYS = 3;

/**
 * Food due from today to SOON_DAYS days on, soonest first, said once each (expired food is
 * mentioned apart). Food the vocabulary does not know is listed too, by the appliance's
 * label: the household should hear about it, though no recipe is ranked with it.
 */
function dueSoon(ctx: Context, inventory: InventoryDocument, today: string): string[] {
  const last = new Date(Date.parse(today) + SOON_DAYS * 86_400_000).toISOString().slice(0, 10);
  const due = inventory.items
    .flatMap((i) =>
      i.expiresOn !== null && i.expiresOn >= today && i.expiresOn <= last
        ? [
            {
              expiresOn: i.expiresOn,
              key: i.ingredient ?? `label:${i.label}`,
              name: foodName(ctx.valueName, i),
            },
          ]
        : [],
    )
    .sort((a, b) => a.expiresOn.localeCompare(b.expiresOn) || a.key.localeCompare(b.key));
  const said = new Map<string, string>();
  for (const d of due) if (!said.has(d.key)) said.set(d.key, d.name);
  return [...said.values()];
}

/** Why this recipe, and what it still needs. */
function reasonFor(ctx: Context, recipe: RankedRecipe): string {
  const due = recipe.usesDue[0];
  const needs = recipe.missing.length
    ? ctx.t('cook.alsoNeeds', { items: names(ctx, recipe.missing) })
    : ctx.t('recipe.haveAll');
  return [due ? dueSentence(ctx, due) : undefined, needs].filter(Boolean).join(' ');
}

/** Expired food is never cooked with, and is mentioned: unknown food by the appliance's label. */
function expiredNote(ctx: Context, ranking: RecipeRanking, inventory: InventoryDocument, today: string) {
  const labels = unknownFood(inventory).flatMap((i) =>
    i.expiresOn !== null && i.expiresOn < today ? [i.label] : [],
  );
  const items = [...ranking.expired.map((id) => ctx.valueName('Ingredient', id)), ...new Set(labels)];
  return items.length ? ctx.t('cook.expired', { items: joinList(ctx.t, items) }) : undefined;
}

function listed(ranking: RecipeRanking, ctx: Context, count: number): Listed[] {
  const recipes = recipesOf(ctx);
  return ranking.recipes.slice(0, count).map((r) => ({
    id: r.id,
    minutes: recipes.recipe(r.id)?.minutes ?? 0,
    missing: r.missing,
  }));
}

/** The household's ranking: its fridge, and its diets and allergies when `health` is granted. */
async function rankForHousehold(turn: Turn, ctx: Context) {
  const { documents } = await ctx.consent.read(['inventory', 'health']);
  const inventory = documents.inventory;
  if (!inventory) return undefined;
  const recipes = recipesOf(ctx);
  const filters = documents.health ? recipes.healthFilters(documents.health) : undefined;
  const filtered = filters !== undefined && filters.diets.length + filters.allergens.length > 0;
  const ranking = recipes.rank(pantryOf(inventory), { today: todayOf(turn), ...filters });
  return { inventory, ranking, filtered };
}

export const whatCanICook = defineIntent({
  // `health` is read only when granted; while it is not, the pipeline asks for it once.
  purposes: ['inventory', 'health'],
  handle: async (turn, ctx) => {
    const { t, valueName } = ctx;
    const household = await rankForHousehold(turn, ctx);
    if (!household) {
      const ideas = recipesOf(ctx).quickest(3);
      const first = ideas[0]!;
      return {
        speech: t('cook.general', { recipe: valueName('Recipe', first.id), minutes: first.minutes }),
        card: recipeCard(ctx, ideas),
        suggestions: [t('suggestions.recipeDetails'), t('suggestions.why')],
        session: rememberSuggestion(turn.session, { key: responseKey('why.popular'), purposes: [] }),
      };
    }
    const { inventory, ranking, filtered } = household;
    const ranked = listed(ranking, ctx, 3);
    const best = ranking.recipes[0];
    const expired = expiredNote(ctx, ranking, inventory, todayOf(turn));
    const kept = filtered ? t('cook.filtered') : undefined;
    if (!best) return { speech: [t('cook.personalNone'), kept, expired].filter(Boolean).join(' ') };
    const minutes = ranked[0]!.minutes;
    const due = best.usesDue[0];
    const speech = [
      t('cook.personal', { recipe: valueName('Recipe', best.id), minutes }),
      reasonFor(ctx, best),
      kept,
      expired,
    ];
    return {
      speech: speech.filter(Boolean).join(' '),
      card: recipeCard(ctx, ranked),
      suggestions: [t('suggestions.recipeDetails'), t('suggestions.why')],
      session: rememberSuggestion(
        turn.session,
        due
          ? {
              key: responseKey('why.usesExpiring'),
              values: { ingredient: valueName('Ingredient', due.ingredient) },
              purposes: filtered ? ['inventory', 'health'] : ['inventory'],
            }
          : { key: responseKey('why.matches'), purposes: filtered ? ['inventory', 'health'] : ['inventory'] },
      ),
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
    const today = todayOf(turn);
    const ranking = recipesOf(ctx).rank(pantryOf(inventory), { today });
    const expired = expiredNote(ctx, ranking, inventory, today);
    const due = dueSoon(ctx, inventory, today);
    if (!due.length) return { speech: [t('expiring.none'), expired].filter(Boolean).join(' ') };
    const items = joinList(t, due);
    const recipe = ranking.recipes.find((r) => r.usesDue.length > 0);
    if (!recipe)
      return {
        speech: [t('expiring.some', { count: due.length, items }), expired].filter(Boolean).join(' '),
      };
    const uses = recipe.usesDue[0]!;
    return {
      speech: [
        t('expiring.someWithRecipe', { count: due.length, items, recipe: valueName('Recipe', recipe.id) }),
        expired,
      ]
        .filter(Boolean)
        .join(' '),
      card: recipeCard(ctx, listed({ ...ranking, recipes: [recipe] }, ctx, 1)),
      session: rememberSuggestion(turn.session, {
        key: responseKey('why.usesExpiring'),
        values: { ingredient: valueName('Ingredient', uses.ingredient) },
        purposes: ['inventory'],
      }),
    };
  },
});

export const recipeDetails = defineIntent({
  slots: { recipe: { type: 'Recipe', required: true, prompt: 'prompts.recipe' } },
  purposes: ['inventory'],
  handle: async (turn, ctx) => {
    const { t, consent, valueName, locale } = ctx;
    const recipes = recipesOf(ctx);
    const id = turn.slots.recipe.id;
    const recipe = id === undefined ? undefined : recipes.recipe(id);
    const facts = id === undefined ? undefined : recipes.facts(id);
    if (!recipe || !facts) return { speech: t('recipe.unknown') };
    const name = valueName('Recipe', recipe.id);
    const steps = recipes.steps(recipe.id, locale);
    const details = t('recipe.details', {
      recipe: name,
      minutes: recipe.minutes,
      ingredients: names(ctx, recipe.required),
    });
    const stepsOffer = t('recipe.stepsOffer', { count: steps.length });
    const session = withCooking(turn.session, { recipe: recipe.id, step: 0 });
    const card: Card<Vocabulary> = {
      title: name,
      items: facts.ingredients.map((i) => ({
        id: i.id,
        title: valueName('Ingredient', i.id),
        subtitle: quantityText(t, locale, i),
        ...(i.optional ? { badges: [t('card.optional')] } : {}),
      })),
      actions: [{ id: 'steps', label: t('suggestions.nextStep'), intent: 'NextStepIntent' }],
    };
    const suggestions = [t('suggestions.nextStep')];
    const { documents } = await consent.read(['inventory']);
    const inventory = documents.inventory;
    if (!inventory) return { speech: `${details} ${stepsOffer}`, card, session, suggestions };
    const missing = recipes.missing(recipe.id, pantryOf(inventory), todayOf(turn)) ?? [];
    if (!missing.length) {
      return { speech: [details, t('recipe.haveAll'), stepsOffer].join(' '), card, session, suggestions };
    }
    return {
      speech: [
        details,
        t('recipe.missing', { count: missing.length, items: names(ctx, missing) }),
        t('recipe.addMissingOffer', { count: missing.length }),
        stepsOffer,
      ].join(' '),
      card: {
        ...card,
        items: card.items.map((item) =>
          missing.includes(item.id) ? { ...item, badges: [t('card.missingBadge')] } : item,
        ),
        actions: [
          {
            id: 'add-missing',
            label: t('card.addMissing', { count: missing.length }),
            intent: 'AddMissingIngredientsIntent',
          },
          ...card.actions,
        ],
      },
      session,
      suggestions: [t('suggestions.addMissing'), ...suggestions],
      // A brand may offer what is missing (sponsored, beside adding it to the list: never instead).
      offers: { events: missing.map((ingredient) => ({ event: 'ingredientMissing', ingredient })) },
    };
  },
});
