/**
 * The recipe catalog and ingredient vocabulary as the service uses them: read once from
 * `src/domains/recipes/data/` and `locales/<locale>/recipes/`, checked with the schemas
 * of catalog-schema.ts, recipes derived (required and optional apart, allergens and
 * diets from the ingredients) and each locale's words merged along its fallback chain.
 * Reading never throws: every problem is listed with its file, so `hearth validate` can
 * report them all and the service can refuse to start with a clear message.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { z } from 'zod';
import { fallbackChain, LOCALES, type Locale, PRIMARY_LOCALES } from '../../runtime/locales.js';
import { findPackageRoot } from '../../runtime/package-root.js';
import {
  type Allergen,
  type CatalogRecipe,
  DIETS,
  type Diet,
  EU_ALLERGENS,
  type Ingredient,
  type IngredientNames,
  ingredientNamesSchema,
  ingredientSchema,
  labelWordsSchema,
  type Recipe,
  type RecipeTexts,
  recipeSchema,
  recipeTextsSchema,
} from './catalog-schema.js';
import {
  CATALOG_SNAPSHOT_NAME,
  readCatalogSnapshot,
  type SourceFile,
  sourcesHash,
} from './catalog-snapshot.js';
import { foldedTokens, labelTokens } from './fold-words.js';

/** The data folder, relative to the package root (the same from src/, dist/ and the bundle). */
export const CATALOG_DATA_DIR = 'src/domains/recipes/data';
/** The folder of each locale holding the recipe domain's words. */
export const CATALOG_LOCALE_FOLDER = 'recipes';

export type CatalogProblemCode =
  | 'catalog-file'
  | 'catalog-duplicate-id'
  | 'catalog-unknown-id'
  | 'catalog-missing-translation'
  | 'catalog-duplicate-synonym'
  | 'catalog-declared-labels';

/** Something wrong with the catalog, with the file (relative to the package root) it is in. */
export type CatalogProblem = { code: CatalogProblemCode; file: string; locale?: Locale; message: string };

/** One ingredient's words in one locale. */
export type IngredientName = IngredientNames[string];
/** One recipe's words in one locale. */
export type RecipeText = RecipeTexts[string];

/** The catalog after loading. */
export type RecipeCatalog = {
  /** The vocabulary by id, in file order. */
  ingredients: ReadonlyMap<string, Ingredient>;
  /** Recipes as ranking uses them, in file order. */
  recipes: readonly CatalogRecipe[];
  /** Recipes as written (quantities and units), by id, for details and shopping lists. */
  recipeFacts: ReadonlyMap<string, Recipe>;
  /** Ingredient words per locale after fallback (every id of the vocabulary that has words). */
  ingredientNames: Readonly<Record<Locale, ReadonlyMap<string, IngredientName>>>;
  /** Recipe names, synonyms and steps per locale after fallback. */
  recipeTexts: Readonly<Record<Locale, ReadonlyMap<string, RecipeText>>>;
  /** Folded label words the normaliser drops, per locale after fallback. */
  labelWords: Readonly<Record<Locale, ReadonlySet<string>>>;
  problems: readonly CatalogProblem[];
};

/** Where a catalog is read from: the data folder and the locales folder (fixtures pass copies). */
export type CatalogSources = { dataDir: string; localesDir: string };

/** The catalog shipped with the package. */
export function defaultCatalogSources(): CatalogSources {
  const root = findPackageRoot();
  return { dataDir: join(root, CATALOG_DATA_DIR), localesDir: join(root, 'locales') };
}

function isPrimary(locale: Locale): boolean {
  return (PRIMARY_LOCALES as readonly string[]).includes(locale);
}

type Reader = <T>(path: string, schema: z.ZodType<T>, optional?: boolean) => T | undefined;

