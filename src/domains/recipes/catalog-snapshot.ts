/**
 * The recipe catalog as `hearth build` leaves it once `hearth validate` accepted it:
 * `src/domains/recipes/data/catalog.generated.json`, every map of the loaded catalog as
 * entries, keyed by a SHA-256 of the source files it was made from. Reading and checking
 * the sources (about 400 KB of JSON, zod parses, the cross-locale word checks) cost 83 ms
 * of every start; hashing them and parsing the snapshot costs a few. A snapshot whose hash
 * is not the sources' (a catalog or locale file edited since the last build) is not used:
 * the sources are read and checked as before, so a stale snapshot is slower, never wrong.
 * It is trusted without a schema because only the build writes it, from a catalog without
 * problems, and `hearth build --check` (in `npm test`) keeps the committed one fresh.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { LOCALES, type Locale } from '../../runtime/locales.js';
import type { CatalogRecipe, Ingredient, Recipe } from './catalog-schema.js';
// Types only: load-catalog.ts reads snapshots through this module.
import type { IngredientName, RecipeCatalog, RecipeText } from './load-catalog.js';

/** The snapshot's file name, in the catalog's data folder. */
export const CATALOG_SNAPSHOT_NAME = 'catalog.generated.json';
/** Raised when the snapshot's layout changes, so that an old one is not read as a new one. */
const FORMAT = 1;

type PerLocale<T> = Record<Locale, [string, T][]>;

interface Snapshot {
  format: number;
  /** SHA-256 of the source files (see sourcesHash). */
  sources: string;
  ingredients: Ingredient[];
  recipes: CatalogRecipe[];
  recipeFacts: Recipe[];
  ingredientNames: PerLocale<IngredientName>;
  recipeTexts: PerLocale<RecipeText>;
  labelWords: Record<Locale, string[]>;
}

/** One source file of the catalog: a name independent of where the package is installed, and its path. */
export type SourceFile = { name: string; path: string };

/** SHA-256 over the catalog's source files (name and bytes, in the given order; a missing file counts as such). */
export function sourcesHash(files: readonly SourceFile[]): string {
  const hash = createHash('sha256');
  for (const { name, path } of files) {
    hash.update(`${name}\0`);
    hash.update(existsSync(path) ? readFileSync(path) : '\0missing\0');
    hash.update('\0');
  }
  return hash.digest('hex');
}

function perLocale<T, U>(maps: Readonly<Record<Locale, T>>, entries: (value: T) => U): Record<Locale, U> {
  return Object.fromEntries(LOCALES.map((locale) => [locale, entries(maps[locale])])) as Record<Locale, U>;
}

/** The snapshot of a catalog without problems, as the build writes it (stable JSON, one line per map). */
export function catalogSnapshot(catalog: RecipeCatalog, sources: string): string {
  if (catalog.problems.length) throw new Error('a catalog with problems has no snapshot');
  const snapshot: Snapshot = {
    format: FORMAT,
    sources,
    ingredients: [...catalog.ingredients.values()],
    recipes: [...catalog.recipes],
    recipeFacts: [...catalog.recipeFacts.values()],
    ingredientNames: perLocale(catalog.ingredientNames, (map) => [...map]),
    recipeTexts: perLocale(catalog.recipeTexts, (map) => [...map]),
    labelWords: perLocale(catalog.labelWords, (set) => [...set]),
  };
  return `${JSON.stringify(snapshot)}\n`;
}

/** The catalog of the snapshot at `file` when it was made from sources hashing to `sources`; else undefined. */
export function readCatalogSnapshot(file: string, sources: string): RecipeCatalog | undefined {
  if (!existsSync(file)) return undefined;
  let snapshot: Snapshot;
  try {
    snapshot = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  } catch {
    return undefined;
  }
  if (snapshot?.format !== FORMAT || snapshot.sources !== sources) return undefined;
  return {
    ingredients: new Map(snapshot.ingredients.map((i) => [i.id, i])),
    recipes: snapshot.recipes,
    recipeFacts: new Map(snapshot.recipeFacts.map((r) => [r.id, r])),
    ingredientNames: perLocale(snapshot.ingredientNames, (entries) => new Map(entries)),
    recipeTexts: perLocale(snapshot.recipeTexts, (entries) => new Map(entries)),
    labelWords: perLocale(snapshot.labelWords, (words) => new Set(words)),
    problems: [],
  };
}
