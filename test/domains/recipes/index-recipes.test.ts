import { describe, expect, it } from 'vitest';
import type { CatalogRecipe } from '../../../src/domains/recipes/catalog-schema.js';
import { rankRecipes, rankRecipesByScan } from '../../../src/domains/recipes/rank-recipes.js';
import {
  buildRecipeIndex,
  DIET_SHIFT,
  MAX_LISTED,
  RECORD,
} from '../../../src/domains/recipes/recipe-index.js';
import { syntheticCatalog } from '../../../src/domains/recipes/synthetic-catalog.js';

const TODAY = '2026-12-05';

function recipe(id: string, required: string[], optional: string[] = []): CatalogRecipe {
  return { id, minutes: 20, servings: 2, required, optional, allergens: [], diets: [] };
}

describe('the recipe index', () => {
  const catalog: CatalogRecipe[] = [
    {
      ...recipe('pancakes', ['flour', 'egg', 'milk'], ['sugar']),
      allergens: ['gluten', 'eggs', 'milk'],
      diets: ['vegetarian'],
    },
    recipe('omelette', ['egg'], ['chives']),
    recipe('crepes', ['flour', 'milk', 'egg']),
  ];
  const index = buildRecipeIndex(catalog);
  const g = (id: string) => index.ingredientOrdinals.get(id) ?? -1;
  const postings = (lists: typeof index.requiredPostings, id: string) =>
    [...lists.items.subarray(lists.start[g(id)], lists.start[g(id) + 1])].map((r) => catalog[r]?.id);

  it('lists, per ingredient, the recipes that need it and those that may use it, in catalog order', () => {
    expect(postings(index.requiredPostings, 'egg')).toEqual(['pancakes', 'omelette', 'crepes']);
    expect(postings(index.requiredPostings, 'flour')).toEqual(['pancakes', 'crepes']);
    expect(postings(index.requiredPostings, 'chives')).toEqual([]);
    expect(postings(index.optionalPostings, 'chives')).toEqual(['omelette']);
  });

  it('keeps each recipe as one record: ordinal, masks, minutes, counts, then ingredients', () => {
    const at =
      index.recordStart[index.requiredPostings.items[index.requiredPostings.start[g('flour')] ?? -1] ?? -1] ??
      -1;
    const record = [...index.records.subarray(at, at + RECORD.ingredients + 4)];
    // gluten bit 0, eggs bit 2, milk bit 6; vegetarian is the first diet.
    expect(record).toEqual([
      0,
      0b1000101 | (0b1 << DIET_SHIFT),
      20,
      3,
      1,
      g('flour'),
      g('egg'),
      g('milk'),
      g('sugar'),
    ]);
    expect(index.byteLength).toBeGreaterThan(index.records.byteLength);
  });

  it('refuses a recipe listing so many ingredients that its due score would not fit its counter', () => {
    const huge = recipe(
      'huge',
      Array.from({ length: MAX_LISTED + 1 }, (_, i) => `food-${i}`),
    );
    expect(() => buildRecipeIndex([huge])).toThrow(/lists more than 21845 ingredients/);
    expect(() => buildRecipeIndex([{ ...huge, required: huge.required.slice(1) }])).not.toThrow();
  });

  it('orders ids as strings compare, whatever the catalog order', () => {
    expect([...index.idRank]).toEqual([2, 1, 0]);
  });

  it('leaves its working arrays clean after a ranking', () => {
    const big = syntheticCatalog({ seed: 3, recipes: 5_000, ingredients: 300 });
    const bigIndex = buildRecipeIndex(big);
    const inventory = Array.from({ length: 40 }, (_, i) => ({
      ingredient: `ingredient-${i * 3}`,
      expiresOn: i % 4 === 0 ? TODAY : null,
    }));
    rankRecipes(bigIndex, inventory, { today: TODAY, diets: ['vegan'] });
    rankRecipes(bigIndex, inventory, { today: TODAY });
    expect(bigIndex.scratch.seen.every((v) => v === 0)).toBe(true);
    expect(bigIndex.scratch.score.every((v) => v === 0)).toBe(true);
    expect(bigIndex.scratch.weight.every((v) => v === -1)).toBe(true);
  });

  it('adds an ingredient up as often as a recipe lists it, as the full scan does', () => {
    // Not a valid catalog (the loader keeps ingredients unique), but both rankers must agree on it.
    const repeats = [
      ...Array.from({ length: 12 }, (_, i) => recipe(`leek-${i}`, ['leek', 'onion'])),
      ...Array.from({ length: 20 }, (_, i) => recipe(`carrot-${i}`, ['carrot', 'potato'])),
      { ...recipe('twice', ['carrot', 'carrot', 'rice']), minutes: 5 },
    ];
    const repeatIndex = buildRecipeIndex(repeats);
    // Carrot's weight (1) reaches 2 in `twice` only because it is listed twice.
    const dueSoon = '2026-12-07';
    const inventory = [
      { ingredient: 'leek', expiresOn: dueSoon },
      { ingredient: 'onion', expiresOn: dueSoon },
      { ingredient: 'carrot', expiresOn: dueSoon },
      { ingredient: 'rice', expiresOn: null },
    ];
    const options = { today: TODAY, limit: 3 };
    const ranking = rankRecipes(repeatIndex, inventory, options);
    expect(ranking).toEqual(rankRecipesByScan(repeats, inventory, options));
    expect(ranking.recipes.map((r) => [r.id, r.score])).toEqual([
      ['twice', 2],
      ['leek-0', 2],
      ['leek-1', 2],
    ]);
  });
});
