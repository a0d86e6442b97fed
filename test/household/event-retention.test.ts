import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { shippedIngredientLabels } from '../../src/domains/recipes/normalise-ingredient.js';
import { enqueueCommands, purgeExpiredCommands } from '../../src/household/device-commands.js';
import { applyDeviceEvents } from '../../src/household/device-events/apply-events.js';
import {
  purgeExpiredEvents,
  readLiveEvents,
  startEventPurge,
} from '../../src/household/device-events/event-retention.js';
import type { DeviceEvent } from '../../src/household/device-events/event-schema.js';
import type { ConsentGate } from '../../src/runtime/consent-gate.js';
import type { DocumentStore } from '../../src/store/document-store.js';
import { openStore } from '../../src/store/open-store.js';
import { openTempSqliteStore } from '../support/temp-sqlite.js';

const T0 = new Date('2026-11-20T09:00:00.000Z');
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(T0.getTime() + ms);

/** Grants whatever is asked: this suite is about retention, not consent. */
const grantAll: ConsentGate = { read: async (purposes) => ({ granted: [...purposes], documents: {} }) };

const brewed = (eventId: string): DeviceEvent => ({
  eventId,
  type: 'capsule.brewed',
  at: T0.toISOString(),
  variety: 'espresso',
  count: 1,
});

