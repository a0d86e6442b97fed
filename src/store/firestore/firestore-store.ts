// A getter on module.exports, which Node's named exports of a CommonJS module do not see.
import firestoreModule, {
  type DocumentReference,
  type DocumentSnapshot,
  FieldPath,
  FieldValue,
  Firestore,
  type Query as FirestoreQuery,
  type Transaction as FirestoreTransaction,
  type WriteBatch as FirestoreWriteBatch,
  Timestamp,
} from '@google-cloud/firestore';
import {
  AlreadyExistsError,
  checkGroupQuery,
  collectionPathSegments,
  type DocData,
  type DocSnapshot,
  type DocumentStore,
  documentPathSegments,
  EXPIRE_AT_FIELD,
  type GroupQuery,
  isCanonicalInstant,
  type JsonValue,
  type Query,
  StoreError,
  type Transaction,
  TransactionConflictError,
  type WriteBatch,
} from '../document-store.js';
import { DocumentQueue } from './document-queue.js';
import { type CredentialsCheck, checkCredentials } from './firestore-credentials.js';

export interface FirestoreStoreOptions {
  /** Always explicit: never guessed from the environment or the metadata server. */
  readonly projectId: string;
  /** Named database; `(default)` when omitted. */
  readonly databaseId?: string;
  /**
   * `host:port` of the emulator. `FIRESTORE_EMULATOR_HOST` in the environment does the same
   * (and the client library lets it win over this option).
   */
  readonly emulatorHost?: string;
  /** How long `ping()` waits before reporting the store unreachable. */
  readonly pingTimeoutMs?: number;
  /**
   * The deadline of one read call (gRPC BatchGetDocuments; queries get 6 times as much). The
   * client's own, 300 s per attempt with its retries on top, would keep a read of a backend
   * that stopped answering pending for many minutes after the turn that made it answered.
   */
  readonly callTimeoutMs?: number;
}

/** The default `callTimeoutMs`: far above a healthy read, far below the client's own 300 s. */
export const FIRESTORE_CALL_TIMEOUT_MS = 5000;
/** Queries (the event purge's pages) may take longer than a document read. */
const QUERY_TIMEOUT_FACTOR = 6;

const MAX_ATTEMPTS = 5;
const CLOSE_GRACE_MS = 15_000;
const GRPC_ALREADY_EXISTS = 6;
const GRPC_ABORTED = 10;

function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
}

function isAlreadyExists(error: unknown): boolean {
  // Over REST the client reports HTTP 409 for both ALREADY_EXISTS and ABORTED; the message tells.
  return errorCode(error) === GRPC_ALREADY_EXISTS || /ALREADY_EXISTS/.test(String((error as Error)?.message));
}

/**
 * Which document already existed: Firestore names it in the message
 * (`.../documents/a/b`, or `path=/a/b` from the emulator); else the first create of the commit.
 */
function alreadyExists(error: unknown, creates: readonly string[]): AlreadyExistsError {
  const message = String((error as Error)?.message);
  const named = /\/documents\/(\S+)/.exec(message)?.[1] ?? /path=\/([^,}\s]+)/.exec(message)?.[1];
  const path = named && creates.includes(named) ? named : (creates[0] ?? named ?? 'unknown');
  const mapped = new AlreadyExistsError(path);
  mapped.cause = error;
  return mapped;
}

function toSnapshot(snap: DocumentSnapshot): DocSnapshot {
  // Only JSON goes in (see document-store.ts), so only JSON comes out, but for the expiry.
  const data = snap.exists ? fromFirestoreData(snap.data() as Record<string, unknown>) : undefined;
  return { path: snap.ref.path, id: snap.id, exists: snap.exists, data };
}

