import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EU_ALLERGENS } from '../../../src/domains/recipes/catalog-schema.js';
import {
  type CatalogSources,
  defaultCatalogSources,
  loadCatalog,
  readCatalog,
} from '../../../src/domains/recipes/load-catalog.js';
import { LOCALES, PRIMARY_LOCALES } from '../../../src/runtime/locales.js';

const catalog = loadCatalog();

/** The ids that existed before the catalog (fridge-chef's slot values and recipes): they keep their ids. */
const EXISTING_INGREDIENTS = [
  'tomato',
  'egg',
  'milk',
  'cheese',
  'zucchini',
  'eggplant',
  'onion',
  'garlic',
  'carrot',
  'potato',
  'rice',
  'pasta',
  'chicken',
  'butter',
  'spinach',
  'bell-pepper',
  'mushroom',
  'yogurt',
  'lemon',
  'cilantro',
  'flour',
];
const EXISTING_RECIPES = [
  'vegetable-omelette',
  'tomato-pasta',
  'vegetable-soup',
  'mushroom-risotto',
  'chicken-curry',
  'ratatouille',
  'spinach-quiche',
];

describe('the shipped catalog', () => {
  it('loads without problems, with at least 60 recipes and every existing id', () => {
    expect(catalog.problems).toEqual([]);
    expect(catalog.recipes.length).toBeGreaterThanOrEqual(60);
    for (const id of EXISTING_INGREDIENTS) expect(catalog.ingredients.has(id), id).toBe(true);
    for (const id of EXISTING_RECIPES) expect(catalog.recipeFacts.has(id), id).toBe(true);
  });

  it('has every ingredient and recipe in every locale after fallback, with 3 to 7 speakable steps', () => {
    for (const locale of LOCALES) {
      expect([...catalog.ingredientNames[locale].keys()].sort()).toEqual(
        [...catalog.ingredients.keys()].sort(),
      );
      for (const recipe of catalog.recipes) {
        const text = catalog.recipeTexts[locale].get(recipe.id);
        expect(text, `${recipe.id} in ${locale}`).toBeDefined();
        expect(text?.steps.length).toBeGreaterThanOrEqual(3);
        expect(text?.steps.length).toBeLessThanOrEqual(7);
      }
    }
  });

  it('is diverse: vegan, vegetarian, fish and meat, quick and slow', () => {
    const vegan = catalog.recipes.filter((r) => r.diets.includes('vegan'));
    const vegetarian = catalog.recipes.filter((r) => r.diets.includes('vegetarian'));
    const fish = catalog.recipes.filter((r) =>
      r.allergens.some((a) => ['fish', 'crustaceans', 'molluscs'].includes(a)),
    );
    const meat = catalog.recipes.filter((r) => r.diets.length === 0);
    expect(vegan.length).toBeGreaterThanOrEqual(10);
    expect(vegetarian.length).toBeGreaterThanOrEqual(25);
    expect(fish.length).toBeGreaterThanOrEqual(5);
    expect(meat.length).toBeGreaterThanOrEqual(15);
    expect(catalog.recipes.filter((r) => r.minutes <= 20).length).toBeGreaterThanOrEqual(10);
    expect(catalog.recipes.filter((r) => r.minutes >= 90).length).toBeGreaterThanOrEqual(3);
  });

  it('derives allergens as the union and diets as the intersection of the ingredients', () => {
    const carbonara = catalog.recipes.find((r) => r.id === 'spaghetti-carbonara');
    expect(carbonara?.allergens).toEqual(['gluten', 'eggs', 'milk']);
    expect(carbonara?.diets).toEqual([]);
    const paella = catalog.recipes.find((r) => r.id === 'seafood-paella');
    expect(paella?.allergens).toEqual(['crustaceans', 'molluscs']);
    expect(paella?.diets).toEqual(['pescatarian']);
    const hummus = catalog.recipes.find((r) => r.id === 'hummus');
    expect(hummus?.allergens).toEqual(['sesame']);
    expect(hummus?.diets).toEqual(['vegetarian', 'vegan', 'pescatarian']);
    for (const r of catalog.recipes) for (const a of r.allergens) expect(EU_ALLERGENS).toContain(a);
  });

  it('splits required and optional ingredients in recipe order', () => {
    const omelette = catalog.recipes.find((r) => r.id === 'vegetable-omelette');
    expect(omelette?.required).toEqual(['egg', 'onion', 'bell-pepper', 'cheese']);
    expect(omelette?.optional).toEqual(['butter', 'chives']);
  });

  it('merges regional words over their fallback: en-GB says courgette, fr-CA patates, the rest is inherited', () => {
    expect(catalog.ingredientNames['en-GB'].get('zucchini')?.name).toBe('courgette');
    expect(catalog.ingredientNames['en-GB'].get('tomato')).toEqual(
      catalog.ingredientNames['en-US'].get('tomato'),
    );
    expect(catalog.ingredientNames['fr-CA'].get('potato')?.plural).toBe('patates');
    expect(catalog.recipeTexts['en-GB'].get('garlic-shrimp')?.name).toBe('garlic prawns');
    expect(catalog.recipeTexts['fr-CA'].get('tiramisu')).toEqual(
      catalog.recipeTexts['fr-FR'].get('tiramisu'),
    );
  });
});