/** The same behaviour on every store (DESIGN.md: both stores pass the same tests). */
function retentionSuite(
  name: string,
  open: () => Promise<{ store: DocumentStore; dispose: () => Promise<void> }>,
) {
  describe(`event retention on ${name}`, () => {
    let store: DocumentStore;
    let dispose: () => Promise<void>;
    beforeAll(async () => {
      ({ store, dispose } = await open());
    });
    afterAll(() => dispose());
    beforeEach(async () => {
      for (const hh of await store.query({ collection: 'households' })) await store.recursiveDelete(hh.path);
      await store.delete('meta/purge');
      for (const hid of ['hh_a', 'hh_b']) {
        await store.set(`households/${hid}`, {
          locale: 'fr-FR',
          timeZone: 'Europe/Paris',
          createdAt: T0.toISOString(),
        });
        // Capsules to brew: a brew of capsules that are not there is refused.
        await store.set(`households/${hid}/context/consumption`, {
          capsules: { espresso: { stock: 5000, perDay: 0, updatedAt: T0.toISOString() } },
          updatedAt: T0.toISOString(),
        });
      }
      for (const [hid, deviceId] of [
        ['hh_a', 'dev_1'],
        ['hh_a', 'dev_2'],
        ['hh_b', 'dev_9'],
      ] as const) {
        await store.set(`households/${hid}/devices/${deviceId}`, { kind: 'coffee-machine', state: {} });
      }
    });

    const receive = (hid: string, deviceId: string, eventIds: string[], now: Date, retentionMs = DAY) =>
      applyDeviceEvents({
        store,
        householdId: hid,
        deviceId,
        gate: grantAll,
        events: eventIds.map(brewed),
        now,
        retentionMs,
        ingredientLabels: shippedIngredientLabels(),
      });

    it('stamps expireAt from the receipt time and the retention, and reads ignore expired events', async () => {
      await receive('hh_a', 'dev_1', ['e1', 'e2'], T0);
      await receive('hh_a', 'dev_2', ['e3'], at(HOUR), 3 * DAY);
      const live = await readLiveEvents({ store, householdId: 'hh_a', now: at(2 * HOUR) });
      expect(live.map((e) => [e.eventId, e.expireAt])).toEqual([
        ['e1', '2026-11-21T09:00:00.000Z'],
        ['e2', '2026-11-21T09:00:00.000Z'],
        ['e3', '2026-11-23T10:00:00.000Z'],
      ]);
      expect(
        (await readLiveEvents({ store, householdId: 'hh_a', now: at(2 * HOUR), deviceId: 'dev_2' })).length,
      ).toBe(1);
      // A day later e1 and e2 have expired: still stored (not purged yet), never read.
      const later = await readLiveEvents({ store, householdId: 'hh_a', now: at(DAY) });
      expect(later.map((e) => e.eventId)).toEqual(['e3']);
      expect(await store.query({ collection: 'households/hh_a/events' })).toHaveLength(3);
    });

    it('answers a retried batch with duplicate and moves the stock once, also across transactions', async () => {
      const ids = Array.from({ length: 410 }, (_, i) => `r-${i}`);
      const first = await receive('hh_a', 'dev_1', ids, T0);
      expect(first.every((r) => r.status === 'accepted')).toBe(true);
      await store.set('households/hh_a/context/consumption', {
        capsules: { espresso: { stock: 1000, perDay: 2, updatedAt: T0.toISOString() } },
        updatedAt: T0.toISOString(),
      });
      const retry = await receive('hh_a', 'dev_1', [...ids, 'r-new'], at(HOUR));
      expect(retry.filter((r) => r.status === 'duplicate')).toHaveLength(410);
      expect(retry.at(-1)).toEqual({ eventId: 'r-new', status: 'accepted' });
      const consumption = await store.get('households/hh_a/context/consumption');
      expect(consumption.data?.capsules).toMatchObject({ espresso: { stock: 999, perDay: 2 } });
    });

    it('counts an event once when the same batch arrives twice at the same time', async () => {
      await store.set('households/hh_b/context/consumption', {
        capsules: { espresso: { stock: 50, perDay: 2, updatedAt: T0.toISOString() } },
        updatedAt: T0.toISOString(),
      });
      const ids = ['c1', 'c2', 'c3'];
      const [one, two] = await Promise.all([
        receive('hh_b', 'dev_9', ids, T0),
        receive('hh_b', 'dev_9', ids, T0),
      ]);
      const accepted = [...one, ...two].filter((r) => r.status === 'accepted').map((r) => r.eventId);
      expect(accepted.sort()).toEqual(ids);
      const consumption = await store.get('households/hh_b/context/consumption');
      expect(consumption.data?.capsules).toMatchObject({ espresso: { stock: 47 } });
    });

    it('purges expired events across households, keeps live ones, and says how many it deleted', async () => {
      await receive('hh_a', 'dev_1', ['a1', 'a2', 'a3'], T0);
      await receive('hh_b', 'dev_9', ['b1', 'b2'], T0);
      await receive('hh_b', 'dev_9', ['b3'], T0, 10 * DAY);
      expect(await purgeExpiredEvents({ store, now: at(DAY - 1) })).toBe(0);
      expect(await purgeExpiredEvents({ store, now: at(DAY) })).toBe(5);
      expect(await purgeExpiredEvents({ store, now: at(DAY) })).toBe(0);
      expect(await store.query({ collection: 'households/hh_a/events' })).toEqual([]);
      const left = await store.query({ collection: 'households/hh_b/events' });
      expect(left.map((d) => d.data?.eventId)).toEqual(['b3']);
      // The context the events updated stays: only raw events expire.
      const consumption = await store.get('households/hh_b/context/consumption');
      expect(consumption.exists).toBe(true);
    });

    it('deletes at most `limit` per run, and more than one commit’s worth when asked', async () => {
      const ids = Array.from({ length: 480 }, (_, i) => `bulk-${i}`);
      await receive('hh_a', 'dev_1', ids, T0);
      expect(await purgeExpiredEvents({ store, now: at(2 * DAY), limit: 10 })).toBe(10);
      expect(await purgeExpiredEvents({ store, now: at(2 * DAY) })).toBe(470);
      expect(await store.query({ collection: 'households/hh_a/events' })).toEqual([]);
    });

    /** Writes `count` raw events of `hid` that expired at T0 (and one that lives on), straight into the store. */
    const seedExpired = async (hid: string, prefix: string, count: number) => {
      const batch = store.batch();
      for (let i = 0; i <= count; i++) {
        const expireAt = i < count ? T0.toISOString() : at(100 * DAY).toISOString();
        batch.set(`households/${hid}/events/${prefix}-${i}`, {
          deviceId: 'dev_x',
          eventId: `${prefix}-${i}`,
          type: 'capsule.brewed',
          purpose: 'consumption',
          at: at(-DAY).toISOString(),
          receivedAt: at(-DAY).toISOString(),
          expireAt,
          data: { variety: 'espresso', count: 1 },
        });
      }
      await batch.commit();
    };
    const expiredLeft = async (hid: string) =>
      (
        await store.query({
          collection: `households/${hid}/events`,
          where: [{ field: 'expireAt', op: '<=', value: T0.toISOString() }],
        })
      ).length;

    it('never starves a household behind one that keeps filling each run’s budget', async () => {
      await store.set('households/hh_z', {
        locale: 'fr-FR',
        timeZone: 'Europe/Paris',
        createdAt: T0.toISOString(),
      });
      await seedExpired('hh_z', 'z', 3);
      // hh_a sorts first and, before every run, has a whole run's budget of expired events again.
      for (let run = 0; run < 3; run++) {
        await seedExpired('hh_a', `a${run}`, 10);
        await purgeExpiredEvents({ store, now: at(HOUR), limit: 10 });
      }
      expect(await expiredLeft('hh_z')).toBe(0);
      // The live ones stay.
      expect(await store.query({ collection: 'households/hh_z/events' })).toHaveLength(1);
    });

    it('purges every household over several runs when each run’s limit is less than the total', async () => {
      const hids = Array.from({ length: 8 }, (_, i) => `hh_m${i}`);
      for (const hid of hids) {
        await store.set(`households/${hid}`, {
          locale: 'fr-FR',
          timeZone: 'Europe/Paris',
          createdAt: T0.toISOString(),
        });
        await seedExpired(hid, hid, 12);
      }
      const runs: number[] = [];
      for (let run = 0; run < 10 && runs.at(-1) !== 0; run++) {
        runs.push(await purgeExpiredEvents({ store, now: at(HOUR), limit: 20 }));
      }
      expect(runs).toEqual([20, 20, 20, 20, 16, 0]);
      for (const hid of hids) {
        expect(await expiredLeft(hid)).toBe(0);
        expect(await store.query({ collection: `households/${hid}/events` })).toHaveLength(1);
      }
      // The cursor is kept in the store, so a restarted process goes on where the last run stopped.
      expect((await store.get('meta/purge')).data?.events).toMatchObject({ after: expect.any(String) });
    });

    it('purges expired commands the same way', async () => {
      await enqueueCommands({
        store,
        householdId: 'hh_a',
        deviceId: 'dev_1',
        commands: [{ command: 'power', params: { on: true } }],
        now: T0,
        ttlMs: HOUR,
      });
      await enqueueCommands({
        store,
        householdId: 'hh_b',
        deviceId: 'dev_9',
        commands: [{ command: 'power', params: { on: false } }],
        now: T0,
        ttlMs: 3 * HOUR,
      });
      expect(await purgeExpiredCommands({ store, now: at(2 * HOUR) })).toBe(1);
      expect(await store.query({ collection: 'households/hh_a/commands' })).toEqual([]);
      expect(await store.query({ collection: 'households/hh_b/commands' })).toHaveLength(1);
    });

    it('runs the purge on a schedule, and stopping waits for the run in flight', async () => {
      await receive('hh_a', 'dev_1', ['s1', 's2'], T0);
      let now = at(HOUR);
      const stop = startEventPurge({
        store,
        clock: () => now,
        logger: pino({ level: 'silent' }),
        intervalMs: 20,
      });
      now = at(2 * DAY);
      await expect
        .poll(async () => (await store.query({ collection: 'households/hh_a/events' })).length, {
          timeout: 5000,
        })
        .toBe(0);
      await stop();
    });
  });
}

retentionSuite('SQLite', () => openTempSqliteStore('hearth-retention-'));

retentionSuite('the Firestore emulator', async () => {
  // A project of its own keeps this file's data apart from every other test file's in the shared emulator.
  const projectId = `hearth-retention-${process.pid}-${Date.now()}`;
  const store = await openStore({ kind: 'firestore', projectId });
  return {
    store,
    dispose: async () => {
      for (const hh of await store.query({ collection: 'households' })) await store.recursiveDelete(hh.path);
      await store.close();
    },
  };
});
