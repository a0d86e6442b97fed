/**
 * `hearth validate` on the recipe catalog and ingredient vocabulary: the loader's own
 * checks (schemas, unknown ids, missing translations in a primary locale, a word naming
 * two ingredients or two recipes in one locale, declared allergens or diets the
 * ingredients do not support), reported as validate problems.
 */

import { join } from 'node:path';
import { CATALOG_DATA_DIR, type RecipeCatalog, readCatalog } from '../../domains/recipes/load-catalog.js';
import { findPackageRoot } from '../../runtime/package-root.js';
import type { Problem } from './problem.js';

/**
 * Check the catalog whose words are in `localesDir` (data from `dataDir`, the shipped one by
 * default); returns it, so other rules (campaigns) check ids against the same vocabulary.
 */
export function checkRecipeCatalog(
  localesDir: string,
  problems: Problem[],
  dataDir: string = join(findPackageRoot(), CATALOG_DATA_DIR),
): RecipeCatalog {
  const catalog = readCatalog({ dataDir, localesDir });
  for (const p of catalog.problems) {
    problems.push({
      code: p.code,
      file: p.file,
      ...(p.locale ? { locale: p.locale } : {}),
      message: p.message,
    });
  }
  return catalog;
}
