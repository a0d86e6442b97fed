import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findPackageRoot } from '../runtime/package-root.js';

/** The screen page's script and style, inlined, with the hashes its Content-Security-Policy allows. */
export type ScreenAssets = { script: string; style: string; scriptHash: string; styleHash: string };

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * Reads `src/web/assets/` from the package (the same files whether the code
 * runs from src/ or dist/) on first use, then keeps them for the app that
 * made it. Inline with hashes rather than separate URLs: one request, and the
 * CSP still allows nothing else to run.
 */
export function createScreenAssets(): () => Promise<ScreenAssets> {
  let loaded: Promise<ScreenAssets> | undefined;
  return () => {
    loaded ??= (async () => {
      const dir = join(findPackageRoot(), 'src', 'web', 'assets');
      const [script, style] = await Promise.all([
        readFile(join(dir, 'screen.js'), 'utf8'),
        readFile(join(dir, 'screen.css'), 'utf8'),
      ]);
      return { script, style, scriptHash: sha256(script), styleHash: sha256(style) };
    })();
    loaded.catch(() => {
      loaded = undefined;
    });
    return loaded;
  };
}
