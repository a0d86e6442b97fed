import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryState } from '../../src/channels/google/smart-home-traits.js';
import { shippedIngredientLabels } from '../../src/domains/recipes/normalise-ingredient.js';
import { applyDeviceEvents } from '../../src/household/device-events/apply-events.js';
import { parseCapsules } from '../../src/household/device-events/context-updates.js';
import { type EventQuota, EventQuotaExceeded } from '../../src/household/device-events/event-quota.js';
import type { DeviceEvent } from '../../src/household/device-events/event-schema.js';
import { deviceRecordSchema } from '../../src/household/household-record.js';
import type { ConsentGate } from '../../src/runtime/consent-gate.js';
import type { DocumentStore } from '../../src/store/document-store.js';
import { openTempSqliteStore } from '../support/temp-sqlite.js';

const T0 = new Date('2026-11-20T09:00:00.000Z');
const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(T0.getTime() + ms);
const iso = (ms: number) => at(ms).toISOString();

const grantAll: ConsentGate = { read: async (purposes) => ({ granted: [...purposes], documents: {} }) };

const HID = 'hh_1';
const DEVICE = 'coffee_1';
const devicePath = `households/${HID}/devices/${DEVICE}`;

const brewed = (eventId: string, when = T0.toISOString()): DeviceEvent => ({
  eventId,
  type: 'capsule.brewed',
  at: when,
  variety: 'espresso',
  count: 1,
});
const state = (eventId: string, when: string, fields: { online?: boolean; on?: boolean }): DeviceEvent => ({
  eventId,
  type: 'device.state',
  at: when,
  ...fields,
});

let store: DocumentStore;
let dispose: () => Promise<void>;
beforeAll(async () => {
  ({ store, dispose } = await openTempSqliteStore('hearth-device-events-'));
});
afterAll(() => dispose());
beforeEach(async () => {
  await store.recursiveDelete(`households/${HID}`);
  await store.set(`households/${HID}`, { locale: 'fr-FR', timeZone: 'Europe/Paris', createdAt: iso(0) });
  await store.set(devicePath, {
    kind: 'coffee-machine',
    skillId: 'coffee-companion',
    brandId: 'brand_1',
    locale: 'fr-FR',
    name: 'Coffee',
    state: {},
    createdAt: iso(-DAY),
  });
  await store.set(`households/${HID}/context/consumption`, {
    capsules: { espresso: { stock: 1000, perDay: 2, updatedAt: iso(-DAY) } },
    updatedAt: iso(-DAY),
  });
});

const receive = (events: DeviceEvent[], now = T0, extra: { quota?: EventQuota; wallNow?: Date } = {}) =>
  applyDeviceEvents({
    store,
    householdId: HID,
    deviceId: DEVICE,
    gate: grantAll,
    events,
    now,
    ...extra,
    ingredientLabels: shippedIngredientLabels(),
  });
const rawEvents = async () => (await store.query({ collection: `households/${HID}/events` })).length;
const device = async () => deviceRecordSchema.parse((await store.get(devicePath)).data);
const stock = async () => {
  const capsules = (await store.get(`households/${HID}/context/consumption`)).data?.capsules;
  return (capsules as Record<string, { stock: number }> | undefined)?.espresso?.stock;
};
const consumption = async () =>
  parseCapsules((await store.get(`households/${HID}/context/consumption`)).data);
const capsuleEvent = (
  eventId: string,
  type: 'capsule.brewed' | 'capsule.delivered',
  when: number,
  count: number,
  variety = 'lungo',
): DeviceEvent => ({ eventId, type, at: iso(when), variety, count });