/** The expiry as a Firestore Timestamp, the type a TTL policy acts on (document-store.ts). */
function expiryTimestamp(value: unknown, where: string): Timestamp {
  if (!isCanonicalInstant(value)) {
    throw new StoreError(`${where}.${EXPIRE_AT_FIELD}: must be an instant as Date.toISOString() writes it`);
  }
  return Timestamp.fromMillis(Date.parse(value));
}

/** `data` as written to Firestore: a top-level `expireAt` becomes a Timestamp. */
function toFirestoreData(path: string, data: DocData): Record<string, unknown> {
  if (data === null || typeof data !== 'object' || !Object.hasOwn(data, EXPIRE_AT_FIELD)) return data;
  return { ...data, [EXPIRE_AT_FIELD]: expiryTimestamp(data[EXPIRE_AT_FIELD], path) };
}

/** A stored document as the port shows it: a Timestamp `expireAt` reads back as its ISO string. */
function fromFirestoreData(data: Record<string, unknown>): DocData {
  const expireAt = data[EXPIRE_AT_FIELD];
  if (!(expireAt instanceof Timestamp)) return data as DocData;
  return { ...(data as DocData), [EXPIRE_AT_FIELD]: expireAt.toDate().toISOString() };
}

/** A filter value on the expiry compares with Timestamps, as the field is stored. */
function whereValue(field: string, value: JsonValue): unknown {
  if (field !== EXPIRE_AT_FIELD) return value;
  if (typeof value === 'string') return expiryTimestamp(value, 'query');
  return Array.isArray(value)
    ? value.map((v) => (typeof v === 'string' ? expiryTimestamp(v, 'query') : v))
    : value;
}

/** The four writes, on a Firestore batch or transaction (their overloads do not unify). */
interface WriteSink {
  create(ref: DocumentReference, data: Record<string, unknown>): void;
  set(ref: DocumentReference, data: Record<string, unknown>): void;
  merge(ref: DocumentReference, data: Record<string, unknown>): void;
  addToArray(ref: DocumentReference, field: string, values: readonly JsonValue[]): void;
  increment(ref: DocumentReference, field: string, key: string, by: number): void;
  delete(ref: DocumentReference): void;
}

/** The field set to Firestore's arrayUnion of `values`, for a merging set. */
const arrayUnionOf = (field: string, values: readonly JsonValue[]) => ({
  [field]: FieldValue.arrayUnion(...values),
});

const incrementOf = (field: string, key: string, by: number) => ({
  [field]: { [key]: FieldValue.increment(by) },
});

function batchSink(batch: FirestoreWriteBatch): WriteSink {
  return {
    create: (ref, data) => batch.create(ref, data),
    set: (ref, data) => batch.set(ref, data),
    merge: (ref, data) => batch.set(ref, data, { merge: true }),
    addToArray: (ref, field, values) => batch.set(ref, arrayUnionOf(field, values), { merge: true }),
    increment: (ref, field, key, by) => batch.set(ref, incrementOf(field, key, by), { merge: true }),
    delete: (ref) => batch.delete(ref),
  };
}

function transactionSink(tx: FirestoreTransaction): WriteSink {
  return {
    create: (ref, data) => tx.create(ref, data),
    set: (ref, data) => tx.set(ref, data),
    merge: (ref, data) => tx.set(ref, data, { merge: true }),
    addToArray: (ref, field, values) => tx.set(ref, arrayUnionOf(field, values), { merge: true }),
    increment: (ref, field, key, by) => tx.set(ref, incrementOf(field, key, by), { merge: true }),
    delete: (ref) => tx.delete(ref),
  };
}

/** Forwards the port's writes to a Firestore batch or transaction, remembering creates. */
abstract class WriterAdapter {
  readonly creates: string[] = [];
  readonly #db: Firestore;
  readonly #sink: WriteSink;

  constructor(db: Firestore, sink: WriteSink) {
    this.#db = db;
    this.#sink = sink;
  }

  protected ref(path: string): DocumentReference {
    documentPathSegments(path);
    return this.#db.doc(path);
  }

