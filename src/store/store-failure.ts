/**
 * What a store failure means for the caller, whichever adapter threw it: only
 * `store/` knows what Firestore (gRPC) and SQLite errors look like.
 */
import { AlreadyExistsError, StoreError, TransactionConflictError } from './document-store.js';

/** Why a store cannot be used for now, as a stable code (`/readyz` and the logs show it). */
export type StoreUnavailableCode =
  /** Another process holds the SQLite file's write lock longer than the store waits. */
  | 'store_locked'
  /** No Google credentials were found (Application Default Credentials). */
  | 'store_credentials_missing'
  /** Credentials were found but could not be loaded (a bad key file, the metadata server failing). */
  | 'store_credentials_invalid';

/** The store cannot serve this request now; the same request may succeed later. */
export class StoreUnavailableError extends StoreError {
  override readonly name = 'StoreUnavailableError';
  constructor(
    readonly code: StoreUnavailableCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The stable code of a store failure, found on the error or its causes (at most a few levels). */
export function storeUnavailableCode(error: unknown): StoreUnavailableCode | undefined {
  let current = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    if (current instanceof StoreUnavailableError) return current.code;
    current = current.cause;
  }
  return undefined;
}

/**
 * `conflict`: the document already exists (retrying as is will not help);
 * `unavailable`: try again later — an outage, or contention that outlasted the
 * store's own retries (a retry of an idempotent request is exactly right then).
 */
export type StoreFailure = 'conflict' | 'unavailable';

// gRPC status codes the Firestore client reports on `error.code`.
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_RESOURCE_EXHAUSTED = 8;
const GRPC_UNAVAILABLE = 14;
const GRPC_PASSING = new Set([GRPC_DEADLINE_EXCEEDED, GRPC_RESOURCE_EXHAUSTED, GRPC_UNAVAILABLE]);

/** The Firestore client once terminated (the store was closed under a request). */
const FIRESTORE_TERMINATED = /client has already been terminated/i;

/** SQLite's "another connection holds the lock" codes, with their extended forms (SQLITE_BUSY_SNAPSHOT, ...). */
const SQLITE_CONTENDED = /^SQLITE_(BUSY|LOCKED)(_|$)/;

/** better-sqlite3's TypeError once the connection is closed (the store was shut down under a request). */
const SQLITE_CLOSED = /database connection is not open/i;

/** Whether a store error is a conflict, a passing unavailability, or neither (a bug: undefined). */
export function classifyStoreFailure(error: unknown): StoreFailure | undefined {
  if (error instanceof AlreadyExistsError) return 'conflict';
  if (error instanceof TransactionConflictError) return 'unavailable';
  if (error instanceof StoreUnavailableError) return 'unavailable';
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'number' && GRPC_PASSING.has(code)) return 'unavailable';
  if (typeof message === 'string' && FIRESTORE_TERMINATED.test(message)) return 'unavailable';
  if (typeof code === 'string' && SQLITE_CONTENDED.test(code)) return 'unavailable';
  if (error instanceof TypeError && typeof message === 'string' && SQLITE_CLOSED.test(message)) {
    return 'unavailable';
  }
  return undefined;
}
