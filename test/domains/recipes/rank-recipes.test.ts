import { describe, expect, it } from 'vitest';
import type { CatalogRecipe } from '../../../src/domains/recipes/catalog-schema.js';
import type { PantryItem } from '../../../src/domains/recipes/due-score.js';
import {
  type RankOptions,
  type RecipeRanking,
  rankRecipes,
  rankRecipesByScan,
} from '../../../src/domains/recipes/rank-recipes.js';
import { buildRecipeIndex } from '../../../src/domains/recipes/recipe-index.js';

const TODAY = '2026-12-05';
const TOMORROW = '2026-12-06';
const IN_3_DAYS = '2026-12-08';
const IN_10_DAYS = '2026-12-15';
const YESTERDAY = '2026-12-04';

function recipe(id: string, required: string[], extra: Partial<CatalogRecipe> = {}): CatalogRecipe {
  return { id, minutes: 30, servings: 2, required, optional: [], allergens: [], diets: [], ...extra };
}

function item(ingredient: string, expiresOn: string | null = null): PantryItem {
  return { ingredient, expiresOn };
}

type Ranker = (
  catalog: readonly CatalogRecipe[],
  inventory: readonly PantryItem[],
  options: RankOptions,
) => RecipeRanking;

const RANKERS: [string, Ranker][] = [
  ['index', (catalog, inventory, options) => rankRecipes(buildRecipeIndex(catalog), inventory, options)],
  ['scan', rankRecipesByScan],
];

const ids = (ranking: RecipeRanking) => ranking.recipes.map((r) => r.id);

