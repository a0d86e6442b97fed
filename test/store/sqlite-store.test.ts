import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DocumentStore, TransactionConflictError } from '../../src/store/document-store.js';
import { SqliteDatabase } from '../../src/store/sqlite/sqlite-driver.js';
import { compileGroupQuery } from '../../src/store/sqlite/sqlite-query.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { describeStoreContract } from './contract.js';

async function tempFile(): Promise<{ file: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'hearth-sqlite-'));
  return {
    file: path.join(dir, 'nested', 'hearth.db'),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

describeStoreContract('SQLite', async () => {
  const { file, remove } = await tempFile();
  const store = await openSqliteStore({ file });
  return {
    store,
    workerStore: { kind: 'sqlite', file },
    async close() {
      await store.close();
      await remove();
    },
  };
});

describe('SQLite document store file', () => {
  let file: string;
  let remove: () => Promise<void>;
  let store: DocumentStore;

  beforeEach(async () => {
    ({ file, remove } = await tempFile());
    store = await openSqliteStore({ file });
  });
  afterEach(async () => {
    await store.close();
    await remove();
  });

  it('is in WAL mode and keeps its documents across a reopen', async () => {
    await store.set('households/h1', { locale: 'fr-FR' });
    await store.close();
    const raw = new SqliteDatabase(file, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      raw.close();
    }
    store = await openSqliteStore({ file });
    expect((await store.get('households/h1')).data).toEqual({ locale: 'fr-FR' });
  });

  it('serves two connections on the same file, each seeing the other’s commits', async () => {
    const other = await openSqliteStore({ file });
    try {
      await store.set('households/h1', { n: 1 });
      expect((await other.get('households/h1')).data).toEqual({ n: 1 });
      await other.merge('households/h1', { m: 2 });
      expect((await store.get('households/h1')).data).toEqual({ n: 1, m: 2 });
    } finally {
      await other.close();
    }
  });

  it('gives up with TransactionConflictError after 5 attempts that all conflict', async () => {
    await store.set('counters/c', { count: 0 });
    let runs = 0;
    const error = await store
      .runTransaction(async (tx) => {
        runs++;
        const snap = await tx.get('counters/c');
        await store.set('counters/c', { count: 1000 + runs }); // a writer always gets in between
        tx.set('counters/c', { count: (snap.data?.count as number) + 1 });
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransactionConflictError);
    expect(runs).toBe(5);
    expect((await store.get('counters/c')).data).toEqual({ count: 1005 });
  });

  it('runs a function again when it failed after reading half of a concurrent commit', async () => {
    await store.batch().set('accounts/a', { balance: 50 }).set('accounts/b', { balance: 50 }).commit();
    let runs = 0;
    const total = await store.runTransaction(async (tx) => {
      runs++;
      const a = await tx.get('accounts/a');
      if (runs === 1) {
        await store.batch().set('accounts/a', { balance: 0 }).set('accounts/b', { balance: 100 }).commit();
      }
      const b = await tx.get('accounts/b');
      const sum = (a.data?.balance as number) + (b.data?.balance as number);
      if (sum !== 100) throw new Error(`inconsistent read: ${sum}`);
      return sum;
    });
    expect(total).toBe(100);
    expect(runs).toBe(2);
  });

  it('answers ping while open and rejects once closed', async () => {
    await expect(store.ping()).resolves.toBeUndefined();
    await store.close();
    await expect(store.ping()).rejects.toThrow();
  });

  it('answers group queries from the group index, and adds it to a file made without it', async () => {
    await store.set('households/h1/offerLog/o1', { brandId: 'b1' });
    await store.close();
    const raw = new SqliteDatabase(file);
    try {
      const { sql, params } = compileGroupQuery({
        collectionId: 'offerLog',
        where: [{ field: 'brandId', op: '==', value: 'b1' }],
        startAfter: 'households/h0/offerLog/o0',
        limit: 100,
      });
      const plan = raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
      const details = plan.map((row) => row.detail).join('; ');
      expect(details).toContain('documents_by_group');
      // In index order: no sort of every document of the group for each page.
      expect(details).not.toMatch(/TEMP B-TREE/);
      raw.exec('DROP INDEX documents_by_group');
    } finally {
      raw.close();
    }
    store = await openSqliteStore({ file });
    expect((await store.queryGroup({ collectionId: 'offerLog' })).map((s) => s.path)).toEqual([
      'households/h1/offerLog/o1',
    ]);
    const check = new SqliteDatabase(file, { readonly: true });
    try {
      expect(check.prepare(`SELECT name FROM sqlite_master WHERE name = 'documents_by_group'`).get()).toEqual(
        {
          name: 'documents_by_group',
        },
      );
    } finally {
      check.close();
    }
  });
});
