/**
 * Locate the hearth package root (the nearest directory with a package.json
 * above this module), so locale files are found whatever the cwd and whether
 * the code runs from `src/` (vitest) or `dist/src/` (the CLI, the server).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The nearest ancestor directory of `start` that holds a package.json. */
export function findPackageRoot(start: string = dirname(fileURLToPath(import.meta.url))): string {
  if (cached && start === dirname(fileURLToPath(import.meta.url))) return cached;
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) {
      if (start === dirname(fileURLToPath(import.meta.url))) cached = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${start}`);
    dir = parent;
  }
}

/** The repo's `locales/` directory. */
export function defaultLocalesDir(): string {
  return join(findPackageRoot(), 'locales');
}
