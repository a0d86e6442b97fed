/**
 * The DocumentStore port: the small part of Firestore the domain needs.
 * Documents live at slash-separated paths (`households/h1/devices/d1`): an odd
 * number of segments names a collection, an even number a document. Values are
 * JSON (strings, finite numbers, booleans, null, arrays, plain objects); instants
 * are ISO-8601 strings so that both adapters store and compare them alike.
 *
 * One exception by name: a top-level `expireAt` (EXPIRE_AT_FIELD) must be an instant in
 * `Date.toISOString()` form; Firestore stores it as a Timestamp (the type a TTL policy acts
 * on) and converts queries on it, and every adapter reads it back as the same string.
 */

/** The field an expiring document carries its expiry in; a TTL policy may delete on it. */
export const EXPIRE_AT_FIELD = 'expireAt';

/** Whether `value` is an instant as `Date.toISOString()` writes it (`2026-11-20T09:00:00.000Z`). */
export function isCanonicalInstant(value: unknown): value is string {
  if (typeof value !== 'string' || value.length !== 24) return false;
  const ms = Date.parse(value);
  return Number.isFinite(ms) && new Date(ms).toISOString() === value;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type DocData = { [key: string]: JsonValue };

export interface DocSnapshot<T extends DocData = DocData> {
  /** Full document path, e.g. `households/h1/context/inventory`. */
  readonly path: string;
  /** Last path segment. */
  readonly id: string;
  readonly exists: boolean;
  /** The document's data, `undefined` when it does not exist. */
  readonly data: T | undefined;
}

export type WhereOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in';

export interface WhereClause {
  /** Top-level or dotted field path (`state.temperature`). */
  readonly field: string;
  readonly op: WhereOp;
  /**
   * A string, finite number, boolean or null (for `in`: an array of 1 to 30 of them).
   * Comparisons only match values of the same type, as in Firestore: `== 1` never
   * matches `true` or `'1'`, and `<`/`>` only see numbers when given a number.
   */
  readonly value: JsonValue;
}

export interface OrderClause {
  readonly field: string;
  readonly direction?: 'asc' | 'desc';
}

export interface Query {
  /** Collection path, e.g. `households/h1/events`. Only direct children are matched. */
  readonly collection: string;
  readonly where?: readonly WhereClause[];
  readonly orderBy?: readonly OrderClause[];
  readonly limit?: number;
}

/**
 * A query across every collection of one name, wherever it is nested (Firestore's
 * `collectionGroup`): `{ collectionId: 'offerLog' }` reads `households/{any}/offerLog/*`.
 * Results are ordered as `Query` results are, with the full document path (Firestore's
 * `__name__`, compared segment by segment) instead of the id as the last tie-break; without
 * `orderBy` and range filters, they are in path order, which `startAfter` pages through.
 * On Firestore every field filtered or ordered on needs an index of scope COLLECTION_GROUP
 * (`firestore.indexes.json`).
 */
export interface GroupQuery {
  /** The collections' name (the last segment of their paths), e.g. `offerLog`. */
  readonly collectionId: string;
  readonly where?: readonly WhereClause[];
  readonly orderBy?: readonly OrderClause[];
  readonly limit?: number;
  /**
   * The full path of the last document of the previous page: results start after it. Only
   * for queries in path order (no `orderBy`, no `!=` or range filter): `StoreError` otherwise.
   */
  readonly startAfter?: string;
}

/** Checks what both adapters refuse alike in a group query; throws `StoreError` or `InvalidPathError`. */
export function checkGroupQuery(query: GroupQuery): void {
  if (query.collectionId.includes('/') || isRefusedSegment(query.collectionId)) {
    throw new InvalidPathError(`not a collection id: ${query.collectionId}`);
  }
  if (query.startAfter === undefined) return;
  documentPathSegments(query.startAfter);
  const ordered =
    (query.orderBy?.length ?? 0) > 0 || (query.where ?? []).some((w) => w.op !== '==' && w.op !== 'in');
  if (ordered) {
    throw new StoreError('startAfter pages through queries in path order only (no orderBy, no range filter)');
  }
}

/** Writes shared by batches and transactions; applied atomically on commit. */
export interface DocumentWriter {
  /** Creates the document; the commit fails with `AlreadyExistsError` if it exists. */
  create(path: string, data: DocData): this;
  /** Replaces the document (creating it if needed). */
  set(path: string, data: DocData): this;
  /**
   * Merges `data` into the document, creating it if needed: nested plain objects
   * merge key by key (Firestore's `set(..., { merge: true })`); arrays and other
   * values replace what was there.
   */
  merge(path: string, data: DocData): this;
  /**
   * Adds each of `values` that the top-level array `field` does not hold yet (equal as JSON),
   * without reading the document first: Firestore's `arrayUnion`. Creates the document or the
   * field when missing; a field that is not an array becomes an array of `values`.
   */
  addToArray(path: string, field: string, values: readonly JsonValue[]): this;
  /**
   * Adds `by` to the number at `key` of the map `field`, without reading the document first:
   * Firestore's `increment` (concurrent increments lose nothing). Creates the document, the
   * map or the key when missing; a value that is not a number counts as 0.
   */
  increment(path: string, field: string, key: string, by: number): this;
  /** Deletes the document (no error if it is missing). Subcollections are kept. */
  delete(path: string): this;
}

export interface WriteBatch extends DocumentWriter {
  /** Applies every write atomically; at most 500 writes per batch. */
  commit(): Promise<void>;
}

export interface Transaction extends DocumentWriter {
  get(path: string): Promise<DocSnapshot>;
  getAll(paths: readonly string[]): Promise<DocSnapshot[]>;
}

export interface DocumentStore {
  readonly kind: 'sqlite' | 'firestore';
  get(path: string): Promise<DocSnapshot>;
  /** One round trip; results in the order asked. */
  getAll(paths: readonly string[]): Promise<DocSnapshot[]>;
  /** Fails with `AlreadyExistsError` if the document exists. */
  create(path: string, data: DocData): Promise<void>;
  set(path: string, data: DocData): Promise<void>;
  merge(path: string, data: DocData): Promise<void>;
  delete(path: string): Promise<void>;
  query(query: Query): Promise<DocSnapshot[]>;
  /** Documents of every collection named `collectionId` (see `GroupQuery`), with their full paths. */
  queryGroup(query: GroupQuery): Promise<DocSnapshot[]>;
  batch(): WriteBatch;
  /**
   * Runs `fn` as a read-then-write transaction: every read happens before any
   * write; on a conflicting concurrent write the whole function runs again (up
   * to 5 attempts, then `TransactionConflictError`). `fn` must not have side
   * effects beyond the transaction. Many writers of one document can exhaust the
   * attempts (Firestore sustains about one write per second per contended document):
   * spread such counters over documents, or let the caller retry.
   */
  runTransaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  /** Deletes the document and every document under it, subcollections included. */
  recursiveDelete(path: string): Promise<void>;
  /** Resolves when the store answers, rejects within a few seconds when it does not; used by `/readyz`. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class StoreError extends Error {
  override readonly name: string = 'StoreError';
}

export class AlreadyExistsError extends StoreError {
  override readonly name = 'AlreadyExistsError';
  constructor(readonly path: string) {
    super(`document already exists: ${path}`);
  }
}

export class TransactionConflictError extends StoreError {
  override readonly name = 'TransactionConflictError';
}

export class InvalidPathError extends StoreError {
  override readonly name = 'InvalidPathError';
}

/**
 * A path segment the store refuses (Firestore's rule, which every adapter keeps):
 * empty, `.`, `..`, or reserved (`__name__`, any `__…__`). `ids/safe-id.ts`
 * accepts no id that is one.
 */
export function isRefusedSegment(segment: string): boolean {
  return segment.length === 0 || segment === '.' || segment === '..' || /^__.*__$/.test(segment);
}

/** Splits and checks a document path; throws `InvalidPathError` for a collection path or a bad segment. */
export function documentPathSegments(path: string): string[] {
  const segments = path.split('/');
  if (segments.length < 2 || segments.length % 2 !== 0 || segments.some(isRefusedSegment)) {
    throw new InvalidPathError(`not a document path: ${path}`);
  }
  return segments;
}

/** Checks a collection path; throws `InvalidPathError` otherwise. */
export function collectionPathSegments(path: string): string[] {
  const segments = path.split('/');
  if (segments.length % 2 !== 1 || segments.some(isRefusedSegment)) {
    throw new InvalidPathError(`not a collection path: ${path}`);
  }
  return segments;
}