describe('device.state is coalesced into the device document', () => {
  it('keeps no raw document per state event, only the latest reading', async () => {
    const events = Array.from({ length: 500 }, (_, i) =>
      state(`s-${i}`, iso(-500 * 1000 + i * 1000), { online: true, on: i % 2 === 0 }),
    );
    const results = await receive(events);
    expect(results.every((r) => r.status === 'accepted')).toBe(true);
    expect(await rawEvents()).toBe(0);
    expect((await device()).state).toEqual({ reportedAt: iso(-1000), online: true, on: false });
  });

  it('keeps nothing for a device removed since its token was checked', async () => {
    await store.delete(devicePath);
    const results = await receive([state('s-1', iso(0), { online: true }), brewed('b-1')]);
    expect(results.map((r) => r.status)).toEqual(['discarded', 'discarded']);
    expect((await store.get(devicePath)).exists).toBe(false);
    expect(await rawEvents()).toBe(0);
  });
});

describe('a state dated ahead of its receipt (device clock ahead)', () => {
  it('counts as received now: it does not block a later real report', async () => {
    await receive([state('ahead', iso(20 * HOUR), { online: true, on: true })], T0);
    expect((await device()).state).toMatchObject({ reportedAt: iso(0), on: true });
    // An hour later the device, its clock fixed, reports it is off.
    await receive([state('real', iso(HOUR), { on: false })], at(HOUR));
    expect((await device()).state).toMatchObject({ reportedAt: iso(HOUR), on: false });
  });

  it('does not keep the device online for Google Home past a day after it was received', async () => {
    await receive([state('ahead', iso(23 * HOUR), { online: true })], T0);
    expect(queryState(await device(), at(HOUR)).online).toBe(true);
    expect(queryState(await device(), at(DAY + MINUTE))).toEqual({ online: false, status: 'OFFLINE' });
  });

  it('does not make capsule stock look fresher than its receipt', async () => {
    await receive([brewed('ahead', iso(4 * MINUTE))], T0, { wallNow: T0 });
    const capsules = (await store.get(`households/${HID}/context/consumption`)).data?.capsules;
    expect(capsules).toMatchObject({ espresso: { stock: 999, updatedAt: iso(0) } });
  });
});

