/**
 * Counts what the Firestore client does, by wrapping methods on the prototypes of
 * `@google-cloud/firestore`: every RPC it sends (its `request` and `requestStream` funnels,
 * one call per round trip to the backend) and the documents each read of the store adapter
 * brings back (`Firestore#getAll`, `DocumentReference#get`, `Query#get`, `Transaction#get`
 * and `#getAll`). Writes show up as their `commit` RPC.
 */
import { DocumentReference, Firestore, Query, Transaction } from '@google-cloud/firestore';

/** What the client did since the last reset. */
export interface FirestoreCounts {
  /** RPCs sent, by method (`batchGetDocuments`, `runQuery`, `commit`, ...). */
  readonly rpcs: Readonly<Record<string, number>>;
  /** Documents the reads returned, missing ones included (Firestore bills those too). */
  readonly documentsRead: number;
}

/** The tally of a process: read it, reset it between turns, uninstall it at the end. */
export interface FirestoreTally {
  counts(): FirestoreCounts;
  reset(): void;
  uninstall(): void;
}

/** Total round trips of some counts. */
export function roundTrips(counts: FirestoreCounts): number {
  return Object.values(counts.rpcs).reduce((sum, n) => sum + n, 0);
}

/** `later` minus `earlier`, method by method. */
export function countsSince(later: FirestoreCounts, earlier: FirestoreCounts): FirestoreCounts {
  const rpcs: Record<string, number> = {};
  for (const [method, n] of Object.entries(later.rpcs)) {
    const more = n - (earlier.rpcs[method] ?? 0);
    if (more > 0) rpcs[method] = more;
  }
  return { rpcs, documentsRead: later.documentsRead - earlier.documentsRead };
}

/** Documents in what a read resolved with: a snapshot, an array of them, or a query snapshot. */
function documentsIn(result: unknown): number {
  if (Array.isArray(result)) return result.length;
  if (typeof result === 'object' && result !== null && 'docs' in result && Array.isArray(result.docs)) {
    return result.docs.length;
  }
  return 1;
}

/** How a wrapped method runs: `call` runs the original with the same `this` and arguments. */
type Around = (call: () => unknown, args: readonly unknown[]) => unknown;

/** Replaces `proto[name]` with `around` the original; answers how to undo it. */
function wrapMethod(proto: object, name: string, around: Around): () => void {
  const methods = proto as Record<string, unknown>;
  const original = methods[name];
  if (typeof original !== 'function') {
    throw new Error(`@google-cloud/firestore: ${name} is no longer a method; the tally needs updating`);
  }
  methods[name] = function (this: unknown, ...args: unknown[]): unknown {
    return around(() => Reflect.apply(original, this, args), args);
  };
  return () => {
    methods[name] = original;
  };
}

/** Starts counting; only one tally at a time. */
export function installFirestoreTally(): FirestoreTally {
  let rpcs: Record<string, number> = {};
  let documentsRead = 0;
  // A read made inside another counted read (DocumentReference#get calls Firestore#getAll) counts once.
  let depth = 0;
  const rpc: Around = (call, args) => {
    const method = String(args[0]);
    rpcs[method] = (rpcs[method] ?? 0) + 1;
    return call();
  };
  const read: Around = (call) => {
    const outermost = depth === 0;
    depth++;
    let result: unknown;
    try {
      result = call();
    } finally {
      depth--;
    }
    // Registered before the caller's own `await`, so the count is in before the caller resumes.
    if (outermost) {
      Promise.resolve(result).then(
        (value) => {
          documentsRead += documentsIn(value);
        },
        () => {},
      );
    }
    return result;
  };
  const firestore = Firestore.prototype as object;
  const undo = [
    wrapMethod(firestore, 'request', rpc),
    wrapMethod(firestore, 'requestStream', rpc),
    wrapMethod(firestore, 'getAll', read),
    wrapMethod(DocumentReference.prototype, 'get', read),
    wrapMethod(Query.prototype, 'get', read),
    wrapMethod(Transaction.prototype, 'get', read),
    wrapMethod(Transaction.prototype, 'getAll', read),
  ];
  return {
    counts: () => ({ rpcs: { ...rpcs }, documentsRead }),
    reset: () => {
      rpcs = {};
      documentsRead = 0;
    },
    uninstall: () => {
      for (const u of undo.reverse()) u();
    },
  };
}