function readerFor(display: (path: string) => string, problems: CatalogProblem[]): Reader {
  return <T>(path: string, schema: z.ZodType<T>, optional = false): T | undefined => {
    const file = display(path);
    if (!existsSync(path)) {
      if (!optional) problems.push({ code: 'catalog-file', file, message: 'file is missing' });
      return undefined;
    }
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      problems.push({ code: 'catalog-file', file, message: `not valid JSON: ${reason}` });
      return undefined;
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const at = issue.path.length ? issue.path.join('.') : '(root)';
        problems.push({ code: 'catalog-file', file, message: `${at}: ${issue.message}` });
      }
      return undefined;
    }
    return parsed.data;
  };
}

/** Derive what ranking needs from a recipe as written. */
export function toCatalogRecipe(recipe: Recipe, ingredients: ReadonlyMap<string, Ingredient>): CatalogRecipe {
  const allergens = new Set<Allergen>();
  let diets = new Set<Diet>(DIETS);
  // An optional ingredient still counts: the household may well cook with it.
  for (const item of recipe.ingredients) {
    const ingredient = ingredients.get(item.id);
    for (const a of ingredient?.allergens ?? []) allergens.add(a);
    const allowed = new Set(ingredient?.diets ?? []);
    diets = new Set([...diets].filter((d) => allowed.has(d)));
  }
  return {
    id: recipe.id,
    minutes: recipe.minutes,
    servings: recipe.servings,
    required: recipe.ingredients.filter((i) => !i.optional).map((i) => i.id),
    optional: recipe.ingredients.filter((i) => i.optional).map((i) => i.id),
    allergens: EU_ALLERGENS.filter((a) => allergens.has(a)),
    diets: DIETS.filter((d) => diets.has(d)),
  };
}

function byId<T extends { id: string }>(
  items: readonly T[],
  file: string,
  kind: string,
  problems: CatalogProblem[],
): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    if (map.has(item.id))
      problems.push({ code: 'catalog-duplicate-id', file, message: `${kind} "${item.id}" appears twice` });
    else map.set(item.id, item);
  }
  return map;
}

/** Per locale: the entries of its own file, then merged along the fallback chain (a regional entry replaces the whole entry). */
function perLocale<T>(
  localesDir: string,
  fileName: string,
  schema: z.ZodType<Record<string, T>>,
  read: Reader,
): { own: Partial<Record<Locale, Record<string, T>>>; merged: Record<Locale, Map<string, T>> } {
  const own: Partial<Record<Locale, Record<string, T>>> = {};
  for (const locale of LOCALES) {
    const regional = !isPrimary(locale);
    const data = read(join(localesDir, locale, CATALOG_LOCALE_FOLDER, fileName), schema, regional);
    if (data) own[locale] = data;
  }
  const merged = {} as Record<Locale, Map<string, T>>;
  for (const locale of LOCALES) {
    const map = new Map<string, T>();
    for (const l of fallbackChain(locale).reverse())
      for (const [id, v] of Object.entries(own[l] ?? {})) map.set(id, v);
    merged[locale] = map;
  }
  return { own, merged };
}

