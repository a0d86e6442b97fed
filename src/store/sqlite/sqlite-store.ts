import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import {
  AlreadyExistsError,
  type DocData,
  type DocSnapshot,
  type DocumentStore,
  documentPathSegments,
  type GroupQuery,
  type JsonValue,
  type Query,
  StoreError,
  type Transaction,
  TransactionConflictError,
  type WriteBatch,
} from '../document-store.js';
import { StoreUnavailableError } from '../store-failure.js';
import { arrayUnion, mergeDocument, serializeDocument } from './document-values.js';
import { SqliteDatabase } from './sqlite-driver.js';
import { type CompiledQuery, compileGroupQuery, compileQuery, GROUP_INDEX_SQL } from './sqlite-query.js';

export interface SqliteStoreOptions {
  /** Database file, created with its directory when missing (`:memory:` for a private store). */
  readonly file: string;
  /**
   * How long one statement waits for another connection's lock inside SQLite (busy_timeout).
   * That wait blocks the whole event loop (better-sqlite3 is synchronous), so it stays at 0:
   * the store waits for the lock itself, asynchronously (`lockWaitMs`).
   */
  readonly busyTimeoutMs?: number;
  /**
   * How long a statement is tried again, between timers, while another connection (another
   * process: `hearth seed`, a second service) holds the lock; then StoreUnavailableError
   * (`store_locked`). Within a turn's budget, so that a held lock makes a reply an apology,
   * never late.
   */
  readonly lockWaitMs?: number;
}

/** The default `lockWaitMs`: a turn that must write before its reply still answers within 2 s. */
export const SQLITE_LOCK_WAIT_MS = 1000;
/** Opening may wait longer for the lock (only creating the schema needs it), before anything is served. */
const OPEN_LOCK_WAIT_MS = 10_000;
/** The longest pause between two tries for the lock. */
const LOCK_POLL_MAX_MS = 25;

const SCHEMA_VERSION = 1;
const MAX_ATTEMPTS = 5;
const MAX_BATCH_WRITES = 500;
const QUERY_CACHE_SIZE = 200;

/*
 * One table of documents keyed by full path. `version` is drawn from a counter in
 * `store_meta` that every commit bumps, so a document deleted and created again never
 * shows a version it had before: an optimistic transaction that read version 7 can
 * trust that "still 7" means "not written since".
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS documents (
  path TEXT PRIMARY KEY NOT NULL,
  collection TEXT NOT NULL,
  id TEXT NOT NULL,
  data TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_by_collection ON documents (collection, id);
${GROUP_INDEX_SQL};
CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL);
INSERT OR IGNORE INTO store_meta (key, value) VALUES ('version', 0);
`;

type Write =
  | { readonly kind: 'create' | 'set'; readonly path: string; readonly json: string }
  | { readonly kind: 'merge'; readonly path: string; readonly data: DocData }
  | {
      readonly kind: 'addToArray';
      readonly path: string;
      readonly field: string;
      readonly values: JsonValue[];
    }
  | {
      readonly kind: 'increment';
      readonly path: string;
      readonly field: string;
      readonly key: string;
      readonly by: number;
    }
  | { readonly kind: 'delete'; readonly path: string };

/** What a transaction saw of each document it read: its version, or null when missing. */
type ReadVersions = Map<string, number | null>;

interface DocRow {
  path: string;
  data: string | null;
  version: number | null;
}

function snapshot(docPath: string, data: DocData | undefined): DocSnapshot {
  const id = docPath.slice(docPath.lastIndexOf('/') + 1);
  return { path: docPath, id, exists: data !== undefined, data };
}

function checkedWrite(kind: 'create' | 'set' | 'merge' | 'delete', docPath: string, data?: DocData): Write {
  documentPathSegments(docPath);
  if (kind === 'delete') return { kind, path: docPath };
  const json = serializeDocument(docPath, data as DocData);
  return kind === 'merge'
    ? { kind, path: docPath, data: JSON.parse(json) as DocData }
    : { kind, path: docPath, json };
}