  create(path: string, data: DocData): this {
    this.#sink.create(this.ref(path), toFirestoreData(path, data));
    this.creates.push(path);
    return this;
  }

  set(path: string, data: DocData): this {
    this.#sink.set(this.ref(path), toFirestoreData(path, data));
    return this;
  }

  merge(path: string, data: DocData): this {
    this.#sink.merge(this.ref(path), toFirestoreData(path, data));
    return this;
  }

  addToArray(path: string, field: string, values: readonly JsonValue[]): this {
    this.#sink.addToArray(this.ref(path), field, values);
    return this;
  }

  increment(path: string, field: string, key: string, by: number): this {
    if (!Number.isFinite(by)) throw new StoreError(`increment of ${path} by a value that is not a number`);
    this.#sink.increment(this.ref(path), field, key, by);
    return this;
  }

  delete(path: string): this {
    this.#sink.delete(this.ref(path));
    return this;
  }
}

/** Starts an operation once the client may call (credentials found), and tracks it until it settles. */
type Track = <T>(start: () => Promise<T>) => Promise<T>;

class FirestoreWriteBatchAdapter extends WriterAdapter implements WriteBatch {
  readonly #batch: FirestoreWriteBatch;
  readonly #track: Track;

  constructor(db: Firestore, track: Track) {
    const batch = db.batch();
    super(db, batchSink(batch));
    this.#batch = batch;
    this.#track = track;
  }

  async commit(): Promise<void> {
    try {
      await this.#track(() => this.#batch.commit());
    } catch (error) {
      throw isAlreadyExists(error) ? alreadyExists(error, this.creates) : error;
    }
  }
}

/**
 * One transaction's turn in the process-wide DocumentQueue: taken on its first read (for
 * the documents of that read), held through the commit, given back when the attempt ends.
 */
class AttemptTurn {
  readonly #queue: DocumentQueue;
  #held: Promise<() => void> | undefined;

  constructor(queue: DocumentQueue) {
    this.#queue = queue;
  }

  /** Resolves once this attempt may read; only the first read of an attempt waits in line. */
  beforeRead(paths: readonly string[]): Promise<unknown> {
    this.#held ??= this.#queue.acquire(paths);
    return this.#held;
  }

  end(): void {
    void this.#held?.then((release) => release());
    this.#held = undefined;
  }
}

class FirestoreTransactionAdapter extends WriterAdapter implements Transaction {
  readonly #tx: FirestoreTransaction;
  readonly #turn: AttemptTurn;

  constructor(db: Firestore, tx: FirestoreTransaction, turn: AttemptTurn) {
    super(db, transactionSink(tx));
    this.#tx = tx;
    this.#turn = turn;
  }

  async get(path: string): Promise<DocSnapshot> {
    const ref = this.ref(path);
    await this.#turn.beforeRead([path]);
    return toSnapshot(await this.#tx.get(ref));
  }

  async getAll(paths: readonly string[]): Promise<DocSnapshot[]> {
    const refs = paths.map((p) => this.ref(p));
    const [first, ...rest] = refs;
    if (!first) return [];
    await this.#turn.beforeRead(paths);
    return (await this.#tx.getAll(first, ...rest)).map(toSnapshot);
  }
}

class FirestoreDocumentStore implements DocumentStore {
  readonly kind = 'firestore' as const;
  readonly #db: Firestore;
  readonly #pingTimeoutMs: number;
  readonly #queue = new DocumentQueue();
  readonly #inflight = new Set<Promise<unknown>>();
  /** Absent on the emulator, which takes no credentials. */
  readonly #credentials: CredentialsCheck | undefined;
  readonly #track: Track = (start) => {
    const credentials = this.#credentials;
    const operation =
      credentials === undefined || credentials.found ? start() : credentials.ensure().then(start);
    this.#inflight.add(operation);
    const forget = () => this.#inflight.delete(operation);
    operation.then(forget, forget);
    return operation;
  };

  constructor(db: Firestore, pingTimeoutMs: number, credentials: CredentialsCheck | undefined) {
    this.#db = db;
    this.#pingTimeoutMs = pingTimeoutMs;
    this.#credentials = credentials;
  }

  #ref(path: string): DocumentReference {
    documentPathSegments(path);
    return this.#db.doc(path);
  }

