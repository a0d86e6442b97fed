import { describe, expect, it } from 'vitest';
import { catalogIdSchema, EU_ALLERGENS } from '../../../src/domains/recipes/catalog-schema.js';
import {
  seededRandom,
  syntheticCatalog,
  syntheticIngredientId,
  syntheticInventories,
} from '../../../src/domains/recipes/synthetic-catalog.js';

describe('the synthetic catalog for ranking benchmarks', () => {
  const catalog = syntheticCatalog({ seed: 42, recipes: 4_000, ingredients: 2_000 });

  it('is the same for the same seed, and another for another seed', () => {
    expect(syntheticCatalog({ seed: 42, recipes: 50 })).toEqual(catalog.slice(0, 50));
    expect(syntheticCatalog({ seed: 43, recipes: 50 })).not.toEqual(catalog.slice(0, 50));
    const a = seededRandom(1);
    const b = seededRandom(1);
    const drawn = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(drawn);
    for (const x of drawn) expect(x >= 0 && x < 1).toBe(true);
  });

  it('gives each recipe 5 to 15 distinct ingredients, a required one first, with valid ids', () => {
    const sizes = new Set<number>();
    let optional = 0;
    for (const recipe of catalog) {
      const all = [...recipe.required, ...recipe.optional];
      sizes.add(all.length);
      optional += recipe.optional.length;
      expect(new Set(all).size).toBe(all.length);
      expect(recipe.required.length).toBeGreaterThan(0);
      expect(catalogIdSchema.safeParse(recipe.id).success).toBe(true);
    }
    expect(Math.min(...sizes)).toBe(5);
    expect(Math.max(...sizes)).toBe(15);
    expect(optional).toBeGreaterThan(0);
  });

  it('makes popularity follow Zipf: the most common ingredient about twice the second, ten times the tenth', () => {
    const uses = new Map<string, number>();
    for (const recipe of catalog) {
      for (const id of [...recipe.required, ...recipe.optional]) uses.set(id, (uses.get(id) ?? 0) + 1);
    }
    const first = uses.get(syntheticIngredientId(0)) ?? 0;
    // Drawing without repeats within a recipe flattens the head a little.
    expect(first / (uses.get(syntheticIngredientId(1)) ?? 1)).toBeGreaterThan(1.4);
    expect(first / (uses.get(syntheticIngredientId(9)) ?? 1)).toBeGreaterThan(5);
  });

  it('derives diets and allergens from the ingredients, as the real catalog does', () => {
    // Each ingredient allows all three diets, vegetarian and pescatarian, pescatarian, or none:
    // their intersection keeps the chain vegan -> vegetarian -> pescatarian.
    for (const recipe of catalog) {
      if (recipe.diets.includes('vegan')) expect(recipe.diets).toContain('vegetarian');
      if (recipe.diets.includes('vegetarian')) expect(recipe.diets).toContain('pescatarian');
      expect(recipe.allergens).toEqual(
        EU_ALLERGENS.filter((allergen) => recipe.allergens.includes(allergen)),
      );
    }
    // More ingredients, fewer diets: a recipe is vegan only when every ingredient is.
    const veganShare = (size: number) => {
      const sized = catalog.filter((recipe) => recipe.required.length + recipe.optional.length === size);
      return sized.filter((recipe) => recipe.diets.includes('vegan')).length / sized.length;
    };
    expect(veganShare(5)).toBeGreaterThan(veganShare(15));
    expect(catalog.some((recipe) => recipe.allergens.length > 0)).toBe(true);
  });

  it('draws inventories of distinct ingredients with expiry dates around today', () => {
    const inventories = syntheticInventories({ seed: 5, count: 20, today: '2026-12-05' });
    expect(inventories).toHaveLength(20);
    for (const inventory of inventories) {
      expect(inventory).toHaveLength(40);
      expect(new Set(inventory.map((item) => item.ingredient)).size).toBe(40);
      for (const { expiresOn } of inventory) {
        if (expiresOn !== null) expect(expiresOn >= '2026-12-02' && expiresOn <= '2026-12-26').toBe(true);
      }
    }
    const dates = inventories.flat().map((item) => item.expiresOn);
    expect(dates).toContain(null);
    expect(dates.some((date) => date !== null && date < '2026-12-05')).toBe(true);
  });
});
