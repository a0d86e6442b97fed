/**
 * Which response keys a skill uses, found statically in its source: literal
 * `t('key')` calls, template literals with a static prefix
 * (`` t(`recipes.${id}`) `` counts every key it can produce), keys marked
 * `responseKey('key')`. Regex over source text rather than a TypeScript AST
 * because the native TypeScript 7 compiler has no JS API to parse with; the
 * conventions above are documented in docs/authoring.md.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type UsedKeys = { exact: Set<string>; patterns: RegExp[] };

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every `.ts` file under `dir` (recursively), sorted. */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Scan source texts for used response keys. */
export function findUsedKeys(sources: string[]): UsedKeys {
  const used: UsedKeys = { exact: new Set(), patterns: [] };
  for (const source of sources) {
    for (const m of source.matchAll(/\b(?:t|responseKey)\(\s*(['"])((?:(?!\1)[^\\\n])*)\1/g))
      used.exact.add(m[2] ?? '');
    for (const m of source.matchAll(/\b(?:t|responseKey)\(\s*`([^`]*)`/g)) {
      const template = m[1] ?? '';
      if (!template.includes('${')) {
        used.exact.add(template);
        continue;
      }
      const parts = template.split(/\$\{[^}]*\}/);
      used.patterns.push(new RegExp(`^${parts.map(escapeRegExp).join('[^.]+')}$`));
    }
  }
  return used;
}

/** Read the files and scan them. */
export function findUsedKeysInFiles(files: string[]): UsedKeys {
  return findUsedKeys(files.map((f) => readFileSync(f, 'utf8')));
}

/** Whether a base key (plural suffix removed) is used. */
export function isUsed(used: UsedKeys, base: string): boolean {
  return used.exact.has(base) || used.patterns.some((p) => p.test(base));
}