function checkWords(
  catalog: Pick<RecipeCatalog, 'ingredients' | 'recipeFacts' | 'ingredientNames' | 'recipeTexts'>,
  own: {
    names: Partial<Record<Locale, Record<string, IngredientName>>>;
    texts: Partial<Record<Locale, Record<string, RecipeText>>>;
  },
  fileOf: (locale: Locale, name: string) => string,
  problems: CatalogProblem[],
): void {
  const kinds = [
    { file: 'ingredients.json', ids: catalog.ingredients, own: own.names, merged: catalog.ingredientNames },
    { file: 'recipes.json', ids: catalog.recipeFacts, own: own.texts, merged: catalog.recipeTexts },
  ] as const;
  for (const kind of kinds) {
    for (const locale of LOCALES) {
      const file = fileOf(locale, kind.file);
      for (const id of Object.keys(kind.own[locale] ?? {})) {
        if (!kind.ids.has(id))
          problems.push({
            code: 'catalog-unknown-id',
            file,
            locale,
            message: `"${id}" is not in the catalog`,
          });
      }
      if (!isPrimary(locale) || !kind.own[locale]) continue;
      for (const id of kind.ids.keys()) {
        if (!kind.merged[locale].has(id))
          problems.push({
            code: 'catalog-missing-translation',
            file,
            locale,
            message: `"${id}" has no words in ${locale}: primary locales are complete`,
          });
      }
    }
  }
  for (const locale of LOCALES) {
    const phrases = (words: { name: string; synonyms: readonly string[]; plural?: string }) => [
      words.name,
      ...(words.plural ? [words.plural] : []),
      ...words.synonyms,
    ];
    for (const kind of kinds) {
      const owner = new Map<string, string>();
      for (const [id, words] of kind.merged[locale]) {
        for (const phrase of phrases(words)) {
          const folded = labelTokens(phrase).join(' ');
          if (!folded) continue;
          const other = owner.get(folded);
          // A regional locale repeats its fallback's clashes; report only those its own file makes.
          const mine =
            isPrimary(locale) || [id, other].some((i) => i !== undefined && i in (kind.own[locale] ?? {}));
          if (other !== undefined && other !== id && mine) {
            problems.push({
              code: 'catalog-duplicate-synonym',
              file: fileOf(locale, kind.file),
              locale,
              message: `"${phrase}" names both "${other}" and "${id}"`,
            });
          } else owner.set(folded, id);
        }
      }
    }
  }
}

function checkDeclaredLabels(
  recipes: readonly Recipe[],
  derived: ReadonlyMap<string, CatalogRecipe>,
  file: string,
  problems: CatalogProblem[],
): void {
  for (const recipe of recipes) {
    const facts = derived.get(recipe.id);
    if (!facts) continue;
    if (recipe.allergens) {
      const declared = new Set(recipe.allergens);
      const extra = recipe.allergens.filter((a) => !facts.allergens.includes(a));
      const undeclared = facts.allergens.filter((a) => !declared.has(a));
      if (extra.length)
        problems.push({
          code: 'catalog-declared-labels',
          file,
          message: `${recipe.id}: declared allergens ${extra.join(', ')} do not follow from its ingredients`,
        });
      if (undeclared.length)
        problems.push({
          code: 'catalog-declared-labels',
          file,
          message: `${recipe.id}: its ingredients contain ${undeclared.join(', ')}, not declared`,
        });
    }
    const wrongDiets = (recipe.diets ?? []).filter((d) => !facts.diets.includes(d));
    if (wrongDiets.length)
      problems.push({
        code: 'catalog-declared-labels',
        file,
        message: `${recipe.id}: declared ${wrongDiets.join(', ')}, which its ingredients do not allow`,
      });
  }
}

