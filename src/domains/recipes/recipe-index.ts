/**
 * The recipe catalog laid out for ranking, built once per catalog: posting lists
 * (ingredient -> the recipes that list it) so that a ranking touches only the recipes that
 * share an ingredient with the inventory, and each recipe's facts as typed arrays indexed by
 * its ordinal (its position in the catalog), so that checking a recipe reads numbers, not
 * strings. `rankRecipes` (rank-recipes.ts) walks it.
 */
import { type Allergen, type CatalogRecipe, DIETS, type Diet, EU_ALLERGENS } from './catalog-schema.js';
import { compareIds } from './due-score.js';

/** Ingredients of all recipes, flat: recipe r's are `items[start[r]]` to `items[start[r + 1] - 1]`. */
export interface FlatLists {
  readonly start: Int32Array;
  readonly items: Int32Array;
}

export interface RecipeIndex {
  /** The catalog as given; ordinals are positions in it. */
  readonly recipes: readonly CatalogRecipe[];
  /** Ingredient id -> ordinal, for every ingredient some recipe lists. */
  readonly ingredientOrdinals: ReadonlyMap<string, number>;
  /** Per recipe, its required and its optional ingredient ordinals, in the recipe's order. */
  readonly required: FlatLists;
  readonly optional: FlatLists;
  /** Per ingredient, the ordinals of the recipes listing it as required (as optional), ascending. */
  readonly requiredPostings: FlatLists;
  readonly optionalPostings: FlatLists;
  readonly minutes: Int32Array;
  /** Position of the recipe in id order (ties, which a valid catalog has not, by ordinal). */
  readonly idRank: Int32Array;
  /** Bit i set when the recipe has `EU_ALLERGENS[i]` (has the diet `DIETS[i]`). */
  readonly allergenMask: Int32Array;
  readonly dietMask: Int32Array;
  /**
   * Working arrays of one ranking, all zero (weights -1) between rankings: rankings run one
   * at a time on the event loop, so one set per index saves allocating 100,000-entry arrays
   * per ranking, which the p99 would pay for in garbage collection.
   */
  readonly scratch: {
    /** Per recipe, the due score summed so far (`LOOKED_AT`: looked at, score 0). */
    readonly score: Uint16Array;
    /** Recipes whose `score` entry was written, in the order first written. */
    readonly touched: Int32Array;
    /** Recipes to check next, highest score first. */
    readonly candidates: Int32Array;
    /** Per ingredient, its due weight when present, -1 when not. */
    readonly weight: Int8Array;
  };
  /** The most times one recipe lists one ingredient (1 in a valid catalog): bounds a recipe's score. */
  readonly maxRepeats: number;
  /** Bytes held by the typed arrays above (the catalog's own objects not counted). */
  readonly byteLength: number;
}

/** The `score` of a recipe looked at whose score is 0 (a score is at most 3 x 1,000, see below). */
export const LOOKED_AT = 0xffff;
/** Keeps scores within 16 bits (a real recipe lists a few dozen ingredients at most). */
export const MAX_INGREDIENTS_PER_RECIPE = 1000;

/** The bit mask of the given allergens or diets (`names` in `all`). */
export function maskOf<T extends string>(all: readonly T[], names: readonly T[]): number {
  let mask = 0;
  for (const name of names) {
    const bit = all.indexOf(name);
    if (bit < 0) throw new RangeError(`unknown ${all === (DIETS as readonly string[]) ? 'diet' : 'allergen'} ${name}`);
    mask |= 1 << bit;
  }
  return mask;
}

function flatten(lists: readonly (readonly number[])[], total: number): FlatLists {
  const start = new Int32Array(lists.length + 1);
  const items = new Int32Array(total);
  let at = 0;
  lists.forEach((list, i) => {
    start[i] = at;
    items.set(list, at);
    at += list.length;
  });
  start[lists.length] = at;
  return { start, items };
}

