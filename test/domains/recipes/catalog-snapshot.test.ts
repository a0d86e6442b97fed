/**
 * The catalog's snapshot (catalog-snapshot.ts): the same catalog as reading and checking
 * the files, used only when made from the very files it names, and never of a catalog
 * with problems. The committed one being fresh is `hearth build --check`'s job (npm test).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  catalogSnapshot,
  readCatalogSnapshot,
  sourcesHash,
} from '../../../src/domains/recipes/catalog-snapshot.js';
import {
  catalogSnapshotPath,
  catalogSourceFiles,
  defaultCatalogSources,
  readCatalog,
  readShippedCatalog,
} from '../../../src/domains/recipes/load-catalog.js';

const work = mkdtempSync(join(tmpdir(), 'hearth-snapshot-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A copy of the shipped sources with its snapshot written as the build writes it. */
function copyWithSnapshot(name: string) {
  const shipped = defaultCatalogSources();
  const sources = { dataDir: join(work, name, 'data'), localesDir: join(work, name, 'locales') };
  cpSync(shipped.dataDir, sources.dataDir, { recursive: true });
  cpSync(shipped.localesDir, sources.localesDir, { recursive: true });
  const hash = sourcesHash(catalogSourceFiles(sources));
  writeFileSync(catalogSnapshotPath(sources), catalogSnapshot(readCatalog(sources), hash));
  return { sources, hash };
}

describe('the catalog snapshot', () => {
  it('gives the catalog that reading and checking the files gives', () => {
    const { sources, hash } = copyWithSnapshot('same');
    const fromSnapshot = readCatalogSnapshot(catalogSnapshotPath(sources), hash);
    expect(fromSnapshot).toBeDefined();
    expect(fromSnapshot).toEqual(readCatalog(sources));
    // The service's catalog (from the committed snapshot, or the files when it is stale) is the files' catalog.
    expect(readShippedCatalog()).toEqual(readCatalog());
  });

  it('is not used once a source file changed, whatever the file', () => {
    const { sources, hash } = copyWithSnapshot('edited');
    const words = join(sources.localesDir, 'it-IT', 'recipes', 'ingredients.json');
    writeFileSync(words, readFileSync(words, 'utf8').replace('"uova"', '"uova fresche"'));
    const edited = sourcesHash(catalogSourceFiles(sources));
    expect(edited).not.toBe(hash);
    expect(readCatalogSnapshot(catalogSnapshotPath(sources), edited)).toBeUndefined();
    // A file removed changes the hash too.
    rmSync(join(sources.localesDir, 'fr-CA', 'recipes'), { recursive: true, force: true });
    expect(sourcesHash(catalogSourceFiles(sources))).not.toBe(edited);
  });

  it('is not read when it is not one (truncated, another format) and is never made of a catalog with problems', () => {
    const { sources, hash } = copyWithSnapshot('broken');
    const path = catalogSnapshotPath(sources);
    writeFileSync(path, readFileSync(path, 'utf8').slice(0, 1000));
    expect(readCatalogSnapshot(path, hash)).toBeUndefined();
    writeFileSync(path, JSON.stringify({ format: 0, sources: hash }));
    expect(readCatalogSnapshot(path, hash)).toBeUndefined();
    const broken = {
      ...readCatalog(sources),
      problems: [{ code: 'catalog-file' as const, file: 'x', message: 'x' }],
    };
    expect(() => catalogSnapshot(broken, hash)).toThrow(/problems/);
  });
});
