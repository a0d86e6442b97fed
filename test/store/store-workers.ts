import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { transformWithOxc } from 'vite';

/*
 * Concurrency across threads must use connections and clients of their own, so the
 * workers cannot share the test's store object. Vitest compiles TypeScript for test
 * files only, and worker threads load plain JavaScript. Rather than importing dist/
 * (stale whenever the source changed without a build, and missing when someone
 * else's file breaks the build), each test file transpiles src/store/ itself with
 * vite (a type-stripping transform, no type check) into a private folder under
 * node_modules/.cache, where bare imports (better-sqlite3, @google-cloud/firestore)
 * resolve from the project. store-worker.mjs imports the adapters from there.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const storeSource = path.join(root, 'src', 'store');

/** How a worker opens its own connection or client to the data under test. */
export type WorkerStoreOptions =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'firestore'; readonly projectId: string; readonly emulatorHost: string };

export type WorkerTask =
  /** Increments `{count}` of the document `times` times, all at once, each in a transaction. */
  | { readonly kind: 'increment'; readonly path: string; readonly times: number }
  /** Creates the document `times` times at once, tagging each attempt with `by`. */
  | { readonly kind: 'create'; readonly path: string; readonly times: number; readonly by: string };

export interface WorkerOutcome {
  /** Operations that succeeded. */
  readonly ok: number;
  /** Creates refused with AlreadyExistsError. */
  readonly alreadyExists: number;
  /** Transactions that gave up with TransactionConflictError and were run again by the caller. */
  readonly conflicts: number;
}

export interface CompiledStore {
  /** Folder holding document-store.js, sqlite/ and firestore/ as JavaScript. */
  readonly dir: string;
  dispose(): Promise<void>;
}

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Transpiles src/store/ to JavaScript for worker threads. */
export async function compileStoreForWorkers(): Promise<CompiledStore> {
  const dir = path.join(root, 'node_modules', '.cache', 'hearth-store-workers', randomUUID());
  for (const file of await sourceFiles(storeSource)) {
    const { code } = await transformWithOxc(await readFile(file, 'utf8'), file, { lang: 'ts' });
    const out = path.join(dir, path.relative(storeSource, file)).replace(/\.ts$/, '.js');
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, code);
  }
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Starts one worker thread per task, each opening its own store; once all are ready
 * they start together, so their operations really overlap. Resolves with each
 * worker's outcome, in task order.
 */
export async function runInWorkers(
  compiled: CompiledStore,
  store: WorkerStoreOptions,
  tasks: readonly WorkerTask[],
): Promise<WorkerOutcome[]> {
  const workers = tasks.map(
    (task) =>
      new Worker(new URL('./store-worker.mjs', import.meta.url), {
        workerData: { storeDir: compiled.dir, store, task },
      }),
  );
  try {
    const message = (worker: Worker, type: string) =>
      new Promise<unknown>((resolve, reject) => {
        const onMessage = (m: { type: string; value?: unknown; error?: string }) => {
          if (m.type === 'error') reject(new Error(`store worker failed: ${m.error}`));
          else if (m.type === type) resolve(m.value);
          else return;
          worker.off('message', onMessage);
        };
        worker.on('message', onMessage);
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`store worker exited (${code}) before "${type}"`)));
      });
    const done = workers.map((w) => message(w, 'done'));
    // Fail fast: a worker that fails before the start should not leave the others waiting.
    const ready = Promise.all(workers.map((w) => message(w, 'ready')));
    // Whatever is not awaited below after a failure must not surface as an unhandled rejection.
    for (const p of [ready, ...done]) p.catch(() => {});
    await Promise.race([ready, ...done]);
    await ready;
    for (const w of workers) w.postMessage('go');
    return (await Promise.all(done)) as WorkerOutcome[];
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