/** An add-to-array write, its values checked as JSON. */
function checkedAddToArray(docPath: string, field: string, values: readonly JsonValue[]): Write {
  documentPathSegments(docPath);
  const json = serializeDocument(docPath, { [field]: [...values] });
  return {
    kind: 'addToArray',
    path: docPath,
    field,
    values: (JSON.parse(json) as DocData)[field] as JsonValue[],
  };
}

/** SQLite's "another connection holds the lock", with its extended codes (SQLITE_BUSY_SNAPSHOT, ...). */
function isContended(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)(_|$)/.test(code);
}

/**
 * Runs a statement (or a whole transaction), trying it again while another connection holds
 * the lock: between tries the event loop is free (a timer, never a blocking wait), for at most
 * `waitMs` in all; then StoreUnavailableError. The first try runs at once, synchronously.
 */
async function whenUnlocked<T>(run: () => T, waitMs: number, what: string): Promise<T> {
  const started = performance.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return run();
    } catch (error) {
      if (!isContended(error)) throw error;
      const waited = performance.now() - started;
      if (waited >= waitMs) {
        throw new StoreUnavailableError(
          'store_locked',
          `another connection holds the SQLite file's lock: ${what} gave up after ${Math.round(waited)} ms`,
          { cause: error },
        );
      }
      // Doubling pauses with jitter, so that several waiting processes do not poll in step.
      const pause = Math.min(LOCK_POLL_MAX_MS, 2 ** attempt) * (0.5 + Math.random() / 2);
      await sleep(Math.min(pause, waitMs - waited + 1));
    }
  }
}

class SqliteDocumentStore implements DocumentStore {
  readonly kind = 'sqlite' as const;
  readonly #db: Database.Database;
  readonly #queries = new Map<string, Database.Statement<unknown[], DocRow>>();
  readonly #getOne: Database.Statement<[string], { data: string; version: number }>;
  readonly #getMany: Database.Statement<[string], DocRow>;
  readonly #nextVersion: Database.Statement<[], number>;
  readonly #insert: Database.Statement<[string, string, string, string, number]>;
  readonly #upsert: Database.Statement<[string, string, string, string, number]>;
  readonly #deleteOne: Database.Statement<[string]>;
  readonly #deleteTree: Database.Statement<[string, string, string]>;
  readonly #applyAll: Database.Transaction<(writes: readonly Write[], reads: ReadVersions | null) => boolean>;
  readonly #lockWaitMs: number;

