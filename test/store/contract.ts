import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AlreadyExistsError,
  type DocData,
  type DocumentStore,
  InvalidPathError,
  type Query,
  TransactionConflictError,
} from '../../src/store/document-store.js';
import {
  type CompiledStore,
  compileStoreForWorkers,
  runInWorkers,
  type WorkerStoreOptions,
} from './store-workers.js';

/** A fresh, empty store for one test, and how worker threads reach the same data. */
export interface StoreUnderTest {
  readonly store: DocumentStore;
  readonly workerStore: WorkerStoreOptions;
  close(): Promise<void>;
}

/** Contended tests wait on the Firestore emulator's lock timeouts (about 2 s per collision). */
const CONTENDED_TIMEOUT_MS = 90_000;
/**
 * The port lets a transaction give up with TransactionConflictError after 5 attempts;
 * under 50-way contention on one document a caller runs it again. What the concurrency
 * tests prove is that no update is lost or applied twice, and that only that error
 * surfaces; a bounded number of caller retries keeps a livelock from passing.
 */
const CALLER_TRIES = 10;

async function ids(store: DocumentStore, query: Query): Promise<string[]> {
  return (await store.query(query)).map((s) => s.id);
}

async function incrementWithRetry(store: DocumentStore, path: string): Promise<void> {
  for (let tries = 1; ; tries++) {
    try {
      await store.runTransaction(async (tx) => {
        const snap = await tx.get(path);
        tx.set(path, { count: ((snap.data?.count as number | undefined) ?? 0) + 1 });
      });
      return;
    } catch (error) {
      if (!(error instanceof TransactionConflictError) || tries >= CALLER_TRIES) throw error;
    }
  }
}

/**
 * The DocumentStore contract: every adapter runs this suite unchanged. `open` gives each
 * test an empty store.
 */
