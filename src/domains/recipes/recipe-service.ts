/**
 * The recipes domain as handlers reach it (`context.services.recipes`): the catalog's
 * recipes ranked for a household's inventory through the index, a recipe's facts and its
 * steps in a locale, and the quickest recipes for a household that shares nothing. Built
 * once per process from the shipped catalog (the index with it); tests pass their own.
 */
import type { Locale } from '../../runtime/locales.js';
import {
  type Allergen,
  type CatalogRecipe,
  DIETS,
  type Diet,
  EU_ALLERGENS,
  type Recipe,
} from './catalog-schema.js';
import { type PantryItem, readPantry } from './due-score.js';
import { loadCatalog, type RecipeCatalog } from './load-catalog.js';
import { type RankOptions, type RecipeRanking, rankRecipes } from './rank-recipes.js';
import { buildRecipeIndex } from './recipe-index.js';

/** What a household's health document may hold, as ranking filters: unknown words are dropped. */
export interface HealthFilters {
  readonly diets: readonly Diet[];
  readonly allergens: readonly Allergen[];
}

export interface RecipeService {
  /** Recipes for the inventory, best first, and the expired ingredients to mention. */
  rank(inventory: readonly PantryItem[], options: RankOptions): RecipeRanking;
  /** The recipe as ranking sees it (required and optional ids, derived labels). */
  recipe(id: string): CatalogRecipe | undefined;
  /** The recipe as written: quantities and units. */
  facts(id: string): Recipe | undefined;
  /** Its steps in the locale (after the locale's fallback); empty for an unknown recipe. */
  steps(id: string, locale: Locale): readonly string[];
  /**
   * The recipe's required ingredients not at hand on `today` (an expired item is not at
   * hand), in the recipe's order; undefined for an unknown recipe.
   */
  missing(id: string, inventory: readonly PantryItem[], today: string): readonly string[] | undefined;
  /** The quickest recipes, for a household whose inventory is not shared. */
  quickest(count: number): readonly CatalogRecipe[];
  /** The health document's words the catalog knows, as ranking filters. */
  healthFilters(health: { diets: readonly string[]; allergens: readonly string[] }): HealthFilters;
}

const isDiet = (value: string): value is Diet => (DIETS as readonly string[]).includes(value);
const isAllergen = (value: string): value is Allergen => (EU_ALLERGENS as readonly string[]).includes(value);

export function createRecipeService(catalog: RecipeCatalog = loadCatalog()): RecipeService {
  const index = buildRecipeIndex(catalog.recipes);
  const byId = new Map(catalog.recipes.map((r) => [r.id, r]));
  const quickest = [...catalog.recipes].sort((a, b) => a.minutes - b.minutes || a.id.localeCompare(b.id));
  return {
    rank: (inventory, options) => rankRecipes(index, inventory, options),
    recipe: (id) => byId.get(id),
    facts: (id) => catalog.recipeFacts.get(id),
    steps: (id, locale) => catalog.recipeTexts[locale].get(id)?.steps ?? [],
    missing: (id, inventory, today) => {
      const recipe = byId.get(id);
      if (!recipe) return undefined;
      const { present } = readPantry(inventory, today);
      return recipe.required.filter((ingredient) => !present.has(ingredient));
    },
    quickest: (count) => quickest.slice(0, Math.max(0, count)),
    healthFilters: (health) => ({
      diets: health.diets.filter(isDiet),
      allergens: health.allergens.filter(isAllergen),
    }),
  };
}

let shipped: RecipeService | undefined;

/**
 * The service on the shipped catalog, built on first use: what a skill uses when the app
 * was built without a recipes service of its own (a test's conversation, `hearth simulate`).
 */
export function shippedRecipeService(): RecipeService {
  shipped ??= createRecipeService();
  return shipped;
}

declare module '../../runtime/skill-services.js' {
  interface SkillServices {
    /** The recipe catalog and its ranking; skills fall back to `shippedRecipeService()`. */
    recipes?: RecipeService;
  }
}