describe('a broken catalog', () => {
  const work = mkdtempSync(join(tmpdir(), 'hearth-catalog-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  let count = 0;

  /** A copy of the shipped catalog with one file changed. */
  function brokenCopy(path: string, change: (data: unknown) => unknown): CatalogSources {
    const shipped = defaultCatalogSources();
    const dir = join(work, String(count++));
    const sources = { dataDir: join(dir, 'data'), localesDir: join(dir, 'locales') };
    cpSync(shipped.dataDir, sources.dataDir, { recursive: true });
    cpSync(shipped.localesDir, sources.localesDir, { recursive: true });
    const file = join(dir, path);
    writeFileSync(file, JSON.stringify(change(JSON.parse(readFileSync(file, 'utf8')))));
    return sources;
  }

  type RecipeData = Array<{
    id: string;
    ingredients: Array<{ id: string; quantity?: number; unit?: string }>;
    allergens?: string[];
    diets?: string[];
  }>;
  const editRecipe = (id: string, edit: (r: RecipeData[number]) => void) => (data: unknown) => {
    const recipes = data as RecipeData;
    const recipe = recipes.find((r) => r.id === id);
    if (recipe) edit(recipe);
    return recipes;
  };

  it('reports an ingredient id the vocabulary does not have', () => {
    const sources = brokenCopy(
      'data/recipes.json',
      editRecipe('hummus', (r) => r.ingredients.push({ id: 'dragon-fruit', quantity: 1, unit: 'piece' })),
    );
    expect(readCatalog(sources).problems).toEqual([
      {
        code: 'catalog-unknown-id',
        file: 'src/domains/recipes/data/recipes.json',
        message: 'hummus: ingredient "dragon-fruit" is not in the vocabulary',
      },
    ]);
  });

  it('reports declared allergens and diets that do not follow from the ingredients', () => {
    const sources = brokenCopy(
      'data/recipes.json',
      editRecipe('spaghetti-carbonara', (r) => {
        r.allergens = ['gluten', 'eggs', 'peanuts'];
        r.diets = ['vegetarian'];
      }),
    );
    const messages = readCatalog(sources).problems.map((p) => `${p.code}: ${p.message}`);
    expect(messages).toEqual([
      'catalog-declared-labels: spaghetti-carbonara: declared allergens peanuts do not follow from its ingredients',
      'catalog-declared-labels: spaghetti-carbonara: its ingredients contain milk, not declared',
      'catalog-declared-labels: spaghetti-carbonara: declared vegetarian, which its ingredients do not allow',
    ]);
  });

  it('accepts declared labels that match the ingredients', () => {
    const sources = brokenCopy(
      'data/recipes.json',
      editRecipe('hummus', (r) => {
        r.allergens = ['sesame'];
        r.diets = ['vegan'];
      }),
    );
    expect(readCatalog(sources).problems).toEqual([]);
  });

  it.each([
    {
      what: 'a recipe missing in a primary locale',
      path: 'locales/it-IT/recipes/recipes.json',
      change: (texts: Record<string, { synonyms: string[] }>) => delete texts.gazpacho,
      locale: 'it-IT',
      code: 'catalog-missing-translation',
      message: '"gazpacho" has no words in it-IT: primary locales are complete',
    },
    {
      what: 'a word naming two ingredients',
      path: 'locales/de-DE/recipes/ingredients.json',
      change: (names: Record<string, { synonyms: string[] }>) => names.leek?.synonyms.push('Zwiebeln'),
      locale: 'de-DE',
      code: 'catalog-duplicate-synonym',
      message: '"Zwiebeln" names both "onion" and "leek"',
    },
  ])('reports $what, in its file and locale', ({ path, change, locale, code, message }) => {
    const sources = brokenCopy(path, (data) => {
      change(data as Record<string, { synonyms: string[] }>);
      return data;
    });
    expect(readCatalog(sources).problems).toEqual([{ code, file: path, locale, message }]);
  });

  it('reports a file that breaks its schema, naming the field, and loadCatalog-style callers see it', () => {
    const sources = brokenCopy('data/ingredients.json', (data) => {
      const list = data as Array<{ allergens: string[] }>;
      list[0]?.allergens.push('pollen');
      return list;
    });
    const problems = readCatalog(sources).problems;
    expect(problems[0]).toMatchObject({
      code: 'catalog-file',
      file: 'src/domains/recipes/data/ingredients.json',
    });
    expect(problems[0]?.message).toMatch(/^0\.allergens\.\d+: /);
  });

  it('lists every primary locale it checks', () => {
    expect(PRIMARY_LOCALES.every((l) => catalog.recipeTexts[l].size === catalog.recipes.length)).toBe(true);
  });
});