  constructor(db: Database.Database, lockWaitMs: number) {
    this.#db = db;
    this.#lockWaitMs = lockWaitMs;
    this.#getOne = db.prepare('SELECT data, version FROM documents WHERE path = ?');
    // One statement for any number of paths, in the order asked, duplicates and missing included.
    this.#getMany = db.prepare(
      `SELECT j.value AS path, d.data AS data, d.version AS version
       FROM json_each(?) AS j LEFT JOIN documents AS d ON d.path = j.value ORDER BY j.key`,
    );
    this.#nextVersion = db
      .prepare<[], number>(`UPDATE store_meta SET value = value + 1 WHERE key = 'version' RETURNING value`)
      .pluck();
    const insert = 'INSERT INTO documents (path, collection, id, data, version) VALUES (?, ?, ?, ?, ?)';
    this.#insert = db.prepare(`${insert} ON CONFLICT (path) DO NOTHING`);
    this.#upsert = db.prepare(
      `${insert} ON CONFLICT (path) DO UPDATE SET data = excluded.data, version = excluded.version`,
    );
    this.#deleteOne = db.prepare('DELETE FROM documents WHERE path = ?');
    // `${path}/` up to `${path}0` ('0' follows '/') is exactly the paths under the document.
    this.#deleteTree = db.prepare('DELETE FROM documents WHERE path = ? OR (path >= ? AND path < ?)');
    this.#applyAll = db.transaction((writes, reads) => {
      if (reads !== null && !this.#readsCurrentNow(reads)) return false;
      this.#apply(writes);
      return true;
    });
  }

  /** Runs a statement once the lock allows it, waiting asynchronously (see whenUnlocked). */
  unlocked<T>(run: () => T, what: string): Promise<T> {
    return whenUnlocked(run, this.#lockWaitMs, what);
  }

  async get(docPath: string): Promise<DocSnapshot> {
    documentPathSegments(docPath);
    const row = await this.unlocked(() => this.#getOne.get(docPath), 'a read');
    return snapshot(docPath, row ? (JSON.parse(row.data) as DocData) : undefined);
  }

  async getAll(paths: readonly string[]): Promise<DocSnapshot[]> {
    return (await this.readWithVersions(paths)).map((r) => r.snapshot);
  }

  async create(docPath: string, data: DocData): Promise<void> {
    await this.commitWrites([checkedWrite('create', docPath, data)]);
  }

  async set(docPath: string, data: DocData): Promise<void> {
    await this.commitWrites([checkedWrite('set', docPath, data)]);
  }

  async merge(docPath: string, data: DocData): Promise<void> {
    await this.commitWrites([checkedWrite('merge', docPath, data)]);
  }

  async delete(docPath: string): Promise<void> {
    await this.commitWrites([checkedWrite('delete', docPath)]);
  }

  async query(query: Query): Promise<DocSnapshot[]> {
    return this.#run(compileQuery(query));
  }

  async queryGroup(query: GroupQuery): Promise<DocSnapshot[]> {
    return this.#run(compileGroupQuery(query));
  }

  async #run({ sql, params }: CompiledQuery): Promise<DocSnapshot[]> {
    let statement = this.#queries.get(sql);
    if (!statement) {
      if (this.#queries.size >= QUERY_CACHE_SIZE) this.#queries.clear();
      statement = this.#db.prepare<unknown[], DocRow>(sql);
      this.#queries.set(sql, statement);
    }
    const prepared = statement;
    const rows = await this.unlocked(() => prepared.all(...params), 'a query');
    return rows.map((row) => snapshot(row.path, JSON.parse(row.data as string) as DocData));
  }

  batch(): WriteBatch {
    return new SqliteWriteBatch(this);
  }

  async runTransaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const tx = new SqliteTransaction(this);
      let result: T;
      try {
        result = await fn(tx);
      } catch (error) {
        tx.finish();
        // A function that read a document changed since may have failed because of what it
        // saw (half of a concurrent commit): a serialisable run would not have seen it.
        if (attempt < MAX_ATTEMPTS && !(await this.#readsCurrent(tx.reads))) {
          await backoff(attempt);
          continue;
        }
        throw error;
      }
      tx.finish();
      const committed =
        tx.writes.length === 0
          ? await this.#readsCurrent(tx.reads)
          : await this.unlocked(() => this.#applyAll.immediate(tx.writes, tx.reads), 'a transaction');
      if (committed) return result;
      if (attempt >= MAX_ATTEMPTS) {
        throw new TransactionConflictError(
          `transaction gave up after ${MAX_ATTEMPTS} attempts: documents it read kept changing`,
        );
      }
      await backoff(attempt);
    }
  }

  async recursiveDelete(docPath: string): Promise<void> {
    documentPathSegments(docPath);
    await this.unlocked(() => this.#deleteTree.run(docPath, `${docPath}/`, `${docPath}0`), 'a delete');
  }

  async ping(): Promise<void> {
    // Reads the file (not just `SELECT 1`), so a broken or vanished schema shows.
    await this.unlocked(
      () => this.#db.prepare(`SELECT value FROM store_meta WHERE key = 'version'`).get(),
      'a ping',
    );
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }

  /** Reads documents with their versions in one statement (one consistent snapshot). */
  async readWithVersions(
    paths: readonly string[],
  ): Promise<{ snapshot: DocSnapshot; version: number | null }[]> {
    for (const p of paths) documentPathSegments(p);
    if (paths.length === 0) return [];
    const rows = await this.unlocked(() => this.#getMany.all(JSON.stringify(paths)), 'a read');
    return rows.map((row) => ({
      snapshot: snapshot(row.path, row.data === null ? undefined : (JSON.parse(row.data) as DocData)),
      version: row.version,
    }));
  }

  /** Applies writes atomically under the write lock (BEGIN IMMEDIATE), once another connection lets go of it. */
  async commitWrites(writes: readonly Write[]): Promise<void> {
    if (writes.length > MAX_BATCH_WRITES) {
      throw new StoreError(`a batch holds at most ${MAX_BATCH_WRITES} writes, got ${writes.length}`);
    }
    if (writes.length > 0) await this.unlocked(() => this.#applyAll.immediate(writes, null), 'a write');
  }

  /** Whether every document a transaction read is still at the version it saw (outside a transaction). */
  #readsCurrent(reads: ReadVersions): Promise<boolean> {
    return this.unlocked(() => this.#readsCurrentNow(reads), 'a read');
  }

  /** The same check, synchronously: inside the commit's own transaction. */
  #readsCurrentNow(reads: ReadVersions): boolean {
    if (reads.size === 0) return true;
    const paths = [...reads.keys()];
    const rows = this.#getMany.all(JSON.stringify(paths));
    return rows.every((row) => reads.get(row.path) === row.version);
  }

  #apply(writes: readonly Write[]): void {
    const version = this.#nextVersion.get() as number;
    for (const write of writes) {
      const cut = write.path.lastIndexOf('/');
      const collection = write.path.slice(0, cut);
      const id = write.path.slice(cut + 1);
      switch (write.kind) {
        case 'create':
          if (this.#insert.run(write.path, collection, id, write.json, version).changes === 0) {
            throw new AlreadyExistsError(write.path);
          }
          break;
        case 'set':
          this.#upsert.run(write.path, collection, id, write.json, version);
          break;
        case 'merge': {
          const current = this.#getOne.get(write.path);
          const merged = current
            ? mergeDocument(JSON.parse(current.data) as DocData, write.data)
            : write.data;
          this.#upsert.run(write.path, collection, id, JSON.stringify(merged), version);
          break;
        }
        case 'addToArray': {
          const current = this.#getOne.get(write.path);
          const data = current ? (JSON.parse(current.data) as DocData) : {};
          const updated = { ...data, [write.field]: arrayUnion(data[write.field], write.values) };
          this.#upsert.run(write.path, collection, id, JSON.stringify(updated), version);
          break;
        }
        case 'increment': {
          const current = this.#getOne.get(write.path);
          const data = current ? (JSON.parse(current.data) as DocData) : {};
          const map = data[write.field];
          const counts = map && typeof map === 'object' && !Array.isArray(map) ? map : {};
          const was = counts[write.key];
          const next = { ...counts, [write.key]: (typeof was === 'number' ? was : 0) + write.by };
          this.#upsert.run(
            write.path,
            collection,
            id,
            JSON.stringify({ ...data, [write.field]: next }),
            version,
          );
          break;
        }
        case 'delete':
          this.#deleteOne.run(write.path);
          break;
      }
    }
  }
}

/** Backs off a few milliseconds with full jitter, doubling per attempt, so contenders spread out. */
function backoff(attempt: number): Promise<void> {
  return sleep(Math.random() * 4 * 2 ** attempt);
}

abstract class BufferedWriter {
  readonly writes: Write[] = [];
  protected closed = false;

  protected abstract describe(): string;

  protected push(write: Write): void {
    if (this.closed) throw new StoreError(`${this.describe()} is already committed`);
    this.writes.push(write);
  }

  create(docPath: string, data: DocData): this {
    this.push(checkedWrite('create', docPath, data));
    return this;
  }

  set(docPath: string, data: DocData): this {
    this.push(checkedWrite('set', docPath, data));
    return this;
  }

  merge(docPath: string, data: DocData): this {
    this.push(checkedWrite('merge', docPath, data));
    return this;
  }

  addToArray(docPath: string, field: string, values: readonly JsonValue[]): this {
    this.push(checkedAddToArray(docPath, field, values));
    return this;
  }

  increment(docPath: string, field: string, key: string, by: number): this {
    documentPathSegments(docPath);
    if (!Number.isFinite(by)) throw new StoreError(`increment of ${docPath} by a value that is not a number`);
    this.push({ kind: 'increment', path: docPath, field, key, by });
    return this;
  }

  delete(docPath: string): this {
    this.push(checkedWrite('delete', docPath));
    return this;
  }
}

class SqliteWriteBatch extends BufferedWriter implements WriteBatch {
  readonly #store: SqliteDocumentStore;

  constructor(store: SqliteDocumentStore) {
    super();
    this.#store = store;
  }

  protected describe(): string {
    return 'this write batch';
  }

  async commit(): Promise<void> {
    if (this.closed) throw new StoreError('this write batch is already committed');
    this.closed = true;
    await this.#store.commitWrites(this.writes);
  }
}

/**
 * Optimistic: reads go straight to the database and remember the version they saw
 * (or that the document was missing); writes are buffered. The commit checks under
 * the write lock that every read is still current, then applies the writes.
 */
class SqliteTransaction extends BufferedWriter implements Transaction {
  readonly reads: ReadVersions = new Map();
  readonly #store: SqliteDocumentStore;

  constructor(store: SqliteDocumentStore) {
    super();
    this.#store = store;
  }

  protected describe(): string {
    return 'this transaction';
  }

  finish(): void {
    this.closed = true;
  }

  async get(docPath: string): Promise<DocSnapshot> {
    const [first] = await this.getAll([docPath]);
    return first as DocSnapshot;
  }

  async getAll(paths: readonly string[]): Promise<DocSnapshot[]> {
    if (this.closed) throw new StoreError('this transaction is already committed');
    if (this.writes.length > 0) {
      throw new StoreError('a transaction must do all its reads before its writes (as in Firestore)');
    }
    return (await this.#store.readWithVersions(paths)).map(({ snapshot, version }) => {
      // The first version seen is what the commit checks; a later read that saw another
      // version already means a conflict, which that check will find.
      if (!this.reads.has(snapshot.path)) this.reads.set(snapshot.path, version);
      return snapshot;
    });
  }
}

