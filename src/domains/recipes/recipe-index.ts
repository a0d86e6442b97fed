/**
 * The recipe catalog laid out for ranking, built once per catalog: posting lists
 * (ingredient -> the recipes that list it) so that a ranking touches only the recipes that
 * share an ingredient with the inventory, and each recipe's facts as one run of numbers,
 * so that checking a recipe reads numbers from one place in memory instead of strings
 * from several objects (on 100,000 recipes, cache misses are most of the cost).
 * `rankRecipes` (rank-recipes.ts) walks it.
 */
import { type Allergen, type CatalogRecipe, DIETS, type Diet, EU_ALLERGENS } from './catalog-schema.js';
import { compareIds, DUE_TODAY_WEIGHT } from './due-score.js';

/** Lists of numbers, flat: list g is `items[start[g]]` to `items[start[g + 1] - 1]`. */
export interface FlatLists {
  readonly start: Int32Array;
  readonly items: Int32Array;
}

/**
 * Where each fact of a recipe is in its record, from the record's start: its ordinal (its
 * position in the catalog), its allergen and diet masks (`masks`: allergens in the low 16
 * bits, diets above), minutes, the counts of required and optional ingredients, then the
 * required ingredients' ordinals followed by the optional ones', in the recipe's order.
 */
export const RECORD = { ordinal: 0, masks: 1, minutes: 2, required: 3, optional: 4, ingredients: 5 } as const;
/** The most ingredients a recipe may list: its due score (at most 3 each) fits 16 bits. */
export const MAX_LISTED = Math.floor(0xffff / DUE_TODAY_WEIGHT);
/** Diet bits start here in `masks`. */
export const DIET_SHIFT = 16;

export interface RecipeIndex {
  /** The catalog as given. */
  readonly recipes: readonly CatalogRecipe[];
  /** Ingredient id -> ordinal, for every ingredient some recipe lists. */
  readonly ingredientOrdinals: ReadonlyMap<string, number>;
  /** Every recipe's record (see `RECORD`), one after the other in catalog order. */
  readonly records: Int32Array;
  /** Per recipe ordinal, its allergen and diet masks (as in its record), to filter without reading the record. */
  readonly masks: Int32Array;
  /** Per recipe ordinal, where its record starts in `records`. */
  readonly recordStart: Int32Array;
  /** Per ingredient, the ordinals of the recipes listing it as required (as optional), in catalog order. */
  readonly requiredPostings: FlatLists;
  readonly optionalPostings: FlatLists;
  /** Per recipe ordinal, its position in id order (ties, which a valid catalog has not, by ordinal). */
  readonly idRank: Int32Array;
  /**
   * Working arrays of one ranking, all zero (weights -1) between rankings: rankings run one
   * at a time on the event loop, so one set per index saves allocating 100,000-entry arrays
   * per ranking, which the p99 would pay for in garbage collection.
   */
  readonly scratch: {
    /** Per recipe ordinal, its due score as the due ingredients' lists are walked (see MAX_LISTED). */
    readonly score: Uint16Array;
    /** Per recipe ordinal, 1 once looked at without a due ingredient. */
    readonly seen: Uint8Array;
    /** Ordinals of the recipes looked at without a due ingredient, in order. */
    readonly touched: Int32Array;
    /** The scored recipes' ordinals, best score first. */
    readonly order: Int32Array;
    /** Per ingredient, its due weight when present, -1 when not. */
    readonly weight: Int8Array;
  };
  /** Bytes held by the typed arrays above (the catalog's own objects not counted). */
  readonly byteLength: number;
}

/** The bit mask of the given allergens or diets (`names` in `all`). */
export function maskOf<T extends string>(all: readonly T[], names: readonly T[]): number {
  let mask = 0;
  for (const name of names) {
    const bit = all.indexOf(name);
    if (bit < 0)
      throw new RangeError(`unknown ${all === (DIETS as readonly string[]) ? 'diet' : 'allergen'} ${name}`);
    mask |= 1 << bit;
  }
  return mask;
}

/** Turns lists of ingredient ordinals per recipe into lists of recipe ordinals per ingredient, in catalog order. */
function postings(lists: readonly (readonly [number, readonly number[]])[], ingredients: number): FlatLists {
  const start = new Int32Array(ingredients + 1);
  let total = 0;
  for (const [, list] of lists) {
    for (const g of list) start[g + 1] = (start[g + 1] ?? 0) + 1;
    total += list.length;
  }
  for (let g = 0; g < ingredients; g++) start[g + 1] = (start[g + 1] ?? 0) + (start[g] ?? 0);
  const next = start.slice(0, ingredients);
  const items = new Int32Array(total);
  for (const [r, list] of lists) {
    for (const g of list) {
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
  const size = catalog.reduce(
    (total, recipe) => total + RECORD.ingredients + recipe.required.length + recipe.optional.length,
    0,
  );
  const records = new Int32Array(size);
  const recordStart = new Int32Array(catalog.length);
  const masks = new Int32Array(catalog.length);
  const requiredLists: [number, number[]][] = [];
  const optionalLists: [number, number[]][] = [];
  let at = 0;
  catalog.forEach((recipe, r) => {
    if (recipe.required.length + recipe.optional.length > MAX_LISTED)
      throw new RangeError(`recipe ${recipe.id} lists more than ${MAX_LISTED} ingredients`);
    const required = recipe.required.map(ordinal);
    const optional = recipe.optional.map(ordinal);
    recordStart[r] = at;
    records[at + RECORD.ordinal] = r;
    masks[r] =
      maskOf<Allergen>(EU_ALLERGENS, recipe.allergens) | (maskOf<Diet>(DIETS, recipe.diets) << DIET_SHIFT);
    records[at + RECORD.masks] = masks[r] ?? 0;
    records[at + RECORD.minutes] = recipe.minutes;
    records[at + RECORD.required] = required.length;
    records[at + RECORD.optional] = optional.length;
    records.set(required, at + RECORD.ingredients);
    records.set(optional, at + RECORD.ingredients + required.length);
    requiredLists.push([r, required]);
    optionalLists.push([r, optional]);
    at += RECORD.ingredients + required.length + optional.length;
  });
  const ingredients = ingredientOrdinals.size;
  const n = catalog.length;
  const byId = Array.from({ length: n }, (_, r) => r).sort(
    (a, b) => compareIds(catalog[a]?.id ?? '', catalog[b]?.id ?? '') || a - b,
  );
  const idRank = new Int32Array(n);
  byId.forEach((r, rank) => {
    idRank[r] = rank;
  });
  const requiredPostings = postings(requiredLists, ingredients);
  const optionalPostings = postings(optionalLists, ingredients);
  const scratch = {
    score: new Uint16Array(n),
    seen: new Uint8Array(n),
    touched: new Int32Array(n),
    order: new Int32Array(n),
    weight: new Int8Array(ingredients).fill(-1),
  };
  const arrays: ArrayBufferView[] = [
    records,
    masks,
    recordStart,
    requiredPostings.start,
    requiredPostings.items,
    optionalPostings.start,
    optionalPostings.items,
    idRank,
    ...Object.values(scratch),
  ];
  return {
    recipes: catalog,
    ingredientOrdinals,
    records,
    masks,
    recordStart,
    requiredPostings,
    optionalPostings,
    idRank,
    scratch,
    byteLength: arrays.reduce((total, array) => total + array.byteLength, 0),
  };
}
