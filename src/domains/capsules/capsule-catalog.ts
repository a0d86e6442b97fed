/**
 * Loading a brand's capsule catalog (`skills/<skill>/capsule-catalog.json`). It is found
 * from the package root, as the locales are, so the same path serves `src/` (vitest),
 * `dist/src/` (the CLI) and the `dist/service/` bundle.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findPackageRoot } from '../../runtime/package-root.js';
import { type CapsuleCatalog, capsuleCatalogSchema } from './capsule-catalog-schema.js';

export const CAPSULE_CATALOG_FILE = 'capsule-catalog.json';

/** The skill whose catalog the service loads: the Crema machine's. */
export const CAPSULE_SKILL_ID = 'coffee-companion';

/** Where a skill's catalog lives. */
export function capsuleCatalogPath(
  skillId: string = CAPSULE_SKILL_ID,
  root: string = findPackageRoot(),
): string {
  return join(root, 'skills', skillId, CAPSULE_CATALOG_FILE);
}

/** A catalog that cannot be used, with what is wrong in it. */
export class CapsuleCatalogError extends Error {
  override readonly name = 'CapsuleCatalogError';
}

/** Parses a catalog's JSON value; throws CapsuleCatalogError naming the first problems. */
export function parseCapsuleCatalog(data: unknown, file = CAPSULE_CATALOG_FILE): CapsuleCatalog {
  const parsed = capsuleCatalogSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new CapsuleCatalogError(`${file}: ${issues.join('; ')}`);
}

/** Reads and parses a catalog file; throws CapsuleCatalogError when it is missing or invalid. */
export function loadCapsuleCatalog(file: string = capsuleCatalogPath()): CapsuleCatalog {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CapsuleCatalogError(
      `${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new CapsuleCatalogError(`${file}: not JSON`);
  }
  return parseCapsuleCatalog(data, file);
}
