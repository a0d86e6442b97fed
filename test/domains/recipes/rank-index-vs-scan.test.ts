import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIETS, EU_ALLERGENS } from '../../../src/domains/recipes/catalog-schema.js';
import {
  type RankOptions,
  rankRecipes,
  rankRecipesByScan,
} from '../../../src/domains/recipes/rank-recipes.js';
import { buildRecipeIndex } from '../../../src/domains/recipes/recipe-index.js';
import {
  addDays,
  syntheticCatalog,
  syntheticIngredientId,
} from '../../../src/domains/recipes/synthetic-catalog.js';

/** Small catalogs from the generator, so that ties, filters and the limits all come into play. */
const catalogShape = fc.record({
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  recipes: fc.integer({ min: 1, max: 250 }),
  ingredients: fc.integer({ min: 2, max: 40 }),
  minIngredients: fc.integer({ min: 1, max: 5 }),
  extraIngredients: fc.integer({ min: 0, max: 10 }),
  optionalShare: fc.double({ min: 0, max: 0.6, noNaN: true }),
  minutesSpread: fc.integer({ min: 0, max: 5 }),
});

const day = fc.integer({ min: Date.UTC(2024, 0, 1) / 86_400_000, max: Date.UTC(2028, 11, 31) / 86_400_000 });

const inventoryOf = (ingredients: number) =>
  fc.array(
    fc.record({
      // A few ranks past the catalog's: ingredients no recipe lists.
      rank: fc.integer({ min: 0, max: ingredients + 3 }),
      dueInDays: fc.option(fc.integer({ min: -4, max: 9 }), { nil: null }),
    }),
    { maxLength: 45 },
  );

type DrawnItem = { rank: number; dueInDays: number | null };
type DrawnSettings = Omit<RankOptions, 'today'>;

/** Ranks one drawn inventory with the index and with the scan, and expects the same ranking. */
function expectAlike(
  catalog: Parameters<typeof rankRecipesByScan>[0],
  index: ReturnType<typeof buildRecipeIndex>,
  [items, todayDay, chosen]: readonly [readonly DrawnItem[], number, DrawnSettings],
) {
  const today = new Date(todayDay * 86_400_000).toISOString().slice(0, 10);
  const inventory = items.map(({ rank, dueInDays }) => ({
    ingredient: syntheticIngredientId(rank),
    expiresOn: dueInDays === null ? null : addDays(today, dueInDays),
  }));
  const options: RankOptions = { today, ...chosen };
  expect(rankRecipes(index, inventory, options)).toEqual(rankRecipesByScan(catalog, inventory, options));
}

const settings = fc.record(
  {
    limit: fc.integer({ min: 0, max: 15 }),
    maxMissing: fc.integer({ min: 0, max: 7 }),
    dueSoonDays: fc.integer({ min: 1, max: 8 }),
    diets: fc.subarray([...DIETS]),
    allergens: fc.subarray([...EU_ALLERGENS], { maxLength: 4 }),
  },
  { requiredKeys: [] },
);

describe('the index and the full scan', () => {
  it('rank alike: same recipes, order, scores, reasons and expired ingredients', () => {
    fc.assert(
      fc.property(
        catalogShape.chain((shape) =>
          fc.tuple(
            fc.constant(shape),
            fc.array(fc.tuple(inventoryOf(shape.ingredients), day, settings), { minLength: 1, maxLength: 4 }),
          ),
        ),
        ([shape, rankings]) => {
          const catalog = syntheticCatalog({
            seed: shape.seed,
            recipes: shape.recipes,
            ingredients: shape.ingredients,
            minIngredients: shape.minIngredients,
            maxIngredients: shape.minIngredients + shape.extraIngredients,
            optionalShare: shape.optionalShare,
            minMinutes: 10,
            maxMinutes: 10 + shape.minutesSpread,
          });
          // One index for several rankings: what one ranking leaves in its working arrays must not leak.
          const index = buildRecipeIndex(catalog);
          for (const ranking of rankings) expectAlike(catalog, index, ranking);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('rank alike on a 20,000-recipe catalog with Zipf popularity, where filters refuse most of the best scores and they are read in several passes', () => {
    const catalog = syntheticCatalog({ seed: 7, recipes: 20_000, ingredients: 500 });
    const index = buildRecipeIndex(catalog);
    fc.assert(
      fc.property(inventoryOf(60), day, settings, (items, todayDay, chosen) =>
        expectAlike(catalog, index, [items, todayDay, chosen]),
      ),
      { numRuns: 150 },
    );
  });
});
