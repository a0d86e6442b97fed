import type { DocumentStore } from '../../src/store/document-store.js';
import { openTestFirestoreStore } from './firestore.js';
import { openTempSqliteStore } from './temp-sqlite.js';

/** Both store adapters as `describe.each` takes them: a name, and how to open a fresh, empty store. */
export const STORE_ADAPTERS: [string, () => Promise<{ store: DocumentStore; close: () => Promise<void> }>][] =
  [
    [
      'SQLite',
      async () => {
        const { store, dispose } = await openTempSqliteStore('hearth-adapter-');
        return { store, close: dispose };
      },
    ],
    [
      'Firestore',
      async () => {
        const { store } = await openTestFirestoreStore();
        return { store, close: () => store.close() };
      },
    ],
  ];
