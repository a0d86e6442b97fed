/**
 * Which recipes to propose from what is in the fridge. Use it up first, as Grocy's due
 * score does: the recipes using the most urgent ingredients come first; then, as Mealie's
 * suggestions do, the recipes the household can make most completely (share of required
 * ingredients present, then fewest missing), dropping those missing too many. Expired items
 * are never cooked with and are reported once, to be mentioned. Diet and allergen filters
 * apply only when the caller passes them (it does when `health` is granted).
 *
 * Two rankers with the same result: `rankRecipes` walks the index (recipe-index.ts),
 * `rankRecipesByScan` reads every recipe of the catalog and is what the index is measured
 * and tested against.
 */
import { type Allergen, type CatalogRecipe, DIETS, type Diet, EU_ALLERGENS } from './catalog-schema.js';
import { compareIds, DEFAULT_DUE_SOON_DAYS, type Pantry, type PantryItem, readPantry } from './due-score.js';
import { DIET_SHIFT, maskOf, RECORD, type RecipeIndex } from './recipe-index.js';

/** Mealie's defaults: at most 5 missing foods, 10 results. */
export const DEFAULT_MAX_MISSING = 5;
export const DEFAULT_LIMIT = 10;
/** How many scored recipes one pass over the counters gathers, best scores first. */
const GATHER = 1024;

export interface RankOptions {
  /** The household's today: an ISO date in its time zone. */
  readonly today: string;
  /** How many recipes at most (default 10). */
  readonly limit?: number;
  /** Recipes missing more required ingredients than this are dropped (default 5). */
  readonly maxMissing?: number;
  /** Items due within this many days count 1 (default 5); today and tomorrow count more. */
  readonly dueSoonDays?: number;
  /** Only recipes with each of these diets (passed only when `health` is granted). */
  readonly diets?: readonly Diet[];
  /** Only recipes with none of these allergens (passed only when `health` is granted). */
  readonly allergens?: readonly Allergen[];
}

/** An ingredient the recipe uses up, and when it is due: "uses your spinach, which expires tomorrow". */
export interface DueUse {
  readonly ingredient: string;
  /** 0 today, 1 tomorrow. */
  readonly dueInDays: number;
}

export interface RankedRecipe {
  readonly id: string;
  /** Sum of the due weights of the present ingredients the recipe lists, required or optional. */
  readonly score: number;
  /** Share of the required ingredients present, from 0 (excluded) to 1. */
  readonly presentShare: number;
  /** Required ingredients not present (expired counts as not present), in the recipe's order. */
  readonly missing: readonly string[];
  /** The due ingredients it uses, soonest first (then by id): the reason it is proposed. */
  readonly usesDue: readonly DueUse[];
}

export interface RecipeRanking {
  /** Best first. */
  readonly recipes: readonly RankedRecipe[];
  /** The household's ingredients with an expired item, sorted: to mention, never to cook with. */
  readonly expired: readonly string[];
}

interface Settings {
  readonly pantry: Pantry;
  readonly limit: number;
  readonly maxMissing: number;
  readonly dietMask: number;
  readonly allergenMask: number;
}

function wholeAtLeastZero(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0)
    throw new RangeError(`${name} must be a whole number >= 0 (got ${value})`);
  return value;
}

function settings(inventory: readonly PantryItem[], options: RankOptions): Settings {
  return {
    pantry: readPantry(inventory, options.today, options.dueSoonDays ?? DEFAULT_DUE_SOON_DAYS),
    limit: wholeAtLeastZero('limit', options.limit ?? DEFAULT_LIMIT),
    maxMissing: wholeAtLeastZero('maxMissing', options.maxMissing ?? DEFAULT_MAX_MISSING),
    dietMask: maskOf(DIETS, options.diets ?? []),
    allergenMask: maskOf(EU_ALLERGENS, options.allergens ?? []),
  };
}

/**
 * The best `limit` eligible recipes seen so far, best first, in the ranking's order: due
 * score, share of required present, fewest missing, fewest minutes, then id.
 * `compareIds(a, b)` orders two recipe ordinals by id; both rankers give the same order.
 */
class TopRecipes {
  readonly score: number[] = [];
  readonly present: number[] = [];
  readonly total: number[] = [];
  readonly minutes: number[] = [];
  readonly ordinal: number[] = [];

  constructor(
    readonly limit: number,
    private readonly compareIds: (a: number, b: number) => number,
  ) {}

  get size(): number {
    return this.ordinal.length;
  }

  /** The score of the last recipe ranked (meaningful once the ranking holds `limit`). */
  lowestScore(): number {
    return this.score[this.size - 1] ?? 0;
  }

