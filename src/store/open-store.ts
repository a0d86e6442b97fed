import type { DocumentStore } from './document-store.js';

export type StoreOptions =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'firestore'; readonly projectId: string; readonly databaseId?: string };

/**
 * Opens the configured document store. Each adapter is imported only when chosen, so a
 * process on SQLite never loads the Firestore client (and its gRPC stack) at start.
 */
export async function openStore(options: StoreOptions): Promise<DocumentStore> {
  switch (options.kind) {
    case 'sqlite': {
      const { openSqliteStore } = await import('./sqlite/sqlite-store.js');
      return openSqliteStore({ file: options.file });
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
