import { randomUUID } from 'node:crypto';
import type { DocumentStore } from '../../src/store/document-store.js';
import { openFirestoreStore } from '../../src/store/firestore/firestore-store.js';

export interface FirestoreEmulator {
  /** `host:port`, as in FIRESTORE_EMULATOR_HOST. */
  readonly host: string;
  /** A project of this test file alone (see below). */
  readonly projectId: string;
}

/*
 * Test files run in parallel against one emulator, and clearing wipes a whole project:
 * each test file (each module instance of this helper) gets its own project id so that
 * one file's clearing never deletes another's documents.
 */
const fileProjectId = `${process.env.FIRESTORE_PROJECT_ID ?? 'hearth-test'}-${randomUUID().slice(0, 8)}`;

/** The emulator started by test/setup/firestore-emulator.ts; throws (never skips) when it is not there. */
export function firestoreEmulator(): FirestoreEmulator {
  const host = process.env.FIRESTORE_EMULATOR_HOST;
  if (!host) {
    throw new Error(
      'FIRESTORE_EMULATOR_HOST is not set: the vitest global setup test/setup/firestore-emulator.ts should have started the emulator',
    );
  }
  if (process.env.METADATA_SERVER_DETECTION !== 'none') {
    throw new Error(
      'METADATA_SERVER_DETECTION=none must be set for Firestore tests (the global setup sets it)',
    );
  }
  return { host, projectId: fileProjectId };
}

/**
 * Deletes every document of the project in the emulator; throws when the emulator does not
 * answer. A transaction left open by a failed test holds its locks until the emulator's
 * lock timeout (2 s), so a clear that meets one is tried again a few times.
 */
export async function clearFirestore({ host, projectId }: FirestoreEmulator): Promise<void> {
  const url = `http://${host}/emulator/v1/projects/${projectId}/databases/(default)/documents`;
  for (let attempt = 1; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(url, { method: 'DELETE', signal: AbortSignal.timeout(10_000) });
    } catch (error) {
      throw new Error(`Firestore emulator at ${host} is unreachable: ${(error as Error).message}`, {
        cause: error,
      });
    }
    if (response.ok) return;
    const body = await response.text();
    if (response.status !== 409 || attempt >= 5) {
      throw new Error(`clearing the Firestore emulator failed: ${response.status} ${body}`);
    }
  }
}

/**
 * A Firestore store on an emptied emulator project, for one test. Call `close()` after it.
 * Pings first, so a missing emulator fails the test right away with a clear message.
 */
export async function openTestFirestoreStore(): Promise<{
  store: DocumentStore;
  emulator: FirestoreEmulator;
}> {
  const emulator = firestoreEmulator();
  await clearFirestore(emulator);
  const store = openFirestoreStore({ projectId: emulator.projectId, emulatorHost: emulator.host });
  try {
    await store.ping();
  } catch (error) {
    await store.close();
    throw new Error(`Firestore emulator at ${emulator.host} does not answer: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return { store, emulator };
}