  /** Whether the candidate comes before entry i. */
  private before(score: number, present: number, total: number, minutes: number, ordinal: number, i: number) {
    const s = this.score[i] ?? 0;
    if (score !== s) return score > s;
    const p = this.present[i] ?? 0;
    const t = this.total[i] ?? 1;
    // Shares compared as integers (present / total > p / t), so both rankers agree to the last bit.
    if (present * t !== p * total) return present * t > p * total;
    if (total - present !== t - p) return total - present < t - p;
    const m = this.minutes[i] ?? 0;
    if (minutes !== m) return minutes < m;
    return this.compareIds(ordinal, this.ordinal[i] ?? 0) < 0;
  }

  offer(score: number, present: number, total: number, minutes: number, ordinal: number): void {
    let at = this.size;
    while (at > 0 && this.before(score, present, total, minutes, ordinal, at - 1)) at--;
    if (at >= this.limit) return;
    this.score.splice(at, 0, score);
    this.present.splice(at, 0, present);
    this.total.splice(at, 0, total);
    this.minutes.splice(at, 0, minutes);
    this.ordinal.splice(at, 0, ordinal);
    if (this.size > this.limit) {
      for (const list of [this.score, this.present, this.total, this.minutes, this.ordinal]) list.pop();
    }
  }
}

/** The ranking as the household reads it; both rankers end here, so they describe recipes alike. */
function described(top: TopRecipes, recipes: readonly CatalogRecipe[], pantry: Pantry): RecipeRanking {
  const ranked = top.ordinal.map((r, i): RankedRecipe => {
    const recipe = recipes[r] as CatalogRecipe;
    const usesDue = new Map<string, number>();
    for (const ingredient of [...recipe.required, ...recipe.optional]) {
      const entry = pantry.present.get(ingredient);
      if (entry && entry.weight > 0 && entry.dueInDays !== null) usesDue.set(ingredient, entry.dueInDays);
    }
    return {
      id: recipe.id,
      score: top.score[i] ?? 0,
      presentShare: (top.present[i] ?? 0) / (top.total[i] ?? 1),
      missing: recipe.required.filter((ingredient) => !pantry.present.has(ingredient)),
      usesDue: [...usesDue]
        .map(([ingredient, dueInDays]) => ({ ingredient, dueInDays }))
        .sort((a, b) => a.dueInDays - b.dueInDays || compareIds(a.ingredient, b.ingredient)),
    };
  });
  return { recipes: ranked, expired: pantry.expired };
}

/**
 * Ranks every recipe of the catalog, one by one: the reference the index is checked and
 * measured against (and enough for a catalog of a few hundred recipes).
 */
export function rankRecipesByScan(
  catalog: readonly CatalogRecipe[],
  inventory: readonly PantryItem[],
  options: RankOptions,
): RecipeRanking {
  const { pantry, limit, maxMissing, dietMask, allergenMask } = settings(inventory, options);
  const top = new TopRecipes(
    limit,
    (a, b) => compareIds(catalog[a]?.id ?? '', catalog[b]?.id ?? '') || a - b,
  );
  const diets = DIETS.filter((_, bit) => dietMask & (1 << bit));
  const allergens = EU_ALLERGENS.filter((_, bit) => allergenMask & (1 << bit));
  if (limit > 0) {
    catalog.forEach((recipe, r) => {
      if (!diets.every((diet) => recipe.diets.includes(diet))) return;
      if (allergens.some((allergen) => recipe.allergens.includes(allergen))) return;
      let present = 0;
      let score = 0;
      for (const ingredient of recipe.required) {
        const entry = pantry.present.get(ingredient);
        if (entry) {
          present++;
          score += entry.weight;
        }
      }
      const total = recipe.required.length;
      if (present === 0 || total - present > maxMissing) return;
      for (const ingredient of recipe.optional) score += pantry.present.get(ingredient)?.weight ?? 0;
      top.offer(score, present, total, recipe.minutes, r);
    });
  }
  return described(top, catalog, pantry);
}

/**
 * Ranks with the index. Only recipes sharing an ingredient with the inventory are looked
 * at, and most of those only as a number. The due score comes first and is a sum of the
 * due ingredients' weights, so it is added up term at a time: walking the due
 * ingredients' posting lists (in catalog order, so the writes stream) into one counter per
 * recipe, without a branch, gives every recipe's exact due score without reading its record.
 * (Reading each recipe found, as a first version did, cost a cache miss per recipe and
 * 3.4 ms at p99; a counter per posting costs about a nanosecond.) Records are then read
 * best score first, a whole score at a time, until the ranking holds `limit` recipes: no
 * recipe with a lower score can enter it. Recipes with no due ingredient (score 0) are
 * looked at only when fewer than `limit` recipes use a due one: then through the lists of
 * the other present ingredients, as required ones.
 */
