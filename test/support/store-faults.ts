import { fork } from 'node:child_process';
import { connect, createServer, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import type { DocumentStore } from '../../src/store/document-store.js';
import { sqliteDriverName } from '../../src/store/sqlite/sqlite-driver.js';

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
  const child = fork(
    fileURLToPath(new URL('./sqlite-lock-holder.mjs', import.meta.url)),
    [file, sqliteDriverName()],
    {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
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

/** A TCP proxy in front of a server (the Firestore emulator), that a test can freeze and resume. */
export interface FreezableProxy {
  /** `host:port` to connect to instead of the server. */
  readonly host: string;
  /** From now on nothing passes either way (bytes are held, new connections wait): a frozen server. */
  freeze(): void;
  /** Lets everything held through, in order, and passes traffic again. */
  resume(): void;
  close(): Promise<void>;
}

/**
 * Starts a proxy to `target` (`host:port`) on a free local port. Frozen, it behaves as a
 * SIGSTOPped server does: connections are accepted and data is taken, but nothing is
 * answered, until it resumes; then what was held goes through. Other tests' use of the
 * server is untouched.
 */
export async function startFreezableProxy(target: string): Promise<FreezableProxy> {
  const [targetHost, targetPort] = [
    target.slice(0, target.lastIndexOf(':')),
    Number(target.slice(target.lastIndexOf(':') + 1)),
  ];
  let frozen = false;
  const held: (() => void)[] = [];
  const sockets = new Set<Socket>();
  /** Runs now, or once resumed, keeping the order of everything held. */
  const pass = (step: () => void) => (frozen ? held.push(step) : step());

  const server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    let upstream: Socket | undefined;
    const toUpstream: Buffer[] = [];
    client.on('data', (chunk: Buffer) =>
      pass(() => (upstream ? upstream.write(chunk) : toUpstream.push(chunk))),
    );
    client.on('end', () => pass(() => upstream?.end()));
    pass(() => {
      const socket = connect(targetPort, targetHost);
      upstream = socket;
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => client.destroy());
      socket.on('connect', () => {
        for (const chunk of toUpstream.splice(0)) socket.write(chunk);
      });
      socket.on('data', (chunk: Buffer) => pass(() => client.write(chunk)));
      socket.on('end', () => pass(() => client.end()));
      client.on('close', () => socket.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    host: `127.0.0.1:${port}`,
    freeze: () => {
      frozen = true;
    },
    resume: () => {
      frozen = false;
      for (const step of held.splice(0)) step();
    },
    close: async () => {
      frozen = false;
      held.length = 0;
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The same store, counting the operations it has started that have not settled yet. */
export function countingPending(store: DocumentStore): { store: DocumentStore; pending: () => number } {
  let pending = 0;
  const track = <T>(operation: Promise<T>): Promise<T> => {
    pending += 1;
    const done = () => {
      pending -= 1;
    };
    operation.then(done, done);
    return operation;
  };
  const counted = storeWith(store, (method) => {
    if (method === 'batch') {
      return () => {
        const batch = store.batch();
        const commit = batch.commit.bind(batch);
        batch.commit = () => track(commit());
        return batch;
      };
    }
    if (
      [
        'get',
        'getAll',
        'query',
        'create',
        'set',
        'merge',
        'delete',
        'runTransaction',
        'recursiveDelete',
      ].includes(method)
    ) {
      const original = (store as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[method];
      return (...args: unknown[]) =>
        track((original as (...a: unknown[]) => Promise<unknown>).apply(store, args));
    }
    return undefined;
  });
  return { store: counted, pending: () => pending };
}
