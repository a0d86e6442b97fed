import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preferencesDocumentSchema } from '../../src/household/context-documents.js';
import { createEffectWriter } from '../../src/household/effect-writer.js';
import type { HouseholdWrite } from '../../src/runtime/effects.js';
import type { DocumentStore } from '../../src/store/document-store.js';
import { openTestFirestoreStore } from '../support/firestore.js';
import { capturingLogger, storeWith } from '../support/store-faults.js';
import { openTempSqliteStore } from '../support/temp-sqlite.js';

/** Adds `entry` to the shopping list as stored at commit time. */
const addToList = (entry: string): HouseholdWrite => ({
  kind: 'context',
  purpose: 'preferences',
  update: (current) => {
    const stored = preferencesDocumentSchema.parse(current ?? {});
    return stored.shoppingList.includes(entry)
      ? undefined
      : { shoppingList: [...stored.shoppingList, entry] };
  },
});

const offer = (id: string): HouseholdWrite => ({ kind: 'record', collection: 'offerLog', id, data: { id } });

async function shoppingList(store: DocumentStore, hid: string): Promise<string[]> {
  const snap = await store.get(`households/${hid}/context/preferences`);
  return preferencesDocumentSchema.parse(snap.data ?? {}).shoppingList;
}

/** The same behaviour on every store (DESIGN.md: both stores pass the same tests). */
function effectWriterSuite(
  name: string,
  open: () => Promise<{ store: DocumentStore; dispose: () => Promise<void> }>,
) {
  describe(`turn effects on ${name}`, () => {
    let store: DocumentStore;
    let dispose: () => Promise<void>;
    beforeAll(async () => {
      ({ store, dispose } = await open());
      // Writes queued after the reply are written only for a household that (still) exists.
      const queuedFor = ['hh_q0', 'hh_q1', 'hh_q2', 'hh_timed', 'hh_ok', 'hh_bad', 'hh_cap', 'hh_lost'];
      for (const hid of queuedFor) await store.set(`households/${hid}`, { locale: 'en-GB' });
    });
    afterAll(() => dispose());

    it('commits a context update at once, from the document as stored', async () => {
      const { logger } = capturingLogger();
      const writer = createEffectWriter({ store, logger });
      await writer.commit('hh_commit', [addToList('egg')]);
      await writer.commit('hh_commit', [addToList('milk'), addToList('egg')]);
      expect(await shoppingList(store, 'hh_commit')).toEqual(['egg', 'milk']);
    });

    it('loses no addition when turns of one household commit at the same time', async () => {
      const { logger } = capturingLogger();
      const writer = createEffectWriter({ store, logger });
      const items = ['a', 'b', 'c', 'd', 'e', 'f'];
      await Promise.all(items.map((item) => writer.commit('hh_race', [addToList(item)])));
      expect((await shoppingList(store, 'hh_race')).sort()).toEqual(items);
    });

    it('adds to a list without reading it, in one batch, keeping additions made at the same time', async () => {
      const { logger } = capturingLogger();
      const writer = createEffectWriter({ store, logger });
      const add = (entry: string): HouseholdWrite => ({
        kind: 'contextAdd',
        purpose: 'preferences',
        field: 'shoppingList',
        values: [entry],
      });
      await Promise.all(['x', 'y', 'z', 'x'].map((entry) => writer.commit('hh_add', [add(entry)])));
      expect((await shoppingList(store, 'hh_add')).sort()).toEqual(['x', 'y', 'z']);
      // With an update in the same turn: one transaction, the addition applied after the update.
      await writer.commit('hh_add', [addToList('w'), add('v')]);
      expect(await shoppingList(store, 'hh_add')).toContain('v');
      expect(await shoppingList(store, 'hh_add')).toContain('w');
    });

    it('queues writes after the reply and writes them together on the next flush', async () => {
      const { logger } = capturingLogger();
      const writer = createEffectWriter({ store, logger, flushIntervalMs: 60_000 });
      for (let i = 0; i < 30; i++) writer.defer(`hh_q${i % 3}`, [offer(`o${i}`)], `req-${i}`);
      writer.defer('hh_q0', [addToList('bread')]);
      expect(writer.pending).toBe(31);
      expect((await store.get('households/hh_q0/offerLog/o0')).exists).toBe(false);
      await writer.flush();
      expect(writer.pending).toBe(0);
      for (let i = 0; i < 30; i++)
        expect((await store.get(`households/hh_q${i % 3}/offerLog/o${i}`)).exists).toBe(true);
      expect(await shoppingList(store, 'hh_q0')).toEqual(['bread']);
    });

    it('flushes on its own after the interval, and on stop', async () => {
      const { logger } = capturingLogger();
      const timed = createEffectWriter({ store, logger, flushIntervalMs: 20 });
      timed.defer('hh_timed', [offer('t1')]);
      await expect.poll(async () => (await store.get('households/hh_timed/offerLog/t1')).exists).toBe(true);
      const stopping = createEffectWriter({ store, logger, flushIntervalMs: 60_000 });
      stopping.defer('hh_timed', [offer('t2')]);
      await stopping.stop();
      expect((await store.get('households/hh_timed/offerLog/t2')).exists).toBe(true);
    });

    it('keeps one failing write from losing the others, and never writes a committed one twice', async () => {
      const { logger, lines } = capturingLogger();
      const writer = createEffectWriter({ store, logger, flushIntervalMs: 60_000, retryDelayMs: 5 });
      const count: HouseholdWrite = {
        kind: 'context',
        purpose: 'preferences',
        update: (current) => {
          const stored = preferencesDocumentSchema.parse(current ?? {});
          return { shoppingList: [...stored.shoppingList, `n${stored.shoppingList.length}`] };
        },
      };
      const broken: HouseholdWrite = {
        kind: 'context',
        purpose: 'preferences',
        update: () => {
          throw new Error('a skill bug');
        },
      };
      writer.defer('hh_ok', [count], 'req-ok');
      writer.defer('hh_bad', [broken], 'req-bad');
      writer.defer('hh_ok', [offer('kept-offer')], 'req-offer');
      await writer.flush();
      // The good household's update ran once, though the bad one's failed twice.
      expect(await shoppingList(store, 'hh_ok')).toEqual(['n0']);
      expect((await store.get('households/hh_ok/offerLog/kept-offer')).exists).toBe(true);
      const lost = lines.filter((l) => l.msg === 'deferred writes lost after a retry');
      expect(lost).toHaveLength(1);
      expect(lost[0]).toMatchObject({ writes: 1, requestIds: ['req-bad'] });
    });

    it('refuses an addition that would make its document unreadable, and writes nothing of it', async () => {
      const { logger } = capturingLogger();
      const writer = createEffectWriter({ store, logger });
      const add = (field: string, values: string[]): HouseholdWrite => ({
        kind: 'contextAdd',
        purpose: 'preferences',
        field,
        values,
      });
      await expect(writer.commit('hh_refuse', [add('usualOrder', ['x'])])).rejects.toThrow(
        /no list usualOrder/,
      );
      await expect(writer.commit('hh_refuse', [add('shoppingList', ['y'.repeat(201)])])).rejects.toThrow(
        /does not fit/,
      );
      await expect(writer.commit('hh_refuse', [add('shoppingList', [])])).rejects.toThrow(/nothing to add/);
      expect((await store.get('households/hh_refuse/context/preferences')).exists).toBe(false);
    });

    it('drops (and logs) writes deferred after it stopped or past its bound, instead of holding them', async () => {
      const { logger, lines } = capturingLogger();
      const writer = createEffectWriter({ store, logger, flushIntervalMs: 60_000, maxPending: 2 });
      writer.defer('hh_cap', [offer('c1'), offer('c2')], 'req-fits');
      writer.defer('hh_cap', [offer('c3')], 'req-over');
      await writer.stop();
      writer.defer('hh_cap', [offer('c4')], 'req-late');
      const dropped = lines.filter((l) => l.msg === 'deferred writes dropped');
      expect(dropped.map((l) => [l.why, l.requestIds])).toEqual([
        ['queue full', ['req-over']],
        ['stopped', ['req-late']],
      ]);
      expect((await store.get('households/hh_cap/offerLog/c2')).exists).toBe(true);
      expect((await store.get('households/hh_cap/offerLog/c3')).exists).toBe(false);
    });

    it('retries a failed flush once, then logs what was lost with its request ids (never silently)', async () => {
      let failures = 2;
      const flaky = storeWith(store, (method) =>
        method === 'batch'
          ? () => {
              const batch = store.batch();
              return new Proxy(batch, {
                get(target, prop) {
                  if (prop === 'commit' && failures-- > 0)
                    return () => Promise.reject(new Error('UNAVAILABLE'));
                  const value = Reflect.get(target, prop, target) as unknown;
                  return typeof value === 'function' ? value.bind(target) : value;
                },
              });
            }
          : undefined,
      );
      const { logger, lines } = capturingLogger();
      const writer = createEffectWriter({ store: flaky, logger, flushIntervalMs: 60_000, retryDelayMs: 5 });
      writer.defer('hh_lost', [offer('lost')], 'req-lost');
      await writer.flush();
      expect(lines.find((l) => l.msg === 'deferred writes lost after a retry')).toMatchObject({
        writes: 1,
        requestIds: ['req-lost'],
      });
      failures = 1;
      writer.defer('hh_lost', [offer('kept')], 'req-kept');
      await writer.flush();
      expect((await store.get('households/hh_lost/offerLog/kept')).exists).toBe(true);
    });
  });
}

effectWriterSuite('a SQLite file', () => openTempSqliteStore('hearth-effects-'));

effectWriterSuite('the Firestore emulator', async () => {
  const { store } = await openTestFirestoreStore();
  return { store, dispose: () => store.close() };
});
