import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventDocId } from '../../../src/household/device-events/event-records.js';
import { bearer, createHarness, type Harness } from '../../support/app-harness.js';
import { grantingPolicy } from '../../support/granting-gate.js';
import { coffeeOf, expectProblem, fridgeOf } from '../../support/http-expect.js';

const NOW = '2026-11-20T09:00:00.000Z';

let granted: Harness;
let nothing: Harness;
let inventoryOnly: Harness;
beforeAll(async () => {
  granted = await createHarness({ consent: grantingPolicy() });
  nothing = await createHarness(); // production's grantNothing
  inventoryOnly = await createHarness({
    consent: grantingPolicy(['inventory']),
  });
});
afterAll(async () => {
  await Promise.all([granted.close(), nothing.close(), inventoryOnly.close()]);
});

function post(
  h: Harness,
  deviceId: string,
  token: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return h.app.request(`/v1/devices/${deviceId}/events`, {
    method: 'POST',
    headers: { ...bearer(token, true), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function results(response: Response) {
  expect(response.status).toBe(202);
  return ((await response.json()) as { results: { eventId: string; status: string }[] }).results;
}

const context = async (h: Harness, hid: string, purpose: string) =>
  (await h.store.get(`households/${hid}/context/${purpose}`)).data as Record<string, unknown>;
const eventDocs = async (h: Harness, hid: string) =>
  h.store.query({ collection: `households/${hid}/events` });

const added = (
  eventId: string,
  ingredient: string,
  quantity: number,
  extra: Record<string, unknown> = {},
) => ({
  eventId,
  type: 'inventory.item_added',
  at: NOW,
  ingredient,
  quantity,
  unit: 'piece',
  expiresOn: '2026-11-30',
  ...extra,
});
const brewed = (eventId: string, variety: string, count: number) => ({
  eventId,
  type: 'capsule.brewed',
  at: NOW,
  variety,
  count,
});

describe('POST /v1/devices/:deviceId/events, purposes granted', () => {
  it('accepts inventory events, updates context/inventory and keeps the raw event for 30 days', async () => {
    const hh = granted.demo.households[0]!;
    const fridge = fridgeOf(hh);
    const res = await results(
      await post(granted, fridge.id, fridge.token, {
        events: [
          added('a-1', 'leek', 3),
          { eventId: 'a-2', type: 'inventory.item_removed', at: NOW, ingredient: 'egg', quantity: 2 },
        ],
      }),
    );
    expect(res).toEqual([
      { eventId: 'a-1', status: 'accepted' },
      { eventId: 'a-2', status: 'accepted' },
    ]);
    const items = (await context(granted, hh.id, 'inventory')).items as {
      ingredient: string;
      quantity: number;
    }[];
    expect(items).toContainEqual({ ingredient: 'leek', quantity: 3, unit: 'piece', expiresOn: '2026-11-30' });
    expect(items.find((i) => i.ingredient === 'egg')?.quantity).toBe(4);
    const raw = await granted.store.get(`households/${hh.id}/events/${eventDocId(fridge.id, 'a-1')}`);
    expect(raw.data).toMatchObject({
      deviceId: fridge.id,
      eventId: 'a-1',
      type: 'inventory.item_added',
      purpose: 'inventory',
      at: NOW,
      receivedAt: NOW,
      expireAt: '2026-12-20T09:00:00.000Z',
      data: { ingredient: 'leek', quantity: 3, unit: 'piece', expiresOn: '2026-11-30' },
    });
  });

  it('removes the earliest-expiring lot first and never lets a quantity go negative', async () => {
    const hh = granted.demo.households[1]!;
    const fridge = fridgeOf(hh);
    await results(
      await post(granted, fridge.id, fridge.token, {
        events: [
          added('b-1', 'apple', 2, { expiresOn: '2026-12-05' }),
          added('b-2', 'apple', 3, { expiresOn: '2026-11-25' }),
          added('b-3', 'apple', 1, { expiresOn: '2026-11-25' }),
          { eventId: 'b-4', type: 'inventory.item_removed', at: NOW, ingredient: 'apple', quantity: 5 },
          { eventId: 'b-5', type: 'inventory.item_removed', at: NOW, ingredient: 'spinach', quantity: 9999 },
          { eventId: 'b-6', type: 'inventory.item_removed', at: NOW, ingredient: 'never-there', quantity: 1 },
        ],
      }),
    );
    const items = (await context(granted, hh.id, 'inventory')).items as {
      ingredient: string;
      quantity: number;
      expiresOn: string;
    }[];
    expect(items.filter((i) => i.ingredient === 'apple')).toEqual([
      { ingredient: 'apple', quantity: 1, unit: 'piece', expiresOn: '2026-12-05' },
    ]);
    expect(items.find((i) => i.ingredient === 'spinach')).toBeUndefined();
    expect(items.every((i) => i.quantity > 0)).toBe(true);
  });

  it('moves capsule stock per variety, refusing with a reason a brew of capsules that are not there', async () => {
    const hh = granted.demo.households[0]!; // espresso 14, lungo 30
    const coffee = coffeeOf(hh);
    const res = await results(
      await post(granted, coffee.id, coffee.token, {
        events: [
          brewed('c-1', 'espresso', 4),
          { eventId: 'c-2', type: 'capsule.delivered', at: NOW, variety: 'lungo', count: 50 },
          brewed('c-3', 'decaf', 2),
          brewed('c-4', 'espresso', 100),
        ],
      }),
    );
    expect(res).toEqual([
      { eventId: 'c-1', status: 'accepted' },
      { eventId: 'c-2', status: 'accepted' },
      { eventId: 'c-3', status: 'refused', reason: 'stock_negative' },
      { eventId: 'c-4', status: 'refused', reason: 'stock_negative' },
    ]);
    const capsules = (await context(granted, hh.id, 'consumption')).capsules as Record<
      string,
      { stock: number; perDay: number }
    >;
    expect(capsules.espresso).toMatchObject({ stock: 10, perDay: 3 });
    expect(capsules.lungo).toMatchObject({ stock: 80, perDay: 1 });
    expect(capsules.decaf).toBeUndefined();
  });

  it('answers a retried batch with duplicate and changes nothing', async () => {
    const hh = granted.demo.households[2]!;
    const coffee = coffeeOf(hh);
    const batch = { events: [brewed('d-1', 'lungo', 2), brewed('d-2', 'lungo', 1)] };
    expect((await results(await post(granted, coffee.id, coffee.token, batch))).map((r) => r.status)).toEqual(
      ['accepted', 'accepted'],
    );
    const before = await context(granted, hh.id, 'consumption');
    const eventsBefore = await eventDocs(granted, hh.id);
    const retry = await results(await post(granted, coffee.id, coffee.token, batch));
    expect(retry).toEqual([
      { eventId: 'd-1', status: 'duplicate' },
      { eventId: 'd-2', status: 'duplicate' },
    ]);
    expect(await context(granted, hh.id, 'consumption')).toEqual(before);
    expect(await eventDocs(granted, hh.id)).toEqual(eventsBefore);
    expect((before.capsules as Record<string, { stock: number }>).lungo?.stock).toBe(19);
  });

  it('counts an eventId repeated inside one batch once', async () => {
    const hh = granted.demo.households[3]!; // espresso 5
    const coffee = coffeeOf(hh);
    const res = await results(
      await post(granted, coffee.id, coffee.token, {
        events: [brewed('e-1', 'espresso', 1), brewed('e-1', 'espresso', 1), brewed('e-2', 'espresso', 1)],
      }),
    );
    expect(res.map((r) => r.status)).toEqual(['accepted', 'duplicate', 'accepted']);
    const capsules = (await context(granted, hh.id, 'consumption')).capsules as Record<
      string,
      { stock: number }
    >;
    expect(capsules.espresso?.stock).toBe(3);
  });

  it('lets two devices use the same eventId, and any eventId is a safe path segment', async () => {
    const hh = granted.demo.households[4]!;
    const ids = ['same', '../../households', 'a/b/c', '.', '🥚 œuf', 'x'.repeat(128), '__name__'];
    const fridgeRes = await results(
      await post(granted, fridgeOf(hh).id, fridgeOf(hh).token, {
        events: ids.map((id) => added(id, 'egg', 1)),
      }),
    );
    expect(fridgeRes.every((r) => r.status === 'accepted')).toBe(true);
    const coffeeRes = await results(
      await post(granted, coffeeOf(hh).id, coffeeOf(hh).token, { events: [brewed('same', 'decaf', 1)] }),
    );
    expect(coffeeRes).toEqual([{ eventId: 'same', status: 'accepted' }]);
    const docs = await eventDocs(granted, hh.id);
    expect(docs).toHaveLength(ids.length + 1);
    expect(docs.every((d) => /^ev_[A-Za-z0-9_-]{43}$/.test(d.id))).toBe(true);
    expect(docs.map((d) => d.data?.eventId)).toEqual(expect.arrayContaining(ids));
  });

  it('accepts a full batch of 500 in more than one transaction', async () => {
    const hh = granted.demo.households[5]!;
    const coffee = coffeeOf(hh);
    const events = Array.from({ length: 500 }, (_, i) => ({
      eventId: `bulk-${i}`,
      type: 'capsule.delivered',
      at: NOW,
      variety: 'espresso',
      count: 1,
    }));
    const res = await results(await post(granted, coffee.id, coffee.token, { events }));
    expect(res).toHaveLength(500);
    expect(res.every((r, i) => r.status === 'accepted' && r.eventId === `bulk-${i}`)).toBe(true);
    expect(await eventDocs(granted, hh.id)).toHaveLength(500);
    const capsules = (await context(granted, hh.id, 'consumption')).capsules as Record<
      string,
      { stock: number }
    >;
    expect(capsules.espresso?.stock).toBe(18 + 500);
  });

  it('refuses a batch over the device’s quota with 429 and Retry-After, keeping nothing of it', async () => {
    const hh = granted.demo.households[6]!;
    const coffee = coffeeOf(hh);
    const batch = (tag: string) => ({
      events: Array.from({ length: 500 }, (_, i) => ({
        eventId: `${tag}-${i}`,
        type: 'capsule.delivered',
        at: NOW,
        variety: 'espresso',
        count: 1,
      })),
    });
    // The default bucket holds 1000 kept events: two full batches fit, the third does not.
    await results(await post(granted, coffee.id, coffee.token, batch('q1')));
    await results(await post(granted, coffee.id, coffee.token, batch('q2')));
    const stockBefore = await context(granted, hh.id, 'consumption');
    const refused = await post(granted, coffee.id, coffee.token, {
      events: [
        ...batch('q3').events.slice(0, 499),
        { eventId: 'q3-s', type: 'device.state', at: NOW, on: true },
      ],
    });
    await expectProblem(refused, 429, 'too_many_requests');
    const retryAfter = Number(refused.headers.get('retry-after'));
    // 499 events at 1000 a day: about 12 hours.
    expect(retryAfter).toBeGreaterThan(11 * 3600);
    expect(retryAfter).toBeLessThanOrEqual(499 * 86.4 + 1);
    expect(await eventDocs(granted, hh.id)).toHaveLength(1000);
    expect(await context(granted, hh.id, 'consumption')).toEqual(stockBefore);
    const device = (await granted.store.get(`households/${hh.id}/devices/${coffee.id}`)).data;
    expect(device?.state).not.toMatchObject({ on: true });
    // A retry of what was kept costs nothing and still answers.
    const retry = await results(await post(granted, coffee.id, coffee.token, batch('q2')));
    expect(retry.every((r) => r.status === 'duplicate')).toBe(true);
  });

  it('merges device.state into the device document and keeps the newest reading', async () => {
    const hh = granted.demo.households[6]!;
    const fridge = fridgeOf(hh);
    const state = (eventId: string, at: string, fields: Record<string, unknown>) => ({
      eventId,
      type: 'device.state',
      at,
      ...fields,
    });
    await results(
      await post(granted, fridge.id, fridge.token, {
        events: [
          state('s-1', '2026-11-20T08:00:00Z', { temperatureSetpointCelsius: 4, online: true }),
          state('s-2', '2026-11-20T08:30:00+01:00', { temperatureAmbientCelsius: 5.5 }),
        ],
      }),
    );
    // Older than what is stored: recorded, but it does not overwrite the newer reading.
    const late = await results(
      await post(granted, fridge.id, fridge.token, {
        events: [state('s-0', '2026-11-20T06:00:00Z', { temperatureSetpointCelsius: 7 })],
      }),
    );
    expect(late).toEqual([{ eventId: 's-0', status: 'accepted' }]);
    const device = (await granted.store.get(`households/${hh.id}/devices/${fridge.id}`)).data!;
    expect(device.state).toEqual({
      reportedAt: '2026-11-20T08:00:00.000Z',
      online: true,
      temperatureSetpointCelsius: 4,
      temperatureAmbientCelsius: 5.5,
    });
    expect(device.kind).toBe('fridge');
  });

  it('discards the events of a purpose that is not granted and keeps the others', async () => {
    const hh = inventoryOnly.demo.households[0]!;
    const before = await context(inventoryOnly, hh.id, 'consumption');
    const fridgeRes = await results(
      await post(inventoryOnly, fridgeOf(hh).id, fridgeOf(hh).token, { events: [added('g-1', 'leek', 1)] }),
    );
    const coffeeRes = await results(
      await post(inventoryOnly, coffeeOf(hh).id, coffeeOf(hh).token, {
        events: [brewed('g-2', 'espresso', 1)],
      }),
    );
    expect(fridgeRes).toEqual([{ eventId: 'g-1', status: 'accepted' }]);
    expect(coffeeRes).toEqual([{ eventId: 'g-2', status: 'discarded' }]);
    expect(await context(inventoryOnly, hh.id, 'consumption')).toEqual(before);
    expect((await eventDocs(inventoryOnly, hh.id)).map((d) => d.data?.eventId)).toEqual(['g-1']);
  });
});

describe('POST /v1/devices/:deviceId/events, production gate (nothing granted)', () => {
  it('discards personal events and writes nothing, while device.state is accepted', async () => {
    const hh = nothing.demo.households[0]!;
    const fridge = fridgeOf(hh);
    const inventoryBefore = await context(nothing, hh.id, 'inventory');
    const res = await results(
      await post(nothing, fridge.id, fridge.token, {
        events: [
          added('n-1', 'leek', 3),
          { eventId: 'n-2', type: 'inventory.item_removed', at: NOW, ingredient: 'egg', quantity: 6 },
          { eventId: 'n-3', type: 'device.state', at: NOW, temperatureSetpointCelsius: 3 },
        ],
      }),
    );
    expect(res).toEqual([
      { eventId: 'n-1', status: 'discarded' },
      { eventId: 'n-2', status: 'discarded' },
      { eventId: 'n-3', status: 'accepted' },
    ]);
    const coffee = coffeeOf(hh);
    const consumptionBefore = await context(nothing, hh.id, 'consumption');
    expect(
      await results(
        await post(nothing, coffee.id, coffee.token, {
          events: [
            brewed('n-4', 'espresso', 1),
            { eventId: 'n-5', type: 'capsule.delivered', at: NOW, variety: 'x', count: 3 },
          ],
        }),
      ),
    ).toEqual([
      { eventId: 'n-4', status: 'discarded' },
      { eventId: 'n-5', status: 'discarded' },
    ]);
    expect(await context(nothing, hh.id, 'inventory')).toEqual(inventoryBefore);
    expect(await context(nothing, hh.id, 'consumption')).toEqual(consumptionBefore);
    // No raw event is kept: the state went into the device document.
    expect(await eventDocs(nothing, hh.id)).toEqual([]);
    const device = (await nothing.store.get(`households/${hh.id}/devices/${fridge.id}`)).data;
    expect(device?.state).toMatchObject({ temperatureSetpointCelsius: 3 });
  });
});

describe('POST /v1/devices/:deviceId/events, bad input', () => {
  const hh = () => granted.demo.households[1]!;
  const fridge = () => fridgeOf(hh());

  it('rejects the whole batch when one event is invalid, naming it by index and eventId', async () => {
    const before = await eventDocs(granted, hh().id);
    const body = await expectProblem(
      await post(granted, fridge().id, fridge().token, {
        events: [added('ok-1', 'leek', 1), added('bad-1', 'leek', -2), added('ok-2', 'leek', 1)],
      }),
      400,
      'validation_failed',
    );
    expect(body.errors).toEqual([
      { path: 'events.1.quantity', message: expect.stringContaining('event 1 (eventId "bad-1")') },
    ]);
    expect(await eventDocs(granted, hh().id)).toEqual(before);
  });

  it.each([
    ['an unknown type', { eventId: 'u-1', type: 'fridge.exploded', at: NOW }],
    ['a missing field', { eventId: 'u-1', type: 'capsule.brewed', at: NOW, variety: 'lungo' }],
    ['a date that is not a date', { ...added('u-1', 'leek', 1), expiresOn: '30/11/2026' }],
    ['an instant without offset', { ...added('u-1', 'leek', 1), at: '2026-11-20T09:00:00' }],
    ['a fractional capsule count', brewed('u-1', 'lungo', 1.5)],
    ['an empty device.state', { eventId: 'u-1', type: 'device.state', at: NOW }],
    [
      'an absurd temperature',
      { eventId: 'u-1', type: 'device.state', at: NOW, temperatureSetpointCelsius: 900 },
    ],
    ['a non-numeric quantity', added('u-1', 'leek', Number.NaN)],
  ])('rejects %s and names the event', async (_name, event) => {
    const body = await expectProblem(
      await post(granted, fridge().id, fridge().token, { events: [added('fine', 'leek', 1), event] }),
      400,
      'validation_failed',
    );
    expect(body.errors?.length).toBeGreaterThan(0);
    expect(
      body.errors?.every(
        (e) => e.path.startsWith('events.1') && e.message.includes('event 1 (eventId "u-1")'),
      ),
    ).toBe(true);
  });

  it('rejects an event more than a day in the future, or before 2000', async () => {
    const body = await expectProblem(
      await post(granted, fridge().id, fridge().token, {
        events: [
          added('t-1', 'leek', 1, { at: '2031-01-01T00:00:00Z' }),
          added('t-2', 'leek', 1, { at: '1999-12-31T23:59:59Z' }),
        ],
      }),
      400,
      'validation_failed',
    );
    expect(body.errors?.map((e) => e.path)).toEqual(['events.0.at', 'events.1.at']);
    expect(body.errors?.[0]?.message).toContain('eventId "t-1"');
  });

  it('rejects events a device of that kind does not report', async () => {
    const body = await expectProblem(
      await post(granted, fridge().id, fridge().token, {
        events: [added('k-1', 'leek', 1), brewed('k-2', 'espresso', 1)],
      }),
      400,
      'validation_failed',
    );
    expect(body.errors).toEqual([
      { path: 'events.1.type', message: 'event 1 (eventId "k-2"): a fridge does not report capsule.brewed' },
    ]);
    const coffee = coffeeOf(hh());
    await expectProblem(
      await post(granted, coffee.id, coffee.token, { events: [added('k-3', 'leek', 1)] }),
      400,
      'validation_failed',
    );
  });

  it('rejects an empty batch, a batch of 501 and a body without events', async () => {
    await expectProblem(
      await post(granted, fridge().id, fridge().token, { events: [] }),
      400,
      'validation_failed',
    );
    const many = Array.from({ length: 501 }, (_, i) => brewed(`m-${i}`, 'lungo', 1));
    const body = await expectProblem(
      await post(granted, fridge().id, fridge().token, { events: many }),
      400,
      'validation_failed',
    );
    expect(body.errors?.[0]?.path).toBe('events');
    await expectProblem(await post(granted, fridge().id, fridge().token, {}), 400, 'validation_failed');
    await expectProblem(await post(granted, fridge().id, fridge().token, []), 400, 'validation_failed');
  });

  it('answers malformed JSON with invalid_json and another content type with 415', async () => {
    await expectProblem(
      await post(granted, fridge().id, fridge().token, '{"events": [}'),
      400,
      'invalid_json',
    );
    await expectProblem(
      await post(granted, fridge().id, fridge().token, 'events=1', { 'content-type': 'text/plain' }),
      415,
      'unsupported_media_type',
    );
    await expectProblem(
      await post(granted, fridge().id, fridge().token, 'events=1', {
        'content-type': 'application/x-www-form-urlencoded',
      }),
      415,
      'unsupported_media_type',
    );
  });

  it('stores hostile text as data, rejects what cannot be stored safely, and never answers 500', async () => {
    const home = granted.demo.households[2]!;
    const device = fridgeOf(home);
    const hostile = `<script>alert("x")</script> & ' " ]]> 牛乳 Käse 🥚`;
    const ok = await results(
      await post(granted, device.id, device.token, {
        events: [added('h-1', hostile.slice(0, 80), 1), added('h-2', 'موز', 2), added(hostile, 'egg', 1)],
      }),
    );
    expect(ok.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(ok[2]?.eventId).toBe(hostile);
    // Food no vocabulary knows: kept as unknown, with its text exactly as sent.
    const items = (await context(granted, home.id, 'inventory')).items as { ingredient: string | null }[];
    expect(items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ingredient: null, label: hostile.slice(0, 80).trim() }),
        expect.objectContaining({ ingredient: null, label: 'موز' }),
      ]),
    );

    const huge = 'x'.repeat(10_000);
    for (const event of [
      added('h-3', huge, 1),
      added(huge, 'egg', 1),
      brewed('h-4', '<b>espresso</b>', 1),
      brewed('h-5', 'a.b', 1),
      added('h-6', 'line\nbreak\u0000', 1),
      added('h-7', 'egg', 1, { unit: '<g>' }),
    ]) {
      const response = await post(granted, device.id, device.token, { events: [event] });
      const body = await expectProblem(response, 400, 'validation_failed');
      // A 10 KB eventId is not echoed back.
      expect(JSON.stringify(body).length).toBeLessThan(2000);
    }
  });
});

describe('POST /v1/devices/:deviceId/events, security', () => {
  const hh = () => granted.demo.households[3]!;
  const batch = { events: [added('sec-1', 'leek', 1)] };

  it('answers 401 without a token, with a forged one, or with a household or link token', async () => {
    const fridge = fridgeOf(hh());
    const noToken = await granted.app.request(`/v1/devices/${fridge.id}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(batch),
    });
    await expectProblem(noToken, 401, 'unauthorized');
    for (const token of ['hth1.eyJraW5kIjoiZGV2aWNlIn0.AAAA', hh().token, hh().googleHomeToken!]) {
      await expectProblem(await post(granted, fridge.id, token, batch), 401, 'unauthorized');
    }
    // A forged copy of a real token with its payload changed.
    const [prefix, payload, mac] = fridge.token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const forged = [
      prefix,
      Buffer.from(JSON.stringify({ ...claims, deviceId: 'dev_x' })).toString('base64url'),
      mac,
    ];
    await expectProblem(await post(granted, 'dev_x', forged.join('.'), batch), 401, 'unauthorized');
  });

  it("answers 404 to another device's token, before looking at the body, and writes nothing", async () => {
    const victim = fridgeOf(hh());
    const other = granted.demo.households[4]!;
    const before = await eventDocs(granted, hh().id);
    await expectProblem(await post(granted, victim.id, fridgeOf(other).token, batch), 404, 'not_found');
    await expectProblem(await post(granted, victim.id, coffeeOf(hh()).token, batch), 404, 'not_found');
    await expectProblem(
      await post(granted, victim.id, fridgeOf(other).token, { events: 'nope' }),
      404,
      'not_found',
    );
    expect(await eventDocs(granted, hh().id)).toEqual(before);
  });

  it('answers 401 once the device token has been rotated', async () => {
    const home = inventoryOnly.demo.households[6]!;
    const fridge = fridgeOf(home);
    const rotated = await inventoryOnly.app.request(`/v1/devices/${fridge.id}/token`, {
      method: 'POST',
      headers: bearer(fridge.token),
    });
    expect(rotated.status).toBe(200);
    await expectProblem(await post(inventoryOnly, fridge.id, fridge.token, batch), 401, 'token_revoked');
  });
});

describe('openapi', () => {
  it('documents the events route with its problem codes', async () => {
    const doc = (await (await granted.app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const route = doc.paths['/v1/devices/{deviceId}/events']?.post;
    expect(Object.keys(route?.responses ?? {})).toEqual(
      expect.arrayContaining(['202', '400', '401', '404', '413', '415', '429']),
    );
  });
});
