import { describe, expect, it } from 'vitest';
import { createRecipeService, shippedRecipeService } from '../../../src/domains/recipes/recipe-service.js';
import { LOCALES } from '../../../src/runtime/locales.js';

const recipes = createRecipeService();

describe('the recipe service on the shipped catalog', () => {
  it('counts an expired item as missing, a fresh one or one without a date as at hand', () => {
    const required = recipes.recipe('spinach-quiche')!.required;
    expect(required).toContain('spinach');
    const today = '2026-11-20';
    const expired = recipes.missing(
      'spinach-quiche',
      [{ ingredient: 'spinach', expiresOn: '2026-11-19' }],
      today,
    );
    expect(expired).toEqual(required);
    const fresh = recipes.missing('spinach-quiche', [{ ingredient: 'spinach', expiresOn: today }], today);
    expect(fresh).toEqual(required.filter((id) => id !== 'spinach'));
    const undated = recipes.missing('spinach-quiche', [{ ingredient: 'spinach', expiresOn: null }], today);
    expect(undated).toEqual(fresh);
    expect(recipes.missing('no-such-recipe', [], today)).toBeUndefined();
  });

  it('ranks nothing with food the catalog does not know (a label stored as an ingredient by older writers)', () => {
    const today = '2026-11-20';
    const pantry = [
      { ingredient: 'spinach', expiresOn: '2026-11-22' },
      { ingredient: 'egg', expiresOn: '2026-11-30' },
    ];
    const unknown = [
      { ingredient: 'Sauce maison de mamie', expiresOn: today },
      { ingredient: 'Tomates cerises', expiresOn: '2026-11-19' },
    ];
    const ranked = recipes.rank([...unknown, ...pantry], { today });
    expect(ranked.recipes).toEqual(recipes.rank(pantry, { today }).recipes);
    expect(ranked.recipes.flatMap((r) => r.usesDue.map((d) => d.ingredient))).not.toContain(
      'Sauce maison de mamie',
    );
    expect(recipes.missing('spinach-quiche', [...unknown, ...pantry], today)).toEqual(
      recipes.missing('spinach-quiche', pantry, today),
    );
  });

  it('keeps only the diets and allergens the catalog knows as filters', () => {
    expect(recipes.healthFilters({ diets: ['vegan', 'keto', ''], allergens: ['nuts', 'cats'] })).toEqual({
      diets: ['vegan'],
      allergens: ['nuts'],
    });
  });

  it('lists the quickest recipes first, and has steps in every locale after fallback', () => {
    const quick = recipes.quickest(5);
    expect(quick).toHaveLength(5);
    for (let i = 1; i < quick.length; i++)
      expect(quick[i]!.minutes).toBeGreaterThanOrEqual(quick[i - 1]!.minutes);
    expect(recipes.quickest(-1)).toEqual([]);
    for (const locale of LOCALES) expect(recipes.steps('ratatouille', locale).length).toBeGreaterThan(1);
    expect(recipes.steps('no-such-recipe', 'en-US')).toEqual([]);
  });

  it('is built once for the skills that get no service of their own', () => {
    expect(shippedRecipeService()).toBe(shippedRecipeService());
  });
});
