import { Writable } from 'node:stream';
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