/** Read and check a catalog; never throws. */
export function readCatalog(sources: CatalogSources = defaultCatalogSources()): RecipeCatalog {
  const problems: CatalogProblem[] = [];
  // Data files are named where they ship, whatever copy was read; locale files relative to the locales' parent.
  const display = (path: string) =>
    path.startsWith(sources.dataDir)
      ? `${CATALOG_DATA_DIR}/${relative(sources.dataDir, path)}`
      : relative(join(sources.localesDir, '..'), path);
  const read = readerFor(display, problems);
  const ingredientsFile = join(sources.dataDir, 'ingredients.json');
  const recipesFile = join(sources.dataDir, 'recipes.json');
  const ingredientRead = read(ingredientsFile, ingredientSchema.array());
  const recipeRead = read(recipesFile, recipeSchema.array());
  const ingredientList = ingredientRead ?? [];
  const recipeList = recipeRead ?? [];
  const ingredients = byId(ingredientList, display(ingredientsFile), 'ingredient', problems);
  const recipeFacts = byId(recipeList, display(recipesFile), 'recipe', problems);

  for (const recipe of recipeFacts.values()) {
    const seen = new Set<string>();
    for (const item of recipe.ingredients) {
      if (!ingredients.has(item.id) && ingredientRead)
        problems.push({
          code: 'catalog-unknown-id',
          file: display(recipesFile),
          message: `${recipe.id}: ingredient "${item.id}" is not in the vocabulary`,
        });
      if (seen.has(item.id))
        problems.push({
          code: 'catalog-duplicate-id',
          file: display(recipesFile),
          message: `${recipe.id}: ingredient "${item.id}" is listed twice`,
        });
      seen.add(item.id);
    }
  }
  const recipes = [...recipeFacts.values()].map((r) => toCatalogRecipe(r, ingredients));
  checkDeclaredLabels(
    [...recipeFacts.values()],
    new Map(recipes.map((r) => [r.id, r])),
    display(recipesFile),
    problems,
  );

  const names = perLocale(sources.localesDir, 'ingredients.json', ingredientNamesSchema, read);
  const texts = perLocale(sources.localesDir, 'recipes.json', recipeTextsSchema, read);
  const words = perLocale(
    sources.localesDir,
    'label-words.json',
    labelWordsSchema.transform(wordsRecord),
    read,
  );
  const labelWords = {} as Record<Locale, Set<string>>;
  for (const locale of LOCALES) labelWords[locale] = new Set([...words.merged[locale].keys()]);

  const catalog = {
    ingredients,
    recipes,
    recipeFacts,
    ingredientNames: names.merged,
    recipeTexts: texts.merged,
    labelWords,
    problems,
  };
  checkWords(
    catalog,
    // Words of a data file that could not be read are not checked against it (its problem is already listed).
    { names: ingredientRead ? names.own : {}, texts: recipeRead ? texts.own : {} },
    (locale, name) => display(join(sources.localesDir, locale, CATALOG_LOCALE_FOLDER, name)),
    problems,
  );
  return catalog;
}

/** label-words.json as a record keyed by folded word, so it merges along the fallback chain like the others. */
function wordsRecord(data: { drop: string[] }): Record<string, true> {
  return Object.fromEntries(data.drop.flatMap((w) => foldedTokens(w)).map((w) => [w, true as const]));
}

/** The files a catalog is made from, named as they ship. */
export function catalogSourceFiles(sources: CatalogSources): SourceFile[] {
  return [
    ...['ingredients.json', 'recipes.json'].map((name) => ({
      name: `${CATALOG_DATA_DIR}/${name}`,
      path: join(sources.dataDir, name),
    })),
    ...LOCALES.flatMap((locale) =>
      ['ingredients.json', 'recipes.json', 'label-words.json'].map((name) => ({
        name: `locales/${locale}/${CATALOG_LOCALE_FOLDER}/${name}`,
        path: join(sources.localesDir, locale, CATALOG_LOCALE_FOLDER, name),
      })),
    ),
  ];
}

/** Where `hearth build` writes the snapshot of a catalog's sources. */
export function catalogSnapshotPath(sources: CatalogSources): string {
  return join(sources.dataDir, CATALOG_SNAPSHOT_NAME);
}

let shipped: RecipeCatalog | undefined;

/**
 * The catalog shipped with the package, read once, problems and all: from the build's
 * snapshot when it was made from these very files (catalog-snapshot.ts), else read and
 * checked from the files.
 */
export function readShippedCatalog(): RecipeCatalog {
  if (!shipped) {
    const sources = defaultCatalogSources();
    shipped =
      readCatalogSnapshot(catalogSnapshotPath(sources), sourcesHash(catalogSourceFiles(sources))) ??
      readCatalog(sources);
  }
  return shipped;
}

/**
 * The catalog shipped with the package, read once. Throws when it has problems: the
 * service must not start on a catalog `hearth validate` would reject.
 */
export function loadCatalog(): RecipeCatalog {
  const catalog = readShippedCatalog();
  if (catalog.problems.length) {
    const lines = catalog.problems.slice(0, 10).map((p) => `${p.file}: ${p.message}`);
    throw new Error(`the recipe catalog has ${catalog.problems.length} problem(s):\n${lines.join('\n')}`);
  }
  return catalog;
}