  async get(path: string): Promise<DocSnapshot> {
    return toSnapshot(await this.#track(() => this.#ref(path).get()));
  }

  async getAll(paths: readonly string[]): Promise<DocSnapshot[]> {
    const refs = paths.map((p) => this.#ref(p));
    const [first, ...rest] = refs;
    if (!first) return [];
    // One BatchGetDocuments call; the client puts results back in the order asked.
    return (await this.#track(() => this.#db.getAll(first, ...rest))).map(toSnapshot);
  }

  async create(path: string, data: DocData): Promise<void> {
    try {
      await this.#track(() => this.#ref(path).create(toFirestoreData(path, data)));
    } catch (error) {
      throw isAlreadyExists(error) ? alreadyExists(error, [path]) : error;
    }
  }

  async set(path: string, data: DocData): Promise<void> {
    await this.#track(() => this.#ref(path).set(toFirestoreData(path, data)));
  }

  async merge(path: string, data: DocData): Promise<void> {
    await this.#track(() => this.#ref(path).set(toFirestoreData(path, data), { merge: true }));
  }

  async delete(path: string): Promise<void> {
    await this.#track(() => this.#ref(path).delete());
  }

  async query(query: Query): Promise<DocSnapshot[]> {
    collectionPathSegments(query.collection);
    let q: FirestoreQuery = this.#db.collection(query.collection);
    for (const w of query.where ?? []) q = q.where(w.field, w.op, whereValue(w.field, w.value));
    for (const o of query.orderBy ?? []) q = q.orderBy(o.field, o.direction ?? 'asc');
    if (query.limit !== undefined) q = q.limit(query.limit);
    return (await this.#track(() => q.get())).docs.map(toSnapshot);
  }

  async queryGroup(query: GroupQuery): Promise<DocSnapshot[]> {
    checkGroupQuery(query);
    let q: FirestoreQuery = this.#db.collectionGroup(query.collectionId);
    for (const w of query.where ?? []) q = q.where(w.field, w.op, whereValue(w.field, w.value));
    for (const o of query.orderBy ?? []) q = q.orderBy(o.field, o.direction ?? 'asc');
    if (query.startAfter !== undefined) {
      // In path order (checkGroupQuery): the cursor is the document's full name.
      q = q.orderBy(FieldPath.documentId()).startAfter(this.#ref(query.startAfter));
    }
    if (query.limit !== undefined) q = q.limit(query.limit);
    return (await this.#track(() => q.get())).docs.map(toSnapshot);
  }

  batch(): WriteBatch {
    return new FirestoreWriteBatchAdapter(this.#db, this.#track);
  }

  async runTransaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
    let creates: readonly string[] = [];
    const turn = new AttemptTurn(this.#queue);
    try {
      // The client retries ABORTED attempts itself (with backoff, and keeping the lock
      // priority of the first attempt), up to maxAttempts, calling this function again
      // for each attempt: that is where the previous attempt's turn ends.
      return await this.#track(() =>
        this.#db.runTransaction(
          (tx) => {
            turn.end();
            const adapter = new FirestoreTransactionAdapter(this.#db, tx, turn);
            creates = adapter.creates;
            return fn(adapter);
          },
          { maxAttempts: MAX_ATTEMPTS },
        ),
      );
    } catch (error) {
      if (isAlreadyExists(error)) throw alreadyExists(error, creates);
      if (errorCode(error) === GRPC_ABORTED) {
        const conflict = new TransactionConflictError(
          `transaction gave up after ${MAX_ATTEMPTS} attempts: ${(error as Error).message}`,
        );
        conflict.cause = error;
        throw conflict;
      }
      throw error;
    } finally {
      turn.end();
    }
  }

  async recursiveDelete(path: string): Promise<void> {
    await this.#track(() => this.#db.recursiveDelete(this.#ref(path)));
  }

  async ping(): Promise<void> {
    // A cheap read with a deadline: the client retries an unreachable backend for a long
    // time, and /readyz must answer quickly.
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new StoreError(`firestore did not answer within ${this.#pingTimeoutMs} ms`)),
        this.#pingTimeoutMs,
      );
    });
    try {
      // A unary call (listing the subcollections of a document that does not exist): the
      // streaming reads (get, query) leave an unhandled rejection behind when the client
      // is terminated while they retry. After the deadline nobody awaits the read: it is
      // tracked so that close() waits for it.
      const read = this.#track(() => this.#db.doc('_health/ping').listCollections());
      read.catch(() => {});
      await Promise.race([read, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    // The client keeps retrying a request against an unreachable backend for seconds, and
    // a retry that finds the client terminated rejects a promise nobody holds (an
    // unhandled rejection): let what is in flight settle first, for a bounded time.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled(this.#inflight),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, CLOSE_GRACE_MS);
      }),
    ]);
    clearTimeout(timer);
    await this.#db.terminate();
  }
}

/**
 * Deadlines per call. ping() is the only caller of ListCollectionIds: that call gets the
 * ping's deadline and no retries, so that an unanswered ping is over (and close() need not
 * wait) in time. Reads get `callTimeoutMs` per attempt; the client still tries a read that
 * ran out of time again, so a read of a frozen backend settles after about 2 minutes with
 * 5 s (measured against the frozen proxy of test/support/store-faults.ts) rather than after
 * 300 s per attempt. Commits and transactions keep the client's 60 s per attempt: it passes
 * its own retry settings for those calls, which win over this configuration.
 */
function clientConfig(pingTimeoutMs: number, callTimeoutMs: number) {
  return {
    interfaces: {
      'google.firestore.v1.Firestore': {
        methods: {
          ListCollectionIds: { timeout_millis: pingTimeoutMs, retry_codes_name: 'non_idempotent' },
          BatchGetDocuments: { timeout_millis: callTimeoutMs },
          RunQuery: { timeout_millis: callTimeoutMs * QUERY_TIMEOUT_FACTOR },
        },
      },
    },
  };
}

/** Opens the document store on Firestore (or its emulator) through `@google-cloud/firestore`. */
export function openFirestoreStore({
  projectId,
  databaseId,
  emulatorHost,
  pingTimeoutMs = 2000,
  callTimeoutMs = FIRESTORE_CALL_TIMEOUT_MS,
}: FirestoreStoreOptions): DocumentStore {
  if (!projectId) throw new StoreError('openFirestoreStore: projectId is required');
  // The emulator takes no credentials (the client lets FIRESTORE_EMULATOR_HOST win over the
  // option). Elsewhere one GoogleAuth, the one every client of the pool then uses, is asked
  // for credentials before any call (see firestore-credentials.ts).
  const onEmulator = Boolean(process.env.FIRESTORE_EMULATOR_HOST || emulatorHost);
  const auth = onEmulator ? undefined : new firestoreModule.v1.FirestoreClient({ projectId }).auth;
  const db = new Firestore({
    projectId,
    ...(databaseId ? { databaseId } : {}),
    ...(auth ? { auth } : {}),
    clientConfig: clientConfig(pingTimeoutMs, callTimeoutMs),
    // Without TLS the client sends `Authorization: Bearer owner`, which the emulator takes as admin.
    ...(emulatorHost ? { host: emulatorHost, ssl: false } : {}),
  });
  return new FirestoreDocumentStore(db, pingTimeoutMs, auth ? checkCredentials(auth) : undefined);
}
