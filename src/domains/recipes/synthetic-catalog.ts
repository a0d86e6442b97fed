/**
 * A made-up recipe catalog and made-up inventories, from a seed: what the ranking benchmark
 * runs on (100,000 recipes over 2,000 ingredients) and what the property tests compare the
 * two rankers on (small catalogs, so that ties happen). Ingredient popularity follows Zipf's
 * law, as in real recipe collections (salt, onion and butter are everywhere, sumac is
 * rare); inventories draw from the same popularity, since households keep the common
 * ingredients. Nothing here reads Math.random: a seed gives the same data on every machine.
 */
import { type Allergen, type CatalogRecipe, DIETS, type Diet, EU_ALLERGENS } from './catalog-schema.js';
import type { PantryItem } from './due-score.js';

/** A seeded generator of floats in [0, 1) (mulberry32: small, fast, good enough for test data). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A whole number from `min` to `max`, both included. */
function between(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** Draws ranks 0 .. n - 1 with probability proportional to 1 / (rank + 1)^s. */
export function zipfSampler(n: number, s: number, random: () => number): () => number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let k = 0; k < n; k++) {
    total += 1 / (k + 1) ** s;
    cumulative[k] = total;
  }
  return () => {
    const u = random() * total;
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((cumulative[mid] ?? total) > u) high = mid;
      else low = mid + 1;
    }
    return low;
  };
}

/** The id of the synthetic ingredient of popularity rank `rank` (0 the most common). */
export function syntheticIngredientId(rank: number): string {
  return `ingredient-${rank}`;
}

export interface SyntheticCatalogOptions {
  readonly seed: number;
  /** Default 100,000. */
  readonly recipes?: number;
  /** Default 2,000. */
  readonly ingredients?: number;
  /** Zipf exponent of ingredient popularity (default 1). */
  readonly zipfExponent?: number;
  /** Ingredients per recipe, required and optional (default 5 to 15). */
  readonly minIngredients?: number;
  readonly maxIngredients?: number;
  /** Chance that an ingredient after the first is optional (default 0.2). */
  readonly optionalShare?: number;
  /** Minutes per recipe (default 10 to 120). */
  readonly minMinutes?: number;
  readonly maxMinutes?: number;
}

interface IngredientFacts {
  readonly allergens: readonly Allergen[];
  readonly diets: readonly Diet[];
}

/** Diets and allergens of each synthetic ingredient: mostly plants, some dairy and eggs, fish, meat. */
function ingredientFacts(count: number, random: () => number): IngredientFacts[] {
  return Array.from({ length: count }, () => {
    const kind = random();
    const diets: readonly Diet[] =
      kind < 0.6 ? DIETS : kind < 0.75 ? ['vegetarian', 'pescatarian'] : kind < 0.85 ? ['pescatarian'] : [];
    const allergen = EU_ALLERGENS[Math.floor(random() * EU_ALLERGENS.length)] as Allergen;
    return { diets, allergens: random() < 0.2 ? [allergen] : [] };
  });
}

/**
 * A catalog of distinct recipes (`recipe-0`, `recipe-1`, ... so that id order is not catalog
 * order), each with distinct ingredients, the first one required; allergens and diets follow
 * from the ingredients as the real catalog's do.
 */
export function syntheticCatalog(options: SyntheticCatalogOptions): CatalogRecipe[] {
  const random = seededRandom(options.seed);
  const ingredientCount = options.ingredients ?? 2000;
  const facts = ingredientFacts(ingredientCount, random);
  const draw = zipfSampler(ingredientCount, options.zipfExponent ?? 1, random);
  const minIngredients = Math.min(options.minIngredients ?? 5, ingredientCount);
  const maxIngredients = Math.min(options.maxIngredients ?? 15, ingredientCount);
  const optionalShare = options.optionalShare ?? 0.2;
  return Array.from({ length: options.recipes ?? 100_000 }, (_, n): CatalogRecipe => {
    const size = between(random, minIngredients, maxIngredients);
    const chosen = new Set<number>();
    while (chosen.size < size) chosen.add(draw());
    const required: string[] = [];
    const optional: string[] = [];
    const allergens = new Set<Allergen>();
    let diets: readonly Diet[] = DIETS;
    for (const rank of chosen) {
      (required.length > 0 && random() < optionalShare ? optional : required).push(
        syntheticIngredientId(rank),
      );
      const fact = facts[rank] as IngredientFacts;
      for (const allergen of fact.allergens) allergens.add(allergen);
      diets = diets.filter((diet) => fact.diets.includes(diet));
    }
    return {
      id: `recipe-${n}`,
      minutes: between(random, options.minMinutes ?? 10, options.maxMinutes ?? 120),
      servings: between(random, 1, 6),
      required,
      optional,
      allergens: EU_ALLERGENS.filter((allergen) => allergens.has(allergen)),
      diets,
    };
  });
}

export interface SyntheticInventoryOptions {
  readonly seed: number;
  /** How many inventories. */
  readonly count: number;
  /** The household's today, from which expiry dates are drawn. */
  readonly today: string;
  /** Items per inventory, each a different ingredient (default 40). */
  readonly items?: number;
  /** As the catalog's (defaults 2,000 and 1). */
  readonly ingredients?: number;
  readonly zipfExponent?: number;
  /** Expiry from `today` + first to `today` + last days (default -3 to 21: some expired, some due). */
  readonly expiryDays?: readonly [number, number];
  /** Chance that an item has no known expiry date (default 0.1). */
  readonly unknownExpiryShare?: number;
}

/** The ISO date `days` after `isoDate`. */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Inventories drawn from the catalog's ingredient popularity, with random expiry dates. */
export function syntheticInventories(options: SyntheticInventoryOptions): PantryItem[][] {
  const random = seededRandom(options.seed);
  const ingredientCount = options.ingredients ?? 2000;
  const draw = zipfSampler(ingredientCount, options.zipfExponent ?? 1, random);
  const items = Math.min(options.items ?? 40, ingredientCount);
  const [first, last] = options.expiryDays ?? [-3, 21];
  const unknownShare = options.unknownExpiryShare ?? 0.1;
  return Array.from({ length: options.count }, () => {
    const chosen = new Set<number>();
    while (chosen.size < items) chosen.add(draw());
    return [...chosen].map((rank) => ({
      ingredient: syntheticIngredientId(rank),
      expiresOn: random() < unknownShare ? null : addDays(options.today, between(random, first, last)),
    }));
  });
}