/** Whether the file has the index of collection-group queries. */
function hasGroupIndex(db: Database.Database): boolean {
  return (
    db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'documents_by_group'`).get() !==
    undefined
  );
}

/**
 * Opens (creating if needed) the embedded document store in one SQLite file. WAL mode lets
 * readers run beside the single writer; writers of other processes or threads wait for the
 * write lock in turn (asynchronously, see whenUnlocked), so several processes can share one
 * file. A file whose schema is current opens without taking the write lock.
 */
export async function openSqliteStore({
  file,
  busyTimeoutMs = 0,
  lockWaitMs = SQLITE_LOCK_WAIT_MS,
}: SqliteStoreOptions): Promise<DocumentStore> {
  if (file !== ':memory:' && !file.startsWith('file:'))
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new SqliteDatabase(file, { timeout: busyTimeoutMs });
  const openWaitMs = Math.max(lockWaitMs, OPEN_LOCK_WAIT_MS);
  try {
    await whenUnlocked(() => db.pragma('journal_mode = WAL'), openWaitMs, 'opening');
    // With WAL, NORMAL syncs at checkpoints rather than at every commit: a commit survives a
    // crash of the process; only a power loss can take back the last few.
    db.pragma('synchronous = NORMAL');
    const schemaVersion = (await whenUnlocked(
      () => db.pragma('user_version', { simple: true }),
      openWaitMs,
      'opening',
    )) as number;
    if (schemaVersion > SCHEMA_VERSION) {
      throw new StoreError(
        `${file} has schema version ${schemaVersion}; this hearth knows up to ${SCHEMA_VERSION}`,
      );
    }
    if (schemaVersion === SCHEMA_VERSION && !hasGroupIndex(db)) {
      // Files made before group queries: the index is added once, without a new schema version
      // (a file with it still opens with an older hearth).
      await whenUnlocked(() => db.exec(GROUP_INDEX_SQL), openWaitMs, 'adding the group index');
    }
    if (schemaVersion < SCHEMA_VERSION) {
      await whenUnlocked(
        () =>
          db
            .transaction(() => {
              db.exec(SCHEMA);
              db.pragma(`user_version = ${SCHEMA_VERSION}`);
            })
            .immediate(),
        openWaitMs,
        'creating the schema',
      );
    }
    return new SqliteDocumentStore(db, lockWaitMs);
  } catch (error) {
    db.close();
    throw error;
  }
}
