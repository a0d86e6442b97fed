import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DocumentStore } from '../../src/store/document-store.js';
import { openStore } from '../../src/store/open-store.js';

/** A SQLite store in a real file of a fresh temp dir, and how to close it and remove the dir. */
export async function openTempSqliteStore(
  prefix = 'hearth-test-',
): Promise<{ store: DocumentStore; dispose: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const store = await openStore({ kind: 'sqlite', file: path.join(dir, 'hearth.db') });
  return {
    store,
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