export function describeStoreContract(name: string, open: () => Promise<StoreUnderTest>): void {
  describe(`${name} document store`, () => {
    let sut: StoreUnderTest;
    let store: DocumentStore;

    beforeEach(async () => {
      sut = await open();
      store = sut.store;
    });
    afterEach(async () => {
      await sut?.close();
    });

    describe('reading', () => {
      it('answers a missing document as not existing', async () => {
        const snap = await store.get('households/nobody');
        expect(snap).toEqual({ path: 'households/nobody', id: 'nobody', exists: false, data: undefined });
      });

      it('returns the JSON a set stored, nested values included', async () => {
        const data: DocData = {
          locale: 'fr-FR',
          name: 'Chez Zoé — 🏠',
          count: 3,
          ratio: 0.25,
          negative: -7,
          active: true,
          disabled: false,
          nothing: null,
          tags: ['a', 1, false, null, { deep: ['x'] }],
          nested: { level: { deeper: { value: 'ok' } }, empty: {} },
        };
        await store.set('households/h1', data);
        expect(await store.get('households/h1')).toEqual({
          path: 'households/h1',
          id: 'h1',
          exists: true,
          data,
        });
      });

      it('getAll answers in the order asked, with missing documents and duplicates in place', async () => {
        await store.set('households/h1', { n: 1 });
        await store.set('households/h2', { n: 2 });
        await store.set('households/h1/context/inventory', { items: [] });
        const snaps = await store.getAll([
          'households/h2',
          'households/missing',
          'households/h1/context/inventory',
          'households/h1',
          'households/h2',
        ]);
        expect(snaps.map((s) => [s.path, s.exists, s.data])).toEqual([
          ['households/h2', true, { n: 2 }],
          ['households/missing', false, undefined],
          ['households/h1/context/inventory', true, { items: [] }],
          ['households/h1', true, { n: 1 }],
          ['households/h2', true, { n: 2 }],
        ]);
      });

      it('getAll of no paths is empty', async () => {
        expect(await store.getAll([])).toEqual([]);
      });
    });

    describe('writing', () => {
      it('create stores a new document and refuses an existing one with AlreadyExistsError', async () => {
        await store.create('brands/b1', { name: 'first' });
        const error = await store.create('brands/b1', { name: 'second' }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(AlreadyExistsError);
        expect((error as AlreadyExistsError).path).toBe('brands/b1');
        expect((await store.get('brands/b1')).data).toEqual({ name: 'first' });
      });

      it('set replaces the whole document and creates a missing one', async () => {
        await store.set('brands/b1', { name: 'old', nested: { a: 1, b: 2 }, keep: 'no' });
        await store.set('brands/b1', { name: 'new', nested: { c: 3 } });
        expect((await store.get('brands/b1')).data).toEqual({ name: 'new', nested: { c: 3 } });
      });

      it('merge deep-merges nested objects and replaces arrays and other values', async () => {
        await store.set('households/h1', {
          locale: 'en-US',
          consents: { inventory: true, offers: { b1: true, b2: false } },
          list: [1, 2, 3],
          counts: { speaker: 1 },
          scalar: { was: 'object' },
        });
        await store.merge('households/h1', {
          consents: { offers: { b2: true, b3: true }, health: false },
          list: [4],
          counts: { speaker: 2 },
          scalar: 'now a string',
          added: null,
        });
        expect((await store.get('households/h1')).data).toEqual({
          locale: 'en-US',
          consents: { inventory: true, offers: { b1: true, b2: true, b3: true }, health: false },
          list: [4],
          counts: { speaker: 2 },
          scalar: 'now a string',
          added: null,
        });
      });

      it('merge of an empty object sets the field to an empty object, as Firestore does', async () => {
        await store.set('households/h1', { state: { a: 1 }, other: 1 });
        await store.merge('households/h1', { state: {} });
        expect((await store.get('households/h1')).data).toEqual({ state: {}, other: 1 });
      });

      it('merge creates a missing document', async () => {
        await store.merge('households/h9', { locale: 'de-DE', nested: { a: 1 } });
        expect((await store.get('households/h9')).data).toEqual({ locale: 'de-DE', nested: { a: 1 } });
      });

      it('addToArray appends only the values the array lacks, in order, equal as JSON', async () => {
        await store.set('households/h1/context/preferences', { shoppingList: ['egg'], other: 1 });
        await store
          .batch()
          .addToArray('households/h1/context/preferences', 'shoppingList', [
            'milk',
            'egg',
            'milk',
            { a: [1] },
          ])
          .commit();
        await store
          .batch()
          .addToArray('households/h1/context/preferences', 'shoppingList', [{ a: [1] }])
          .commit();
        expect((await store.get('households/h1/context/preferences')).data).toEqual({
          shoppingList: ['egg', 'milk', { a: [1] }],
          other: 1,
        });
      });

      it('addToArray creates a missing document or field, and turns a non-array field into an array', async () => {
        await store.batch().addToArray('households/h2/context/preferences', 'shoppingList', ['egg']).commit();
        expect((await store.get('households/h2/context/preferences')).data).toEqual({
          shoppingList: ['egg'],
        });
        await store.set('households/h3', { tags: 'not a list' });
        await store.batch().addToArray('households/h3', 'tags', ['a']).commit();
        expect((await store.get('households/h3')).data).toEqual({ tags: ['a'] });
      });

      it('addToArray in concurrent batches loses no value (no read, no lost update)', async () => {
        const values = Array.from({ length: 10 }, (_, i) => `item-${i}`);
        await Promise.all(
          values.map((value) => store.batch().addToArray('households/h4', 'list', [value]).commit()),
        );
        const list = (await store.get('households/h4')).data?.list as string[];
        expect([...list].sort()).toEqual([...values].sort());
      });

      it('addToArray refuses values that are not JSON and writes nothing', async () => {
        const bad = [undefined] as unknown as string[];
        // Like every write of a batch, checked when it is added (both adapters throw at once).
        expect(() => store.batch().addToArray('households/h5', 'list', bad)).toThrow();
        expect((await store.get('households/h5')).exists).toBe(false);
      });

      it('increment adds to a key of a map field without a read, creating what is missing', async () => {
        await store.set('households/h6', { offerCounts: { day: '2026-11-20', alexa: 1, screen: 'x' }, n: 1 });
        await store.batch().increment('households/h6', 'offerCounts', 'alexa', 1).commit();
        await store.batch().increment('households/h6', 'offerCounts', 'screen', 2).commit();
        await store.batch().increment('households/h6', 'offerCounts', 'google', 1).commit();
        expect((await store.get('households/h6')).data).toEqual({
          offerCounts: { day: '2026-11-20', alexa: 2, screen: 2, google: 1 },
          n: 1,
        });
        await store.batch().increment('households/h7', 'offerCounts', 'screen', 1).commit();
        expect((await store.get('households/h7')).data).toEqual({ offerCounts: { screen: 1 } });
        expect(() => store.batch().increment('households/h7', 'offerCounts', 'screen', Number.NaN)).toThrow();
      });

      it('increment in concurrent batches and transactions loses no count', async () => {
        await store.set('households/h8', { offerCounts: { day: '2026-11-20', screen: 0 } });
        await Promise.all([
          ...Array.from({ length: 8 }, () =>
            store.batch().increment('households/h8', 'offerCounts', 'screen', 1).commit(),
          ),
          ...Array.from({ length: 4 }, () =>
            store.runTransaction(async (tx) => {
              await tx.get('households/h8');
              tx.increment('households/h8', 'offerCounts', 'screen', 1);
            }),
          ),
        ]);
        expect((await store.get('households/h8')).data).toEqual({
          offerCounts: { day: '2026-11-20', screen: 12 },
        });
      });

      it('delete removes the document, keeps its subcollections and ignores a missing one', async () => {
        await store.set('households/h1', { n: 1 });
        await store.set('households/h1/devices/d1', { kind: 'fridge' });
        await store.delete('households/h1');
        await store.delete('households/never-there');
        expect((await store.get('households/h1')).exists).toBe(false);
        expect((await store.get('households/h1/devices/d1')).data).toEqual({ kind: 'fridge' });
      });

      it('rejects values that are not JSON and writes nothing', async () => {
        const bad = { ok: 1, missing: undefined } as unknown as DocData;
        await expect(store.set('households/h1', bad)).rejects.toThrow();
        expect((await store.get('households/h1')).exists).toBe(false);
      });

      it("is not affected by later changes to the caller's object", async () => {
        const data = { list: [1], nested: { a: 1 } };
        await store.set('households/h1', data);
        data.list.push(2);
        data.nested.a = 2;
        const read = await store.get('households/h1');
        expect(read.data).toEqual({ list: [1], nested: { a: 1 } });
      });
    });

    describe('queries', () => {
      beforeEach(async () => {
        const batch = store.batch();
        batch.set('households/h1/events/e1', {
          type: 'capsule.brewed',
          count: 1,
          at: '2026-01-01T08:00:00.000Z',
          device: { kind: 'coffee-machine', room: 'kitchen' },
          flag: true,
        });
        batch.set('households/h1/events/e2', {
          type: 'inventory.item_added',
          count: 5,
          at: '2026-01-02T08:00:00.000Z',
          device: { kind: 'fridge', room: 'kitchen' },
          flag: false,
        });
        batch.set('households/h1/events/e3', {
          type: 'capsule.brewed',
          count: 3,
          at: '2026-01-03T08:00:00.000Z',
          device: { kind: 'coffee-machine', room: 'office' },
          flag: true,
        });
        batch.set('households/h1/events/e4', {
          type: 'device.state',
          count: 2.5,
          at: '2026-01-04T08:00:00.000Z',
          device: { kind: 'fridge', room: 'garage' },
        });
        batch.set('households/h1/events/e5', {
          type: 'capsule.delivered',
          count: 10,
          at: '2026-01-05T08:00:00.000Z',
        });
        // Same collection name elsewhere, and documents below h1's events: never direct children.
        batch.set('households/h2/events/e1', {
          type: 'capsule.brewed',
          count: 1,
          at: '2026-01-01T08:00:00.000Z',
        });
        batch.set('households/h1/events/e1/notes/n1', { type: 'capsule.brewed', count: 1 });
        batch.set('events/e1', { type: 'capsule.brewed', count: 1 });
        batch.set('households/h1/eventsx/e1', { type: 'capsule.brewed', count: 1 });
        await batch.commit();
      });
      const events = 'households/h1/events';

      it('returns only direct children of the collection, by id when unordered', async () => {
        expect(await ids(store, { collection: events })).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
        expect(await ids(store, { collection: 'households/h1/events/e1/notes' })).toEqual(['n1']);
        expect(await ids(store, { collection: 'households/h3/events' })).toEqual([]);
      });

      it('matches equality on top-level and dotted fields', async () => {
        expect(
          await ids(store, {
            collection: events,
            where: [{ field: 'type', op: '==', value: 'capsule.brewed' }],
          }),
        ).toEqual(['e1', 'e3']);
        expect(
          await ids(store, {
            collection: events,
            where: [{ field: 'device.kind', op: '==', value: 'fridge' }],
          }),
        ).toEqual(['e2', 'e4']);
        expect(
          await ids(store, {
            collection: events,
            where: [
              { field: 'device.room', op: '==', value: 'kitchen' },
              { field: 'flag', op: '==', value: true },
            ],
          }),
        ).toEqual(['e1']);
      });

      it('compares values of the same type only', async () => {
        await store.set('things/a', { v: 1 });
        await store.set('things/b', { v: true });
        await store.set('things/c', { v: '1' });
        await store.set('things/d', { v: 1.0 });
        await store.set('things/e', { v: 0 });
        await store.set('things/f', { v: false });
        await store.set('things/g', { v: null });
        const where = (op: '==' | '>' | '>=' | '<', value: string | number | boolean | null) =>
          ids(store, { collection: 'things', where: [{ field: 'v', op, value }] });
        expect(await where('==', 1)).toEqual(['a', 'd']);
        expect(await where('==', true)).toEqual(['b']);
        expect(await where('==', '1')).toEqual(['c']);
        expect(await where('==', false)).toEqual(['f']);
        expect(await where('==', null)).toEqual(['g']);
        expect(await where('>=', 0)).toEqual(['e', 'a', 'd']);
        expect(await where('>', false)).toEqual(['b']);
        expect(await where('<', 'z')).toEqual(['c']);
      });

      it('filters on ranges of numbers and of ISO instants, ordered by that field', async () => {
        expect(
          await ids(store, { collection: events, where: [{ field: 'count', op: '>', value: 2 }] }),
        ).toEqual(['e4', 'e3', 'e2', 'e5']);
        expect(
          await ids(store, { collection: events, where: [{ field: 'count', op: '>=', value: 3 }] }),
        ).toEqual(['e3', 'e2', 'e5']);
        expect(
          await ids(store, { collection: events, where: [{ field: 'count', op: '<', value: 3 }] }),
        ).toEqual(['e1', 'e4']);
        expect(
          await ids(store, {
            collection: events,
            where: [
              { field: 'at', op: '>', value: '2026-01-01T08:00:00.000Z' },
              { field: 'at', op: '<=', value: '2026-01-04T08:00:00.000Z' },
            ],
          }),
        ).toEqual(['e2', 'e3', 'e4']);
        expect(
          await ids(store, {
            collection: events,
            where: [
              { field: 'type', op: '==', value: 'capsule.brewed' },
              { field: 'at', op: '<', value: '2026-01-03T00:00:00.000Z' },
            ],
          }),
        ).toEqual(['e1']);
      });

      it("'!=' leaves out the value and the documents without the field", async () => {
        expect(
          await ids(store, {
            collection: events,
            where: [{ field: 'device.kind', op: '!=', value: 'fridge' }],
          }),
        ).toEqual(['e1', 'e3']);
        expect(
          await ids(store, { collection: events, where: [{ field: 'flag', op: '!=', value: true }] }),
        ).toEqual(['e2']);
      });

      it("'in' matches any of the values", async () => {
        expect(
          await ids(store, {
            collection: events,
            where: [{ field: 'type', op: 'in', value: ['capsule.delivered', 'device.state', 'unknown'] }],
          }),
        ).toEqual(['e4', 'e5']);
        expect(
          await ids(store, { collection: events, where: [{ field: 'count', op: 'in', value: [1, 10] }] }),
        ).toEqual(['e1', 'e5']);
      });

      it('orders ascending and descending, on several fields, with a limit', async () => {
        expect(await ids(store, { collection: events, orderBy: [{ field: 'count' }] })).toEqual([
          'e1',
          'e4',
          'e3',
          'e2',
          'e5',
        ]);
        expect(
          await ids(store, { collection: events, orderBy: [{ field: 'at', direction: 'desc' }], limit: 2 }),
        ).toEqual(['e5', 'e4']);
        expect(
          await ids(store, {
            collection: events,
            orderBy: [{ field: 'type' }, { field: 'count', direction: 'desc' }],
          }),
        ).toEqual(['e3', 'e1', 'e5', 'e4', 'e2']);
        expect(
          await ids(store, {
            collection: events,
            where: [{ field: 'type', op: '==', value: 'capsule.brewed' }],
            orderBy: [{ field: 'at', direction: 'desc' }],
            limit: 1,
          }),
        ).toEqual(['e3']);
        expect(await ids(store, { collection: events, limit: 3 })).toEqual(['e1', 'e2', 'e3']);
      });

      it('ordering by a field leaves out documents without it and breaks ties by id', async () => {
        expect(await ids(store, { collection: events, orderBy: [{ field: 'device.room' }] })).toEqual([
          'e4',
          'e1',
          'e2',
          'e3',
        ]);
        expect(
          await ids(store, { collection: events, orderBy: [{ field: 'flag', direction: 'desc' }] }),
        ).toEqual(['e3', 'e1', 'e2']);
      });

      it('returns whole documents with their paths', async () => {
        const [first] = await store.query({
          collection: events,
          where: [{ field: 'count', op: '==', value: 10 }],
        });
        expect(first).toEqual({
          path: 'households/h1/events/e5',
          id: 'e5',
          exists: true,
          data: { type: 'capsule.delivered', count: 10, at: '2026-01-05T08:00:00.000Z' },
        });
      });
    });

    describe('collection-group queries', () => {
      beforeEach(async () => {
        const batch = store.batch();
        // offerLog collections at several depths, ids that sort differently as bytes and as
        // segments (`a` before `a-b`), and look-alike collections that are not the group.
        batch.set('households/a/offerLog/o1', { brandId: 'b1', week: '2026-W47', measured: true, n: 1 });
        batch.set('households/a/offerLog/o2', { brandId: 'b1', week: '2026-W48', measured: true, n: 2 });
        batch.set('households/a-b/offerLog/o1', { brandId: 'b1', week: '2026-W48', measured: false, n: 3 });
        batch.set('households/a-b/offerLog/o3', { brandId: 'b2', week: '2026-W48', measured: true, n: 4 });
        batch.set('households/c/offerLog/o1', { brandId: 'b1', week: '2026-W48', measured: true, n: 5 });
        batch.set('offerLog/top', { brandId: 'b1', week: '2026-W48', measured: true, n: 6 });
        batch.set('households/a/sub/x/offerLog/deep', {
          brandId: 'b1',
          week: '2026-W48',
          measured: true,
          n: 7,
        });
        batch.set('households/a/offerLogs/o9', { brandId: 'b1', week: '2026-W48', measured: true, n: 8 });
        batch.set('households/a/xofferLog/o9', { brandId: 'b1', week: '2026-W48', measured: true, n: 9 });
        batch.set('households/a/offerLog/o1/notes/n1', { brandId: 'b1', week: '2026-W48', measured: true });
        await batch.commit();
      });
      const paths = (snaps: readonly { path: string }[]) => snaps.map((s) => s.path);

      it('reads every collection of the name at any depth, in path order, and nothing else', async () => {
        expect(paths(await store.queryGroup({ collectionId: 'offerLog' }))).toEqual([
          'households/a/offerLog/o1',
          'households/a/offerLog/o2',
          'households/a/sub/x/offerLog/deep',
          'households/a-b/offerLog/o1',
          'households/a-b/offerLog/o3',
          'households/c/offerLog/o1',
          'offerLog/top',
        ]);
        expect(await store.queryGroup({ collectionId: 'nothing' })).toEqual([]);
      });

      it('filters on several equalities and returns whole documents with their full paths', async () => {
        const found = await store.queryGroup({
          collectionId: 'offerLog',
          where: [
            { field: 'brandId', op: '==', value: 'b1' },
            { field: 'measured', op: '==', value: true },
            { field: 'week', op: '==', value: '2026-W48' },
          ],
        });
        expect(paths(found)).toEqual([
          'households/a/offerLog/o2',
          'households/a/sub/x/offerLog/deep',
          'households/c/offerLog/o1',
          'offerLog/top',
        ]);
        expect(found[0]).toEqual({
          path: 'households/a/offerLog/o2',
          id: 'o2',
          exists: true,
          data: { brandId: 'b1', week: '2026-W48', measured: true, n: 2 },
        });
      });

      it('pages through with a limit and startAfter, each document once', async () => {
        const where = [{ field: 'brandId', op: '==', value: 'b1' }] as const;
        const seen: string[] = [];
        let startAfter: string | undefined;
        for (let page = 0; page < 10; page++) {
          const snaps = await store.queryGroup({
            collectionId: 'offerLog',
            where,
            limit: 2,
            ...(startAfter ? { startAfter } : {}),
          });
          seen.push(...paths(snaps));
          if (snaps.length < 2) break;
          startAfter = snaps.at(-1)?.path;
        }
        expect(seen).toEqual([
          'households/a/offerLog/o1',
          'households/a/offerLog/o2',
          'households/a/sub/x/offerLog/deep',
          'households/a-b/offerLog/o1',
          'households/c/offerLog/o1',
          'offerLog/top',
        ]);
      });

      it('orders by a field, ties broken by full path, with a limit', async () => {
        const found = await store.queryGroup({
          collectionId: 'offerLog',
          where: [{ field: 'brandId', op: '==', value: 'b1' }],
          orderBy: [{ field: 'week', direction: 'asc' }],
          limit: 3,
        });
        expect(paths(found)).toEqual([
          'households/a/offerLog/o1',
          'households/a/offerLog/o2',
          'households/a/sub/x/offerLog/deep',
        ]);
        const range = await store.queryGroup({
          collectionId: 'offerLog',
          where: [{ field: 'n', op: '>=', value: 5 }],
        });
        expect(range.map((s) => s.data?.n)).toEqual([5, 6, 7]);
      });

      it('refuses a collection path, a bad cursor, and a cursor on a query not in path order', async () => {
        await expect(store.queryGroup({ collectionId: 'households/a/offerLog' })).rejects.toBeInstanceOf(
          InvalidPathError,
        );
        await expect(
          store.queryGroup({ collectionId: 'offerLog', startAfter: 'households' }),
        ).rejects.toBeInstanceOf(InvalidPathError);
        await expect(
          store.queryGroup({
            collectionId: 'offerLog',
            orderBy: [{ field: 'week' }],
            startAfter: 'households/a/offerLog/o1',
          }),
        ).rejects.toThrow(/path order/);
      });

      it('compares expireAt as instants across the group', async () => {
        await store
          .batch()
          .set('households/a/offerLog/e1', { expireAt: '2026-01-01T00:00:00.000Z' })
          .set('households/b/offerLog/e2', { expireAt: '2027-01-01T00:00:00.000Z' })
          .commit();
        const expired = await store.queryGroup({
          collectionId: 'offerLog',
          where: [{ field: 'expireAt', op: '<=', value: '2026-06-01T00:00:00.000Z' }],
        });
        expect(expired.map((s) => [s.path, s.data?.expireAt])).toEqual([
          ['households/a/offerLog/e1', '2026-01-01T00:00:00.000Z'],
        ]);
      });
    });

    describe('expiry (expireAt)', () => {
      const T = '2026-11-20T09:00:00.000Z';
      const later = '2026-12-20T09:00:00.123Z';

      it('reads back the same ISO string, through get, getAll, queries and transactions', async () => {
        await store.set('households/h1/events/e1', { expireAt: T, at: T });
        await store.batch().create('households/h1/events/e2', { expireAt: later }).commit();
        await store.merge('households/h1/events/e3', { expireAt: later, n: 1 });
        expect((await store.get('households/h1/events/e1')).data).toEqual({ expireAt: T, at: T });
        const [two, three] = await store.getAll(['households/h1/events/e2', 'households/h1/events/e3']);
        expect([two?.data?.expireAt, three?.data?.expireAt]).toEqual([later, later]);
        const inTx = await store.runTransaction(async (tx) => {
          const snap = await tx.get('households/h1/events/e1');
          tx.merge('households/h1/events/e1', { expireAt: later });
          return snap.data?.expireAt;
        });
        expect(inTx).toBe(T);
        expect((await store.get('households/h1/events/e1')).data?.expireAt).toBe(later);
      });

      it('compares as instants in range filters and orders by them', async () => {
        const batch = store.batch();
        for (const [id, expireAt] of [
          ['a', '2026-11-20T09:00:00.001Z'],
          ['b', '2026-11-20T08:59:59.999Z'],
          ['c', T],
          ['d', '2027-01-01T00:00:00.000Z'],
        ] as const) {
          batch.set(`households/h1/events/${id}`, { expireAt });
        }
        await batch.commit();
        const expired = await store.query({
          collection: 'households/h1/events',
          where: [{ field: 'expireAt', op: '<=', value: T }],
        });
        expect(expired.map((d) => [d.id, d.data?.expireAt])).toEqual([
          ['b', '2026-11-20T08:59:59.999Z'],
          ['c', T],
        ]);
        expect(
          await ids(store, {
            collection: 'households/h1/events',
            where: [{ field: 'expireAt', op: '>', value: T }],
            orderBy: [{ field: 'expireAt', direction: 'desc' }],
            limit: 1,
          }),
        ).toEqual(['d']);
      });

      it('refuses an expireAt that is not an instant as Date.toISOString() writes it, and writes nothing', async () => {
        for (const bad of ['2026-11-20T09:00:00Z', '2026-11-20', 'soon', 1_800_000_000_000, null]) {
          await expect(store.set('households/h1/events/x', { expireAt: bad })).rejects.toThrow(/expireAt/);
          // Refused when written or at the latest on commit.
          await expect(
            (async () => store.batch().set('households/h1/events/x', { expireAt: bad }).commit())(),
          ).rejects.toThrow(/expireAt/);
        }
        expect((await store.get('households/h1/events/x')).exists).toBe(false);
        // Only the top-level field is the expiry: elsewhere the name is ordinary data.
        await store.set('households/h1/events/y', { nested: { expireAt: 'soon' } });
        expect((await store.get('households/h1/events/y')).data).toEqual({ nested: { expireAt: 'soon' } });
      });
    });

    describe('batches', () => {
      it('apply every write of the batch together', async () => {
        await store.set('households/h1', { a: 1, nested: { x: 1 } });
        await store.set('households/h2', { gone: true });
        await store
          .batch()
          .create('households/h3', { created: true })
          .set('households/h4', { set: true })
          .merge('households/h1', { nested: { y: 2 } })
          .delete('households/h2')
          .commit();
        const snaps = await store.getAll([
          'households/h1',
          'households/h2',
          'households/h3',
          'households/h4',
        ]);
        expect(snaps.map((s) => s.data)).toEqual([
          { a: 1, nested: { x: 1, y: 2 } },
          undefined,
          { created: true },
          { set: true },
        ]);
      });

      it('write nothing when one create finds its document already there', async () => {
        await store.set('households/h1', { original: true });
        const batch = store
          .batch()
          .set('households/h2', { written: false })
          .create('households/h1', { overwritten: true })
          .merge('households/h3', { written: false });
        const error = await batch.commit().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(AlreadyExistsError);
        expect((error as AlreadyExistsError).path).toBe('households/h1');
        const snaps = await store.getAll(['households/h1', 'households/h2', 'households/h3']);
        expect(snaps.map((s) => s.data)).toEqual([{ original: true }, undefined, undefined]);
      });
    });

    describe('transactions', () => {
      it('read then write, and resolve with what the function returns', async () => {
        await store.set('households/h1', { offersToday: 2 });
        const result = await store.runTransaction(async (tx) => {
          const [household, missing] = await tx.getAll(['households/h1', 'households/h1/orders/o1']);
          const next = (household?.data?.offersToday as number) + 1;
          tx.set('households/h1', { offersToday: next });
          tx.create('households/h1/orders/o1', { status: 'placed', existedBefore: missing?.exists ?? null });
          return next;
        });
        expect(result).toBe(3);
        expect((await store.get('households/h1')).data).toEqual({ offersToday: 3 });
        expect((await store.get('households/h1/orders/o1')).data).toEqual({
          status: 'placed',
          existedBefore: false,
        });
      });

      it('write nothing and reject with the error when the function throws', async () => {
        await store.set('households/h1', { n: 1 });
        const failure = new Error('changed my mind');
        await expect(
          store.runTransaction(async (tx) => {
            await tx.get('households/h1');
            tx.set('households/h1', { n: 2 });
            tx.set('households/h2', { n: 2 });
            throw failure;
          }),
        ).rejects.toBe(failure);
        expect((await store.getAll(['households/h1', 'households/h2'])).map((s) => s.data)).toEqual([
          { n: 1 },
          undefined,
        ]);
      });

      it('fail with AlreadyExistsError and write nothing when a create finds its document', async () => {
        await store.set('orders/o1', { first: true });
        const error = await store
          .runTransaction(async (tx) => {
            tx.set('orders/o2', { second: true });
            tx.create('orders/o1', { first: false });
          })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(AlreadyExistsError);
        expect((await store.getAll(['orders/o1', 'orders/o2'])).map((s) => s.data)).toEqual([
          { first: true },
          undefined,
        ]);
      });

      it('refuse a read after a write', async () => {
        await expect(
          store.runTransaction(async (tx) => {
            tx.set('households/h1', { n: 1 });
            await tx.get('households/h2');
          }),
        ).rejects.toThrow();
        expect((await store.get('households/h1')).exists).toBe(false);
      });

      it('never lose a write made between their read and their commit', async () => {
        await store.set('counters/c', { count: 0 });
        let runs = 0;
        let outside: Promise<void> | undefined;
        await store.runTransaction(async (tx) => {
          runs++;
          const snap = await tx.get('counters/c');
          if (!outside) {
            // Another writer changes the document after this transaction read it. A store that
            // locks (Firestore) makes that write wait for this commit; an optimistic one
            // (SQLite) lets it through and runs this function again.
            outside = store.set('counters/c', { count: 100 });
            await Promise.race([outside, sleep(300)]);
          }
          tx.set('counters/c', { count: (snap.data?.count as number) + 1 });
        });
        await outside;
        const final = (await store.get('counters/c')).data?.count;
        // Serialisable outcomes only: this transaction after the other write (101, run twice)
        // or before it (100). 1 would be the other write lost.
        if (final === 101) expect(runs).toBe(2);
        else expect(final).toBe(100);
      });
    });

    describe('recursive delete', () => {
      it('removes the document and everything under it, and nothing beside it', async () => {
        const under = [
          'households/h1',
          'households/h1/devices/d1',
          'households/h1/devices/d1/commands/c1',
          'households/h1/devices/d1/commands/c1/attempts/a1',
          'households/h1/devices/d2',
          'households/h1/context/inventory',
          'households/h1/orphans/o1/children/x1', // its parent document never existed
        ];
        const beside = [
          'households/h10',
          'households/h1x',
          'households/h10/devices/d1',
          'households/h2/devices/d1',
          'devices/d1',
          'audit/households',
        ];
        const batch = store.batch();
        for (const p of [...under, ...beside]) batch.set(p, { p });
        await batch.commit();

        await store.recursiveDelete('households/h1');

        expect((await store.getAll(under)).filter((s) => s.exists).map((s) => s.path)).toEqual([]);
        for (const collection of [
          'households/h1/devices',
          'households/h1/devices/d1/commands',
          'households/h1/context',
        ]) {
          expect(await ids(store, { collection })).toEqual([]);
        }
        expect((await store.getAll(beside)).map((s) => s.data)).toEqual(beside.map((p) => ({ p })));
        expect(await ids(store, { collection: 'households' })).toEqual(['h10', 'h1x']);
      });

      it('removes the subcollections of a document that does not exist itself', async () => {
        await store.set('households/h1/devices/d1', { kind: 'fridge' });
        await store.recursiveDelete('households/h1');
        expect((await store.get('households/h1/devices/d1')).exists).toBe(false);
      });
    });

    describe('paths', () => {
      const badDocumentPaths = [
        '',
        'households',
        'households/h1/devices',
        'households//devices/d1',
        'households/h1/',
        '/households/h1',
        'households/__reserved__',
      ];

      it.each(badDocumentPaths)('rejects %j as a document path with InvalidPathError', async (bad) => {
        await expect(store.get(bad)).rejects.toBeInstanceOf(InvalidPathError);
        await expect(store.getAll(['households/h1', bad])).rejects.toBeInstanceOf(InvalidPathError);
        await expect(store.set(bad, { a: 1 })).rejects.toBeInstanceOf(InvalidPathError);
        await expect(store.create(bad, { a: 1 })).rejects.toBeInstanceOf(InvalidPathError);
        await expect(store.merge(bad, { a: 1 })).rejects.toBeInstanceOf(InvalidPathError);
        await expect(store.delete(bad)).rejects.toBeInstanceOf(InvalidPathError);
        await expect(store.recursiveDelete(bad)).rejects.toBeInstanceOf(InvalidPathError);
        expect(() => store.batch().set(bad, { a: 1 })).toThrow(InvalidPathError);
        await expect(store.runTransaction((tx) => tx.get(bad))).rejects.toBeInstanceOf(InvalidPathError);
      });

      it('rejects a document path as a query collection with InvalidPathError', async () => {
        await expect(store.query({ collection: 'households/h1' })).rejects.toBeInstanceOf(InvalidPathError);
        await expect(store.query({ collection: '' })).rejects.toBeInstanceOf(InvalidPathError);
      });
    });

    describe('under concurrency', () => {
      let compiled: CompiledStore;
      beforeAll(async () => {
        compiled = await compileStoreForWorkers();
      });
      afterAll(async () => {
        await compiled?.dispose();
      });

      it(
        '50 concurrent transactions of one process increment a counter to exactly 50',
        async () => {
          await Promise.all(Array.from({ length: 50 }, () => incrementWithRetry(store, 'counters/shared')));
          expect((await store.get('counters/shared')).data).toEqual({ count: 50 });
        },
        CONTENDED_TIMEOUT_MS,
      );

      it(
        '50 increments from 5 worker threads, each with its own connection, end at exactly 50',
        async () => {
          const outcomes = await runInWorkers(
            compiled,
            sut.workerStore,
            Array.from(
              { length: 5 },
              () => ({ kind: 'increment', path: 'counters/shared', times: 10 }) as const,
            ),
          );
          expect(outcomes.map((o) => o.ok)).toEqual([10, 10, 10, 10, 10]);
          expect((await store.get('counters/shared')).data).toEqual({ count: 50 });
        },
        CONTENDED_TIMEOUT_MS,
      );

      it('20 concurrent creates of one path in one process: exactly one wins', async () => {
        const results = await Promise.allSettled(
          Array.from({ length: 20 }, (_, i) => store.create('orders/o1', { attempt: i })),
        );
        const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
        expect(won).toHaveLength(1);
        for (const r of results) {
          if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(AlreadyExistsError);
        }
        expect((await store.get('orders/o1')).data).toEqual({ attempt: won[0] });
      });

      it(
        '20 concurrent creates of one path from 4 worker threads: exactly one wins, the rest get AlreadyExistsError',
        async () => {
          const outcomes = await runInWorkers(
            compiled,
            sut.workerStore,
            ['w0', 'w1', 'w2', 'w3'].map(
              (by) => ({ kind: 'create', path: 'orders/o1', times: 5, by }) as const,
            ),
          );
          expect(outcomes.reduce((sum, o) => sum + o.ok, 0)).toBe(1);
          expect(outcomes.reduce((sum, o) => sum + o.alreadyExists, 0)).toBe(19);
          const winner = outcomes.findIndex((o) => o.ok === 1);
          expect((await store.get('orders/o1')).data).toMatchObject({ by: `w${winner}` });
        },
        CONTENDED_TIMEOUT_MS,
      );
    });
  });
}
