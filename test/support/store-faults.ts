import { fork } from 'node:child_process';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import type { DocumentStore } from '../../src/store/document-store.js';

const never = new Promise<never>(() => undefined);

/** The same store, with the methods `replace` returns a function for swapped out (outages, failures). */
export function storeWith(
  store: DocumentStore,
  replace: (method: string) => ((...args: unknown[]) => unknown) | undefined,
): DocumentStore {
  return new Proxy(store, {
    get(target, prop) {
      const replaced = typeof prop === 'string' ? replace(prop) : undefined;
      if (replaced) return replaced;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The same store, but the given reads hang while `hanging()` says so: an outage after start. */
export function hangingReads(
  store: DocumentStore,
  hanging: () => boolean,
  methods: readonly string[] = ['get', 'getAll'],
): DocumentStore {
  return storeWith(store, (method) => (methods.includes(method) && hanging() ? () => never : undefined));
}

/** A pino logger that keeps its JSON lines for assertions. */
export function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

/** Another process holding a SQLite file's write lock, until `release()`. */
export interface HeldSqliteLock {
  /** Lets go of the lock and waits for the process to exit. */
  release(): Promise<void>;
}

/**
 * Starts a process that opens `file` and holds its write lock (BEGIN IMMEDIATE), as
 * `hearth seed` or a second service would while it writes; resolves once the lock is held.
 */
export async function holdSqliteWriteLock(file: string): Promise<HeldSqliteLock> {
  const child = fork(fileURLToPath(new URL('./sqlite-lock-holder.mjs', import.meta.url)), [file], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.once('message', (message) =>
      message === 'locked' ? resolve() : reject(new Error(String(message))),
    );
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`the lock holder exited (${code}) before locking ${file}`)),
    );
  });
  return {
    async release() {
      if (child.exitCode === null && child.connected) child.send('release');
      await exited;
    },
  };
}
