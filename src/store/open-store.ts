import type { DocumentStore } from './document-store.js';
import { afterSqliteOpen, beforeSqliteOpen } from './private-data-dir.js';

export type StoreOptions =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'firestore'; readonly projectId: string; readonly databaseId?: string };

/** A SQLite file on disk (not `:memory:` or a `file:` URI), whose modes hearth keeps private. */
const onDisk = (file: string) => file !== ':memory:' && !file.startsWith('file:');

/**
 * Opens the configured document store. Each adapter is imported only when chosen, so a
 * process on SQLite never loads the Firestore client (and its gRPC stack) at start.
 * Every caller (the service, `hearth seed`, the simulator, the benchmarks) gets a SQLite
 * file and directory that only their owner can read.
 */
export async function openStore(options: StoreOptions): Promise<DocumentStore> {
  switch (options.kind) {
    case 'sqlite': {
      const { file } = options;
      if (onDisk(file)) await beforeSqliteOpen(file);
      const { openSqliteStore } = await import('./sqlite/sqlite-store.js');
      const store = await openSqliteStore({ file });
      try {
        if (onDisk(file)) await afterSqliteOpen(file);
      } catch (error) {
        await store.close();
        throw error;
      }
      return store;
    }
    case 'firestore': {
      // Against the emulator there are no credentials to find: without this the auth library
      // probes the GCE metadata server and warns (FIELD-NOTES.md).
      if (process.env.FIRESTORE_EMULATOR_HOST) process.env.METADATA_SERVER_DETECTION ??= 'none';
      const { openFirestoreStore } = await import('./firestore/firestore-store.js');
      return openFirestoreStore({
        projectId: options.projectId,
        ...(options.databaseId ? { databaseId: options.databaseId } : {}),
      });
    }
  }
}
