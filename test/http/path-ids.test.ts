import { fc } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSafeId, SAFE_ID } from '../../src/ids/safe-id.js';
import { documentPathSegments, isRefusedSegment } from '../../src/store/document-store.js';
import { bearer, createHarness, type Harness } from '../support/app-harness.js';
import { coffeeOf, fridgeOf } from '../support/http-expect.js';

/**
 * Finding 8: ids the store refuses (`__x__`, `.`, `..`) or cannot hold (1,600
 * bytes, over Firestore's 1,500) in every path position of every route that
 * takes an id, with tokens that get the request as far as it can go (the ids'
 * own tokens, signed with the test secret, and the demo's real ones): 400 or
 * 404 problem+json, never a 500 (or a 503 from a path error taken for an outage).
 */

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const BAD_IDS = ['__x__', '__name__', '.', '..', '%2E', '%2e%2E', 'x'.repeat(1600)];

type Call = {
  method: string;
  path: (bad: string) => string;
  body?: unknown;
  token?: (bad: string) => string;
};

const deviceToken = (householdId: string, deviceId: string, generation = 0) =>
  h.deps.signer.sign({ kind: 'device', householdId, deviceId, generation });
const householdToken = (householdId: string) =>
  h.deps.signer.sign({ kind: 'household', householdId, generation: 0 });

/** Every route with an id in its path (grep `path: '` and `app.get(` in src/), with the bad id in each place. */
function calls(): Call[] {
  const hh = h.demo.households[0]!;
  const fridge = fridgeOf(hh);
  const coffee = coffeeOf(hh);
  const turn = { text: 'hello' };
  const events = {
    events: [{ eventId: 'e1', type: 'device.state', at: '2026-11-20T08:00:00Z', online: true }],
  };
  const deviceRoutes: Call[] = [
    { method: 'GET', path: (d) => `/v1/screens/${d}/home` },
    { method: 'POST', path: (d) => `/v1/screens/${d}/turns`, body: turn },
    { method: 'GET', path: (d) => `/v1/devices/${d}/commands` },
    { method: 'POST', path: (d) => `/v1/devices/${d}/commands/c1/ack` },
    { method: 'POST', path: (d) => `/v1/devices/${d}/events`, body: events },
    { method: 'POST', path: (d) => `/v1/devices/${d}/token` },
  ];
  return [
    { method: 'GET', path: (d) => `/screens/${d}` },
    { method: 'POST', path: (s) => `/alexa/${s}`, body: {} },
    { method: 'POST', path: (s) => `/google/${s}`, body: {} },
    { method: 'GET', path: (f) => `/docs/assets/${f}` },
    // The bad id as the device, with a token of that device (a token only this service could have
    // signed), of a real household and of a household named by the bad id.
    ...deviceRoutes.flatMap((call) => [
      { ...call, token: (d: string) => deviceToken(hh.id, d) },
      { ...call, token: (d: string) => deviceToken(d, d) },
      { ...call, token: () => fridge.token },
    ]),
    // The bad id as a command id, with the device's own token: it reaches the store.
    { method: 'POST', path: (c) => `/v1/devices/${coffee.id}/commands/${c}/ack`, token: () => coffee.token },
    // Device removal: the bad id as the household, the device, or both.
    ...[
      (x: string) => `/v1/households/${hh.id}/devices/${x}`,
      (x: string) => `/v1/households/${x}/devices/${fridge.id}`,
      (x: string) => `/v1/households/${x}/devices/${x}`,
    ].flatMap((path) => [
      { method: 'DELETE', path, token: () => hh.token },
      { method: 'DELETE', path, token: (x: string) => householdToken(x) },
    ]),
  ];
}

describe('ids the store refuses, in every path position', () => {
  it('answer 400, 401 or 404 problem+json on every route, never 5xx', async () => {
    const answers: string[] = [];
    let count = 0;
    for (const call of calls()) {
      for (const bad of BAD_IDS) {
        const headers: Record<string, string> = {
          ...(call.token ? bearer(call.token(bad)) : {}),
          ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
        };
        const response = await h.app.request(call.path(bad), {
          method: call.method,
          headers,
          ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
        });
        count++;
        const type = response.headers.get('content-type') ?? '';
        const what = `${call.method} ${call.path(bad).slice(0, 80)} -> ${response.status} ${type}`;
        // The platform routes answer their own `{ error, message }` JSON (architecture.md); /v1 and
        // the page answer problem+json.
        const platform = /^\/(alexa|google)\//.test(call.path(bad));
        const ok =
          [400, 401, 404].includes(response.status) &&
          (platform ? /^application\/(problem\+)?json/.test(type) : type === 'application/problem+json');
        if (!ok) answers.push(what);
        await response.body?.cancel();
      }
    }
    expect(answers).toEqual([]);
    expect(count).toBe(29 * BAD_IDS.length);
  });

  it('answers 404, not 503, to a token whose household the store refuses (the first look at a screen)', async () => {
    const fridge = fridgeOf(h.demo.households[1]!);
    for (const bad of ['__x__', '__name__']) {
      const response = await h.app.request(`/v1/screens/${fridge.id}/home`, {
        headers: bearer(deviceToken(bad, fridge.id)),
      });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    }
  });

  it('answers 404 to the demo page of `__x__`, without a token (demo mode)', async () => {
    const response = await h.app.request('/screens/__x__');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('SAFE_ID and the store agree', () => {
  it('the pattern accepts exactly the ids of its characters and length that the store does not refuse', () => {
    const chars = (maxLength: number) =>
      fc.string({ unit: fc.constantFrom(...'abXY09_-.'.split('')), maxLength });
    // Underscores at either end are where the store's reserved `__…__` ids hide.
    const underscores = fc.constantFrom('', '_', '__', '___');
    const candidate = fc.oneof(
      fc.tuple(underscores, chars(66), underscores).map(([a, b, c]) => a + b + c),
      fc.string({ maxLength: 80 }),
    );
    let refused = 0;
    fc.assert(
      fc.property(candidate, (id) => {
        expect(SAFE_ID.test(id)).toBe(isSafeId(id));
        if (isSafeId(id)) {
          expect(() => documentPathSegments(`households/${id}`)).not.toThrow();
        } else if (/^[A-Za-z0-9_-]{1,64}$/.test(id)) {
          refused++;
          // Refused only because the store would refuse it.
          expect(isRefusedSegment(id)).toBe(true);
        }
      }),
      { numRuns: 5000 },
    );
    expect(refused).toBeGreaterThan(50); // the generator did reach the store's reserved ids
    for (const id of ['__x__', '____', '__name__', '.', '..', '']) expect(SAFE_ID.test(id)).toBe(false);
    for (const id of ['_x_', '__x', 'x__', '___', 'a__b__c', 'fridge-1']) expect(SAFE_ID.test(id)).toBe(true);
  });
});