/** Inverts per-recipe lists into per-ingredient lists of recipe ordinals, ascending. */
function invert(lists: FlatLists, ingredients: number): FlatLists {
  const start = new Int32Array(ingredients + 1);
  for (const g of lists.items) start[g + 1] = (start[g + 1] ?? 0) + 1;
  for (let g = 0; g < ingredients; g++) start[g + 1] = (start[g + 1] ?? 0) + (start[g] ?? 0);
  const next = start.slice(0, ingredients);
  const items = new Int32Array(lists.items.length);
  const recipes = lists.start.length - 1;
  for (let r = 0; r < recipes; r++) {
    for (let i = lists.start[r] ?? 0, end = lists.start[r + 1] ?? 0; i < end; i++) {
      const g = lists.items[i] ?? 0;
      items[next[g] ?? 0] = r;
      next[g] = (next[g] ?? 0) + 1;
    }
  }
  return { start, items };
}

/**
 * Builds the index of a catalog. Ingredient lists are taken as they are: a catalog that
 * lists an ingredient twice counts it twice here as in the full scan (the loader keeps
 * them unique).
 */
export function buildRecipeIndex(catalog: readonly CatalogRecipe[]): RecipeIndex {
  const ingredientOrdinals = new Map<string, number>();
  const ordinal = (id: string) => {
    let g = ingredientOrdinals.get(id);
    if (g === undefined) {
      g = ingredientOrdinals.size;
      ingredientOrdinals.set(id, g);
    }
    return g;
  };
  let requiredTotal = 0;
  let optionalTotal = 0;
  let maxRepeats = 1;
  for (const recipe of catalog) {
    const listed = [...recipe.required, ...recipe.optional];
    if (listed.length > MAX_INGREDIENTS_PER_RECIPE) {
      throw new RangeError(`recipe ${recipe.id} lists ${listed.length} ingredients (at most ${MAX_INGREDIENTS_PER_RECIPE})`);
    }
    const unique = new Set(listed);
    if (unique.size < listed.length) {
      for (const id of unique) maxRepeats = Math.max(maxRepeats, listed.filter((other) => other === id).length);
    }
  }
  const requiredLists = catalog.map((recipe) => {
    requiredTotal += recipe.required.length;
    return recipe.required.map(ordinal);
  });
  const optionalLists = catalog.map((recipe) => {
    optionalTotal += recipe.optional.length;
    return recipe.optional.map(ordinal);
  });
  const required = flatten(requiredLists, requiredTotal);
  const optional = flatten(optionalLists, optionalTotal);
  const ingredients = ingredientOrdinals.size;
  const n = catalog.length;

  const minutes = Int32Array.from(catalog, (recipe) => recipe.minutes);
  const allergenMask = Int32Array.from(catalog, (recipe) => maskOf<Allergen>(EU_ALLERGENS, recipe.allergens));
  const dietMask = Int32Array.from(catalog, (recipe) => maskOf<Diet>(DIETS, recipe.diets));
  const byId = Array.from({ length: n }, (_, r) => r).sort(
    (a, b) => compareIds(catalog[a]?.id ?? '', catalog[b]?.id ?? '') || a - b,
  );
  const idRank = new Int32Array(n);
  byId.forEach((r, rank) => {
    idRank[r] = rank;
  });

  const index = {
    recipes: catalog,
    ingredientOrdinals,
    required,
    optional,
    requiredPostings: invert(required, ingredients),
    optionalPostings: invert(optional, ingredients),
    minutes,
    idRank,
    allergenMask,
    dietMask,
    maxRepeats,
    scratch: {
      score: new Uint16Array(n),
      touched: new Int32Array(n),
      candidates: new Int32Array(n),
      weight: new Int8Array(ingredients).fill(-1),
    },
  };
  const arrays: ArrayBufferView[] = [
    ...[index.required, index.optional, index.requiredPostings, index.optionalPostings].flatMap((lists) => [
      lists.start,
      lists.items,
    ]),
    ...[minutes, idRank, allergenMask, dietMask, ...Object.values(index.scratch)],
  ];
  return { ...index, byteLength: arrays.reduce((sum, array) => sum + array.byteLength, 0) };
}
