import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Skills are what a brand writes: they import the package's entry points
 * (`hearth/skill`), their own files and other packages, never the platform's
 * sources by path. These tests read the import specifiers of skills/ as text.
 */

const SKILLS = 'skills';
const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as {
  name: string;
  exports: Record<string, unknown>;
};
const entryPoints = Object.keys(packageJson.exports).map(
  (subpath) => `${packageJson.name}/${subpath.slice(2)}`,
);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every module specifier of a source text: static imports and exports, `import type`, dynamic imports. */
function specifiers(text: string): string[] {
  return [...text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*(['"])([^'"]+)\1/g)].map((m) => m[2] ?? '');
}

/** Why an import of `file` breaks the rule, or undefined when it keeps it. */
function violation(file: string, specifier: string): string | undefined {
  if (specifier.startsWith('.')) {
    const target = path.normalize(path.join(path.dirname(file), specifier));
    const inside = !path.relative(SKILLS, target).startsWith('..');
    return inside ? undefined : `${file} -> ${specifier} (outside skills/: import hearth/skill instead)`;
  }
  const own = specifier === packageJson.name || specifier.startsWith(`${packageJson.name}/`);
  if (own && !entryPoints.includes(specifier))
    return `${file} -> ${specifier} (not an entry point: ${entryPoints.join(', ')})`;
  return undefined;
}

function violations(files: readonly string[], read: (file: string) => string): string[] {
  return files.flatMap((file) =>
    specifiers(read(file)).flatMap((specifier) => violation(file, specifier) ?? []),
  );
}

describe('the skills brands write', () => {
  it('import the platform only through the entry points of package.json, never src/ by path', () => {
    const files = sourceFiles(SKILLS);
    expect(files.length).toBeGreaterThan(5);
    expect(violations(files, (file) => readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('are caught reaching into src/, by a relative path or past the entry points (the check itself works)', () => {
    const sources: Record<string, string> = {
      'skills/x/a.ts': "import { defineSkill } from '../../src/runtime/skill-definition.js';",
      'skills/x/b.ts': "import type { Turn } from 'hearth/src/runtime/turn.js';",
      'skills/x/c.ts': "const m = await import('../../src/runtime/run-turn.js');",
      'skills/x/d.ts':
        "import { joinList } from 'hearth/skill';\nimport { cook } from './cook.js';\nimport '../index.js';",
    };
    expect(violations(Object.keys(sources), (file) => sources[file] ?? '')).toEqual([
      'skills/x/a.ts -> ../../src/runtime/skill-definition.js (outside skills/: import hearth/skill instead)',
      'skills/x/b.ts -> hearth/src/runtime/turn.js (not an entry point: hearth/skill, hearth/testing, hearth/services)',
      'skills/x/c.ts -> ../../src/runtime/run-turn.js (outside skills/: import hearth/skill instead)',
    ]);
  });
});