export function rankRecipes(
  index: RecipeIndex,
  inventory: readonly PantryItem[],
  options: RankOptions,
): RecipeRanking {
  const { pantry, limit, maxMissing, dietMask, allergenMask } = settings(inventory, options);
  const { idRank, masks, records, recordStart, requiredPostings, optionalPostings } = index;
  const top = new TopRecipes(limit, (a, b) => (idRank[a] ?? 0) - (idRank[b] ?? 0));
  if (limit === 0) return described(top, index.recipes, pantry);
  const { score, seen, touched, order, weight } = index.scratch;
  const present: number[] = [];
  for (const [ingredient, entry] of pantry.present) {
    const g = index.ingredientOrdinals.get(ingredient);
    if (g === undefined) continue;
    weight[g] = entry.weight;
    present.push(g);
  }
  const filterMask = allergenMask | (dietMask << DIET_SHIFT);
  const filterWanted = dietMask << DIET_SHIFT;
  const recipes = score.length;

  /** Reads the record of recipe r and offers it with its due score when it is not missing too much. */
  const consider = (r: number, due: number) => {
    const at = recordStart[r] ?? 0;
    const total = records[at + RECORD.required] ?? 0;
    const start = at + RECORD.ingredients;
    let found = 0;
    for (let i = start, end = start + total; i < end; i++) if ((weight[records[i] ?? 0] ?? -1) >= 0) found++;
    if (found === 0 || total - found > maxMissing) return;
    top.offer(due, found, total, records[at + RECORD.minutes] ?? 0, r);
  };

  let looked = 0;
  try {
    let anyDue = false;
    for (const g of present) {
      const w = weight[g] ?? 0;
      if (w <= 0) continue;
      anyDue = true;
      for (const { start, items } of [requiredPostings, optionalPostings]) {
        for (let i = start[g] ?? 0, end = start[g + 1] ?? 0; i < end; i++) {
          const r = items[i] ?? 0;
          score[r] = (score[r] ?? 0) + w;
        }
      }
    }
    if (anyDue) {
      let best = 0;
      for (let r = 0; r < recipes; r++) best = Math.max(best, score[r] ?? 0);
      const counts = new Int32Array(best + 1);
      for (let r = 0; r < recipes; r++) {
        const s = score[r] ?? 0;
        counts[s] = (counts[s] ?? 0) + 1;
      }
      // Scores from `high` down to `low`, enough recipes to fill the ranking at once unless
      // the filters or missing ingredients refuse most of them; one read of the counters each.
      let high = best;
      while (high >= 1 && top.size < limit) {
        let low = high;
        let gathered = counts[high] ?? 0;
        while (low > 1 && gathered < GATHER) gathered += counts[--low] ?? 0;
        // A counting sort of the recipes scored low..high, best first, leaving out those the
        // diet and allergen filters refuse (their masks are apart from the records).
        const firstOf = new Int32Array(high - low + 2);
        for (let s = high; s >= low; s--) firstOf[high - s + 1] = (firstOf[high - s] ?? 0) + (counts[s] ?? 0);
        const next = firstOf.slice();
        for (let r = 0; r < recipes; r++) {
          const s = score[r] ?? 0;
          if (s < low || s > high || ((masks[r] ?? 0) & filterMask) !== filterWanted) continue;
          const k = high - s;
          order[next[k] ?? 0] = r;
          next[k] = (next[k] ?? 0) + 1;
        }
        for (let k = 0; k <= high - low && top.size < limit; k++) {
          for (let i = firstOf[k] ?? 0, stop = next[k] ?? 0; i < stop; i++) consider(order[i] ?? 0, high - k);
        }
        high = low - 1;
      }
    }
    if (top.size < limit) {
      for (const g of present) {
        if (weight[g] !== 0) continue;
        for (let i = requiredPostings.start[g] ?? 0, end = requiredPostings.start[g + 1] ?? 0; i < end; i++) {
          const r = requiredPostings.items[i] ?? 0;
          // Scored recipes were all looked at above; a recipe listing two present foods is looked at once.
          if (score[r] !== 0 || seen[r] === 1) continue;
          seen[r] = 1;
          touched[looked++] = r;
          if (((masks[r] ?? 0) & filterMask) === filterWanted) consider(r, 0);
        }
      }
    }
  } finally {
    // Zeroing the whole array is a sequential write of 200 KB, faster than scattered ones.
    score.fill(0);
    for (let i = 0; i < looked; i++) seen[touched[i] ?? 0] = 0;
    for (const g of present) weight[g] = -1;
  }
  return described(top, index.recipes, pantry);
}
