/**
 * A small, non-personal recipe catalog for the voice skill. Names are slot
 * values of the `Recipe` type (localised in locales/); ingredients are ids of
 * the `Ingredient` type. The full catalog and its ranking live in
 * domains/recipes once that lands.
 */

export type Recipe = { id: string; minutes: number; ingredients: string[] };

export const RECIPES: readonly Recipe[] = [
  { id: 'vegetable-omelette', minutes: 15, ingredients: ['egg', 'onion', 'bell-pepper', 'cheese'] },
  { id: 'tomato-pasta', minutes: 20, ingredients: ['pasta', 'tomato', 'garlic', 'onion'] },
  { id: 'vegetable-soup', minutes: 35, ingredients: ['carrot', 'potato', 'onion', 'zucchini'] },
  { id: 'mushroom-risotto', minutes: 35, ingredients: ['rice', 'mushroom', 'onion', 'butter', 'cheese'] },
  {
    id: 'chicken-curry',
    minutes: 40,
    ingredients: ['chicken', 'onion', 'garlic', 'tomato', 'rice', 'yogurt'],
  },
  {
    id: 'ratatouille',
    minutes: 45,
    ingredients: ['zucchini', 'eggplant', 'tomato', 'onion', 'garlic', 'bell-pepper'],
  },
  { id: 'spinach-quiche', minutes: 50, ingredients: ['egg', 'spinach', 'milk', 'cheese', 'butter', 'flour'] },
];

/** The recipe with this id, if the catalog has it. */
export function findRecipe(id: string | undefined): Recipe | undefined {
  return RECIPES.find((r) => r.id === id);
}

/** Recipes ranked for what the household has: most due items used first, then fewest missing ingredients. */
export function rankRecipes(
  have: ReadonlySet<string>,
  due: ReadonlySet<string>,
): Array<Recipe & { missing: string[] }> {
  return RECIPES.map((r) => ({ ...r, missing: r.ingredients.filter((i) => !have.has(i)) }))
    .filter((r) => r.missing.length < r.ingredients.length)
    .map((r) => ({ r, dueUsed: r.ingredients.filter((i) => due.has(i)).length }))
    .sort(
      (a, b) => b.dueUsed - a.dueUsed || a.r.missing.length - b.r.missing.length || a.r.minutes - b.r.minutes,
    )
    .map(({ r }) => r);
}

/** The non-personal suggestion: quickest recipes first. */
export function popularRecipes(count: number): Recipe[] {
  return [...RECIPES].sort((a, b) => a.minutes - b.minutes).slice(0, count);
}
