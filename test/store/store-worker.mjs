// A worker thread of the store concurrency tests (see store-workers.ts): opens its own
// connection or client to the store under test, waits for "go", runs its task with all
// operations at once, reports counts and closes. Plain JavaScript: worker threads get
// no TypeScript transform.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

/** How many times a caller runs a transaction again after it gave up on contention. */
const CALLER_TRIES = 10;

const { storeDir, store: options, task } = workerData;
const load = (file) => import(pathToFileURL(path.join(storeDir, file)).href);

async function openOwnStore() {
  if (options.kind === 'sqlite') {
    const { openSqliteStore } = await load('sqlite/sqlite-store.js');
    return openSqliteStore({ file: options.file });
  }
  const { openFirestoreStore } = await load('firestore/firestore-store.js');
  // The first call of a new client in a new thread loads and connects gRPC: on a loaded
  // machine that takes longer than the service's 2 s readiness deadline, which is not
  // what these tests are about.
  return openFirestoreStore({
    projectId: options.projectId,
    emulatorHost: options.emulatorHost,
    pingTimeoutMs: 30_000,
  });
}

async function main() {
  const { AlreadyExistsError, TransactionConflictError } = await load('document-store.js');
  const store = await openOwnStore();
  await store.ping();
  const counts = { ok: 0, alreadyExists: 0, conflicts: 0 };

  async function incrementOnce() {
    for (let tries = 1; ; tries++) {
      try {
        await store.runTransaction(async (tx) => {
          const snap = await tx.get(task.path);
          tx.set(task.path, { count: (snap.data?.count ?? 0) + 1 });
        });
        counts.ok++;
        return;
      } catch (error) {
        if (!(error instanceof TransactionConflictError) || tries >= CALLER_TRIES) throw error;
        counts.conflicts++;
      }
    }
  }

  async function createOnce(attempt) {
    try {
      await store.create(task.path, { by: task.by, attempt });
      counts.ok++;
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
      counts.alreadyExists++;
    }
  }

  await new Promise((resolve) => {
    parentPort.once('message', resolve);
    parentPort.postMessage({ type: 'ready' });
  });
  const run = task.kind === 'increment' ? () => incrementOnce() : (i) => createOnce(i);
  try {
    await Promise.all(Array.from({ length: task.times }, (_, i) => run(i)));
  } finally {
    await store.close();
  }
  parentPort.postMessage({ type: 'done', value: counts });
}

main().catch((error) => {
  parentPort.postMessage({ type: 'error', error: error?.stack ?? String(error) });
});