describe.each(RANKERS)('ranking recipes (%s)', (_, rank) => {
  it('never proposes an expired ingredient: it counts as missing and is reported once', () => {
    const catalog = [recipe('spinach-soup', ['spinach']), recipe('spinach-omelette', ['spinach', 'egg'])];
    const ranking = rank(catalog, [item('spinach', YESTERDAY), item('egg', IN_10_DAYS)], { today: TODAY });
    expect(ids(ranking)).toEqual(['spinach-omelette']);
    expect(ranking.recipes[0]).toMatchObject({
      missing: ['spinach'],
      presentShare: 0.5,
      score: 0,
      usesDue: [],
    });
    expect(ranking.expired).toEqual(['spinach']);
  });

  it('an item expiring today is still good and counts most', () => {
    const ranking = rank([recipe('salad', ['lettuce'])], [item('lettuce', TODAY)], { today: TODAY });
    expect(ranking.recipes[0]).toMatchObject({
      score: 3,
      usesDue: [{ ingredient: 'lettuce', dueInDays: 0 }],
    });
    expect(ranking.expired).toEqual([]);
  });

  it('orders by due score: today 3, tomorrow 2, within 5 days 1, later or unknown 0', () => {
    const catalog = [
      recipe('a-later', ['pasta']),
      recipe('b-soon', ['carrot']),
      recipe('c-tomorrow', ['spinach']),
      recipe('d-today', ['milk']),
      recipe('e-unknown', ['rice']),
    ];
    const inventory = [
      item('pasta', IN_10_DAYS),
      item('carrot', IN_3_DAYS),
      item('spinach', TOMORROW),
      item('milk', TODAY),
      item('rice'),
    ];
    const ranking = rank(catalog, inventory, { today: TODAY });
    expect(ranking.recipes.map((r) => [r.id, r.score])).toEqual([
      ['d-today', 3],
      ['c-tomorrow', 2],
      ['b-soon', 1],
      ['a-later', 0],
      ['e-unknown', 0],
    ]);
  });

  it('sums the due score over the ingredients, before the share present', () => {
    const catalog = [
      recipe('complete', ['pasta', 'cheese']),
      recipe('uses-two', ['carrot', 'leek', 'potato', 'onion']),
      recipe('uses-one', ['spinach', 'flour']),
    ];
    const inventory = [
      item('pasta'),
      item('cheese'),
      item('carrot', IN_3_DAYS),
      item('leek', IN_3_DAYS),
      item('spinach', IN_3_DAYS),
    ];
    const ranking = rank(catalog, inventory, { today: TODAY });
    expect(ids(ranking)).toEqual(['uses-two', 'uses-one', 'complete']);
    expect(ranking.recipes[0]?.missing).toEqual(['potato', 'onion']);
  });

  it('counts 1 up to dueSoonDays (default 5), configurable', () => {
    const catalog = [recipe('stew', ['beef'])];
    const inventory = [item('beef', '2026-12-11')]; // in 6 days
    expect(rank(catalog, inventory, { today: TODAY }).recipes[0]?.score).toBe(0);
    expect(rank(catalog, inventory, { today: TODAY, dueSoonDays: 6 }).recipes[0]?.score).toBe(1);
    expect(rank(catalog, [item('beef', '2026-12-10')], { today: TODAY }).recipes[0]?.score).toBe(1);
  });

  it('needs at least one present required ingredient', () => {
    const catalog = [recipe('toast', ['bread'], { optional: ['butter'] })];
    expect(rank(catalog, [item('butter', TODAY)], { today: TODAY }).recipes).toEqual([]);
  });

  it('drops recipes missing more than maxMissing required ingredients (5 by default)', () => {
    const six = ['a', 'b', 'c', 'd', 'e', 'f'];
    const catalog = [recipe('missing-5', ['egg', ...six.slice(0, 5)]), recipe('missing-6', ['egg', ...six])];
    expect(ids(rank(catalog, [item('egg')], { today: TODAY }))).toEqual(['missing-5']);
    expect(ids(rank(catalog, [item('egg')], { today: TODAY, maxMissing: 6 }))).toEqual([
      'missing-5',
      'missing-6',
    ]);
    expect(ids(rank(catalog, [item('egg')], { today: TODAY, maxMissing: 0 }))).toEqual([]);
  });

  it('never counts optional ingredients as missing, and counts their due score', () => {
    const catalog = [
      recipe('plain', ['pasta', 'garlic']),
      recipe('with-parsley', ['pasta', 'garlic'], { optional: ['parsley', 'chili'] }),
    ];
    const ranking = rank(catalog, [item('pasta'), item('garlic'), item('parsley', TOMORROW)], {
      today: TODAY,
    });
    expect(ids(ranking)).toEqual(['with-parsley', 'plain']);
    expect(ranking.recipes[0]).toMatchObject({
      score: 2,
      presentShare: 1,
      missing: [],
      usesDue: [{ ingredient: 'parsley', dueInDays: 1 }],
    });
  });

  it('breaks ties by share present, then fewest missing, then fewer minutes, then id', () => {
    const catalog = [
      recipe('half-of-4', ['egg', 'milk', 'x', 'y']),
      recipe('half-of-2', ['egg', 'z']),
      recipe('all-slow', ['egg'], { minutes: 40 }),
      recipe('all-quick-b', ['milk'], { minutes: 10 }),
      recipe('all-quick-a', ['egg', 'milk'], { minutes: 10 }),
    ];
    const ranking = rank(catalog, [item('egg'), item('milk')], { today: TODAY });
    expect(ids(ranking)).toEqual(['all-quick-a', 'all-quick-b', 'all-slow', 'half-of-2', 'half-of-4']);
  });

  it('filters by diets (each one) and allergens (none of them) only when given', () => {
    const catalog = [
      recipe('omelette', ['egg'], { allergens: ['eggs'], diets: ['vegetarian', 'pescatarian'] }),
      recipe('egg-fried-rice', ['egg', 'rice'], { allergens: ['eggs', 'soybeans'], diets: ['vegetarian'] }),
      recipe('rice-bowl', ['rice'], { diets: ['vegan', 'vegetarian', 'pescatarian'] }),
      recipe('bacon-rice', ['rice', 'bacon'], { diets: [] }),
    ];
    const inventory = [item('egg'), item('rice')];
    expect(ids(rank(catalog, inventory, { today: TODAY }))).toHaveLength(4);
    expect(ids(rank(catalog, inventory, { today: TODAY, diets: ['vegetarian', 'pescatarian'] }))).toEqual([
      'omelette',
      'rice-bowl',
    ]);
    expect(ids(rank(catalog, inventory, { today: TODAY, allergens: ['soybeans'] }))).toEqual([
      'omelette',
      'rice-bowl',
      'bacon-rice',
    ]);
    expect(ids(rank(catalog, inventory, { today: TODAY, allergens: ['eggs'], diets: ['vegan'] }))).toEqual([
      'rice-bowl',
    ]);
  });

  it('answers at most limit recipes (10 by default)', () => {
    const catalog = Array.from({ length: 12 }, (_, i) => recipe(`r-${String(i).padStart(2, '0')}`, ['egg']));
    expect(ids(rank(catalog, [item('egg')], { today: TODAY }))).toEqual(
      catalog.slice(0, 10).map((r) => r.id),
    );
    expect(ids(rank(catalog, [item('egg')], { today: TODAY, limit: 2 }))).toEqual(['r-00', 'r-01']);
    expect(rank(catalog, [item('egg', YESTERDAY)], { today: TODAY, limit: 0 })).toEqual({
      recipes: [],
      expired: ['egg'],
    });
  });

  it('reads several lots of one ingredient: the soonest counts, an expired lot is still mentioned', () => {
    const catalog = [recipe('gratin', ['cream', 'potato'], { optional: ['cheese'] })];
    const inventory = [
      item('cream', IN_10_DAYS),
      item('cream', YESTERDAY),
      item('cream', TOMORROW),
      item('potato'),
      item('potato', IN_3_DAYS),
      item('cheese', TODAY),
    ];
    const ranking = rank(catalog, inventory, { today: TODAY });
    expect(ranking.recipes[0]).toMatchObject({
      score: 2 + 1 + 3,
      usesDue: [
        { ingredient: 'cheese', dueInDays: 0 },
        { ingredient: 'cream', dueInDays: 1 },
        { ingredient: 'potato', dueInDays: 3 },
      ],
    });
    expect(ranking.expired).toEqual(['cream']);
  });

  it('ignores inventory ingredients no recipe lists, and reads an unreadable expiry as unknown', () => {
    const catalog = [recipe('toast', ['bread'])];
    const ranking = rank(catalog, [item('caviar', TODAY), item('bread', 'soon')], { today: TODAY });
    expect(ranking.recipes).toEqual([{ id: 'toast', score: 0, presentShare: 1, missing: [], usesDue: [] }]);
  });

  it('refuses options it cannot read', () => {
    const catalog = [recipe('toast', ['bread'])];
    expect(() => rank(catalog, [], { today: '5/12/2026' })).toThrow(RangeError);
    expect(() => rank(catalog, [], { today: '2026-02-30' })).toThrow(RangeError);
    expect(() => rank(catalog, [], { today: TODAY, limit: -1 })).toThrow(RangeError);
    expect(() => rank(catalog, [], { today: TODAY, maxMissing: 1.5 })).toThrow(RangeError);
    expect(() => rank(catalog, [], { today: TODAY, dueSoonDays: 0 })).toThrow(RangeError);
    expect(() => rank(catalog, [], { today: TODAY, diets: ['keto' as 'vegan'] })).toThrow(
      /unknown diet keto/,
    );
  });
});