describe('the per-device quota on kept events', () => {
  const quota: EventQuota = { burst: 450, perDay: 1000 };

  it('refuses a batch that does not fit, whole: no raw event, no stock, no state change', async () => {
    // 420 raw events: more than one transaction's worth, so the refusal must span them.
    await receive(
      Array.from({ length: 100 }, (_, i) => brewed(`a-${i}`)),
      T0,
      { quota, wallNow: T0 },
    );
    const batch = [
      state('s-1', iso(0), { on: true }),
      ...Array.from({ length: 420 }, (_, i) => brewed(`b-${i}`)),
    ];
    const error = await receive(batch, T0, { quota, wallNow: T0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventQuotaExceeded);
    // 350 left, 420 asked: 70 missing at 1000 a day is 6048 s.
    expect((error as EventQuotaExceeded).retryAfterSeconds).toBe(6048);
    expect(await rawEvents()).toBe(100);
    expect(await stock()).toBe(900);
    expect((await device()).state).toEqual({});
    // Once refilled, the same batch is kept whole.
    const later = await receive(batch, T0, { quota, wallNow: at(6048 * 1000) });
    expect(later.every((r) => r.status === 'accepted')).toBe(true);
    expect(await rawEvents()).toBe(520);
  });

  it('does not charge duplicates, so retrying a kept batch with an empty bucket still answers', async () => {
    const batch = Array.from({ length: 450 }, (_, i) => brewed(`r-${i}`));
    await receive(batch, T0, { quota, wallNow: T0 });
    const retry = await receive(batch, T0, { quota, wallNow: T0 });
    expect(retry.every((r) => r.status === 'duplicate')).toBe(true);
    await expect(receive([brewed('one-more')], T0, { quota, wallNow: T0 })).rejects.toBeInstanceOf(
      EventQuotaExceeded,
    );
  });

  it('leaves state reports free: a device over its quota still reports its state', async () => {
    await receive(
      Array.from({ length: 450 }, (_, i) => brewed(`f-${i}`)),
      T0,
      { quota, wallNow: T0 },
    );
    const results = await receive([state('s-2', iso(MINUTE), { online: false })], at(MINUTE), {
      quota,
      wallNow: at(MINUTE),
    });
    expect(results).toEqual([{ eventId: 's-2', status: 'accepted' }]);
    expect((await device()).state).toMatchObject({ online: false });
  });
});

describe('capsule stock in event time', () => {
  it('refuses a brew of capsules not yet delivered, and accepts its retry once the delivery is known', async () => {
    const brew = capsuleEvent('brew-1', 'capsule.brewed', -DAY, 2);
    expect(await receive([brew])).toEqual([
      { eventId: 'brew-1', status: 'refused', reason: 'stock_negative' },
    ]);
    expect(await rawEvents()).toBe(0);
    // The delivery, dated the day before the brew, arrives late; the device retries the brew.
    await receive([capsuleEvent('box-1', 'capsule.delivered', -2 * DAY, 10)]);
    expect(await receive([brew])).toEqual([{ eventId: 'brew-1', status: 'accepted' }]);
    expect((await consumption()).lungo).toMatchObject({
      stock: 8,
      since: '2026-11-18',
      baseline: 0,
      days: { '2026-11-18': { brewed: 0, delivered: 10 }, '2026-11-19': { brewed: 2, delivered: 0 } },
    });
  });

  it('refuses a late brew dated before the delivery that would cover it', async () => {
    await receive([capsuleEvent('box-2', 'capsule.delivered', 0, 10)]);
    const results = await receive([capsuleEvent('early', 'capsule.brewed', -3 * DAY, 1)]);
    expect(results).toEqual([{ eventId: 'early', status: 'refused', reason: 'stock_negative' }]);
    expect((await consumption()).lungo?.stock).toBe(10);
  });

  it('refuses events dated more than 7 days before receipt or more than 5 minutes after it', async () => {
    const results = await receive(
      [
        capsuleEvent('old', 'capsule.delivered', -7 * DAY - MINUTE, 5),
        capsuleEvent('week', 'capsule.delivered', -7 * DAY + MINUTE, 5),
        capsuleEvent('ahead', 'capsule.delivered', 5 * MINUTE + 1000, 5),
        capsuleEvent('skew', 'capsule.delivered', 4 * MINUTE, 5),
        state('state-ahead', iso(HOUR), { on: true }),
      ],
      T0,
      { wallNow: T0 },
    );
    expect(results).toEqual([
      { eventId: 'old', status: 'refused', reason: 'too_old' },
      { eventId: 'week', status: 'accepted' },
      { eventId: 'ahead', status: 'refused', reason: 'in_future' },
      { eventId: 'skew', status: 'accepted' },
      { eventId: 'state-ahead', status: 'accepted' },
    ]);
    expect((await consumption()).lungo?.stock).toBe(10);
    expect(await rawEvents()).toBe(2);
  });

  it('refuses absurd counts and keeps nothing of them', async () => {
    const results = await receive([capsuleEvent('lots', 'capsule.brewed', 0, 900, 'espresso')]);
    expect(results).toEqual([{ eventId: 'lots', status: 'refused', reason: 'implausible_count' }]);
    expect(await stock()).toBe(1000);
  });

  it('counts an event on its day in the household time zone', async () => {
    // 23:30 UTC on the 19th is 00:30 on the 20th in Paris.
    await receive([capsuleEvent('midnight', 'capsule.delivered', -9.5 * HOUR, 3)]);
    expect(Object.keys((await consumption()).lungo?.days ?? {})).toEqual(['2026-11-20']);
  });

  it('answers a retried batch with duplicate and counts nothing twice', async () => {
    const batch = [
      capsuleEvent('d-1', 'capsule.delivered', -HOUR, 10),
      capsuleEvent('b-1', 'capsule.brewed', 0, 3),
    ];
    await receive(batch);
    expect((await receive(batch)).map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    expect((await consumption()).lungo).toMatchObject({
      stock: 7,
      days: { '2026-11-20': { brewed: 3, delivered: 10 } },
    });
  });
});
