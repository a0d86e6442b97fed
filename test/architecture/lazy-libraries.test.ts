import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Libraries only some routes need are imported on their first use, not with the service
 * (the cold-start bench): `actions-on-google` (Dialogflow and smart home) and
 * `@node-oauth/oauth2-server` (account linking; it brings the whole `mime-db` table). A static
 * value import of either anywhere in src/ would put it back on every start.
 */
const LAZY = ['actions-on-google', '@node-oauth/oauth2-server'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Static imports of `library` that bring values (not `import type`, not `import('...')`). */
function valueImports(text: string, library: string): string[] {
  const statements = [...text.matchAll(/^\s*import\s+([^;]*?)\s+from\s+(['"])([^'"]+)\2/gms)];
  return statements
    .filter((m) => m[3] === library && !/^type\s/.test(m[1] ?? ''))
    .map((m) => (m[0] ?? '').trim());
}

describe('libraries loaded on first use', () => {
  const files = sourceFiles('src');

  it('finds the sources it checks (and recognises a value import)', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(valueImports("import OAuth2Server from '@node-oauth/oauth2-server';", LAZY[1] ?? '')).toHaveLength(
      1,
    );
    expect(valueImports("import type OAuth2Server from '@node-oauth/oauth2-server';", LAZY[1] ?? '')).toEqual(
      [],
    );
  });

  for (const library of LAZY) {
    it(`${library} is imported as types or dynamically only`, () => {
      const found = files.flatMap((file) =>
        valueImports(readFileSync(file, 'utf8'), library).map((statement) => `${file}: ${statement}`),
      );
      expect(found).toEqual([]);
    });
  }
});
