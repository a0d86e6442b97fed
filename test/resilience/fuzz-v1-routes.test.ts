/**
 * Fuzzing of the `/v1` routes (screen turns and home, device events, commands and their
 * acknowledgement, token rotation, device removal, pairing and the device list) in process, on a real SQLite file
 * seeded with the demo, with a policy that grants every purpose so that the personal
 * paths run too: hostile bodies, content types, headers, tokens and path ids. Every
 * answer must be safe (test/support/fuzz-expect.ts) and the service must still answer
 * normal requests afterwards. fast-check prints the seed of a failure.
 */
import { fc, test } from '@fast-check/vitest';
import { afterAll, describe, expect, it } from 'vitest';
import { bearer, createHarness } from '../support/app-harness.js';
import {
  expectSafeAnswer,
  type FuzzRequest,
  statusTally,
  toRequest,
  watchEscapes,
} from '../support/fuzz-expect.js';
import {
  badAuthorization,
  contentType,
  extraHeaders,
  hostileBody,
  method,
  pathSegment,
} from '../support/fuzz-inputs.js';
import { grantingPolicy } from '../support/granting-gate.js';
import { coffeeOf, fridgeOf } from '../support/http-expect.js';

// The rate limits have tests of their own (test/http/device-rate-limit.test.ts); here they would
// turn most runs into 429s before the handlers, and how many depends on the machine's speed.
const h = await createHarness({
  consent: grantingPolicy(),
  deviceRateLimit: { perSecond: 1_000_000, burst: 1_000_000 },
});
const escapes = watchEscapes();
const seen = statusTally();
afterAll(async () => {
  escapes.stop();
  await h.close();
});

async function send(property: string, request: FuzzRequest): Promise<Response> {
  const response = await h.app.request(toRequest(request));
  seen.add(property, response.status);
  await expectSafeAnswer(request, response.clone());
  return response;
}

const households = h.demo.households;
// Turns, home, events and commands use the first households; rotation and removal change
// tokens and devices, so they get households of their own.
const [rotating, removing] = households.slice(-2) as [
  (typeof households)[number],
  (typeof households)[number],
];
const stable = households.slice(0, -2);
const devices = stable.flatMap((hh) => hh.devices);
const allDeviceIds = households.flatMap((hh) => hh.devices.map((d) => d.id));
const deviceTokens = devices.map((d) => d.token);
const otherTokens = households.flatMap((hh) => [hh.token, hh.alexaAccessToken!, hh.googleHomeToken!]);

/** A device (its own token and id), sometimes another device's id with this token. */
const deviceAndId = fc
  .tuple(
    fc.constantFrom(...devices),
    fc.oneof(
      { arbitrary: fc.constant<string | undefined>(undefined), weight: 8 },
      { arbitrary: pathSegment(allDeviceIds), weight: 2 },
    ),
  )
  .map(([device, id]) => ({ device, id: id ?? device.id }));

const json = (type: string | undefined): [string, string][] =>
  type === undefined ? [] : [['content-type', type]];

// --- screens ---------------------------------------------------------------------------------

const SCREEN_FIELDS = [
  'intent',
  'slots',
  'text',
  'session',
  'locale',
  'recipe',
  'ingredient',
  'quantity',
  'variety',
  '_question',
  '_elicit',
];
const SCREEN_EXAMPLES = [
  { text: 'what can I cook' },
  { text: 'qu est ce qui perime bientot' },
  { text: 'wie viele kapseln habe ich noch', locale: 'de-DE' },
  { text: 'add milk to my shopping list' },
  { text: 'order two ristretto' },
  { intent: 'WhatCanICookIntent' },
  { intent: 'RecipeDetailsIntent', slots: { recipe: 'omelette' } },
  { intent: 'AddToShoppingListIntent', slots: { ingredient: 'milk' } },
  { intent: 'ReorderIntent', slots: { quantity: '2', variety: 'ristretto' } },
  { intent: 'AMAZON.YesIntent', session: { _question: 'confirmOrder', order: { quantity: 2 } } },
  { intent: 'WhatsInMyFridgeIntent', locale: 'fr-FR', session: {} },
];

describe('screens', () => {
  test.prop([deviceAndId, hostileBody(SCREEN_EXAMPLES, SCREEN_FIELDS), contentType, extraHeaders], {
    numRuns: 700,
  })(
    'POST /v1/screens/:deviceId/turns answers hostile turns safely',
    async ({ device, id }, body, type, extra) => {
      await send('screen turns', {
        method: 'POST',
        path: `/v1/screens/${id}/turns`,
        headers: [['authorization', `Bearer ${device.token}`], ...json(type), ...extra],
        body: body.body,
      });
    },
  );

  test.prop([deviceAndId, extraHeaders, fc.oneof(fc.constant(undefined), badAuthorization(deviceTokens))], {
    numRuns: 150,
  })('GET /v1/screens/:deviceId/home answers safely', async ({ device, id }, extra, auth) => {
    const authorization = auth ?? `Bearer ${device.token}`;
    await send('screen home', {
      method: 'GET',
      path: `/v1/screens/${id}/home`,
      headers: [['authorization', authorization], ...extra],
    });
  });
});

// --- device events ---------------------------------------------------------------------------

const AT = '2026-11-20T08:30:00Z';
const EVENT_FIELDS = [
  'events',
  'eventId',
  'type',
  'at',
  'ingredient',
  'quantity',
  'unit',
  'expiresOn',
  'variety',
  'count',
  'online',
  'on',
  'brewing',
  'temperatureSetpointCelsius',
  'temperatureAmbientCelsius',
  'inventory.item_added',
  'capsule.brewed',
  'device.state',
];
const EVENT_EXAMPLES = [
  {
    events: [
      {
        eventId: 'a-1',
        type: 'inventory.item_added',
        at: AT,
        ingredient: 'leek',
        quantity: 3,
        unit: 'piece',
        expiresOn: '2026-11-30',
      },
      { eventId: 'a-2', type: 'inventory.item_removed', at: AT, ingredient: 'egg', quantity: 2 },
    ],
  },
  {
    events: [
      { eventId: 'b-1', type: 'capsule.brewed', at: AT, variety: 'lungo', count: 2 },
      { eventId: 'b-2', type: 'capsule.delivered', at: AT, variety: 'ristretto', count: 50 },
    ],
  },
  {
    events: [
      { eventId: 's-1', type: 'device.state', at: AT, online: true, on: true, temperatureSetpointCelsius: 4 },
    ],
  },
  { events: [{ eventId: 's-2', type: 'device.state', at: '2026-11-20T09:30:00+01:00', brewing: false }] },
];

describe('device events', () => {
  test.prop([deviceAndId, hostileBody(EVENT_EXAMPLES, EVENT_FIELDS), contentType, extraHeaders], {
    numRuns: 600,
  })(
    'POST /v1/devices/:deviceId/events answers hostile batches safely',
    async ({ device, id }, body, type, extra) => {
      await send('device events', {
        method: 'POST',
        path: `/v1/devices/${id}/events`,
        headers: [['authorization', `Bearer ${device.token}`], ...json(type), ...extra],
        body: body.body,
      });
    },
  );
});

// --- commands --------------------------------------------------------------------------------

describe('device commands', () => {
  it('has commands waiting to be listed and acknowledged', async () => {
    // Google Home queues commands for the first household's devices.
    const hh = stable[0]!;
    const response = await h.app.request('/google/home', {
      method: 'POST',
      headers: bearer(hh.googleHomeToken!, true),
      body: JSON.stringify({
        requestId: 'r',
        inputs: [
          {
            intent: 'action.devices.EXECUTE',
            payload: {
              commands: [
                {
                  devices: [{ id: coffeeOf(hh).id }],
                  execution: [{ command: 'action.devices.commands.OnOff', params: { on: true } }],
                },
              ],
            },
          },
        ],
      }),
    });
    expect(response.status).toBe(200);
    const list = await h.app.request(`/v1/devices/${coffeeOf(hh).id}/commands`, {
      headers: bearer(coffeeOf(hh).token),
    });
    commandIds.push(...((await list.json()) as { commands: { id: string }[] }).commands.map((c) => c.id));
    expect(commandIds.length).toBeGreaterThan(0);
  });
  const commandIds: string[] = [];

  test.prop([deviceAndId, extraHeaders], { numRuns: 100 })(
    'GET /v1/devices/:deviceId/commands answers safely',
    async ({ device, id }, extra) => {
      await send('commands', {
        method: 'GET',
        path: `/v1/devices/${id}/commands`,
        headers: [['authorization', `Bearer ${device.token}`], ...extra],
      });
    },
  );

  test.prop(
    [
      fc.constantFrom(...stable.map((hh) => coffeeOf(hh))),
      // A command id that exists is generated lazily: the list is filled by the test above.
      fc.oneof(fc.constant<string | undefined>(undefined), pathSegment(['cmd_x', 'cmd_AAAAAAAAAAAAAAAA'])),
      fc.option(hostileBody([{}], []), { nil: undefined }),
      contentType,
      extraHeaders,
    ],
    { numRuns: 250 },
  )('POST /v1/devices/:deviceId/commands/:id/ack answers safely', async (device, id, body, type, extra) => {
    const commandId = id ?? commandIds[0] ?? 'cmd_missing';
    await send('command ack', {
      method: 'POST',
      path: `/v1/devices/${device.id}/commands/${commandId}/ack`,
      headers: [['authorization', `Bearer ${device.token}`], ...(body ? json(type) : []), ...extra],
      body: body?.body,
    });
  });
});

// --- tokens and devices ----------------------------------------------------------------------

describe('token rotation', () => {
  /** The rotating device's current token: every successful rotation revokes the one before. */
  let current = fridgeOf(rotating).token;
  const revoked: string[] = [];

  test.prop(
    [
      fc.oneof(
        { arbitrary: fc.constant<string | undefined>(undefined), weight: 4 },
        { arbitrary: pathSegment(allDeviceIds), weight: 1 },
      ),
      fc.oneof(
        { arbitrary: fc.constant<string | null>(null), weight: 3 },
        {
          arbitrary: badAuthorization([fridgeOf(rotating).token, ...deviceTokens]).map((a) => a ?? null),
          weight: 2,
        },
      ),
      fc.option(hostileBody([{}, { token: 'x' }], ['token', 'exp', 'generation']), { nil: undefined }),
      contentType,
      extraHeaders,
    ],
    { numRuns: 250 },
  )(
    'POST /v1/devices/:deviceId/token answers safely, and a revoked token never works again',
    async (id, auth, body, type, extra) => {
      // A body without a JSON type is a 415 before the token is looked at: only a bare request must be a 401.
      const useRevoked =
        auth === null && revoked.length > 0 && id === undefined && body === undefined && extra.length === 0;
      const authorization = useRevoked ? `Bearer ${revoked[0]}` : auth === null ? `Bearer ${current}` : auth;
      const response = await send('rotate token', {
        method: 'POST',
        path: `/v1/devices/${id ?? fridgeOf(rotating).id}/token`,
        headers: [
          ...(authorization === undefined ? [] : [['authorization', authorization] as [string, string]]),
          ...(body ? json(type) : []),
          ...extra,
        ],
        body: body?.body,
      });
      if (useRevoked) {
        // The token rotated away last may ask again for a lost answer (ROTATION_GRACE_MS, well within
        // this run): it gets a token of the generation already issued. Any older one is refused.
        const lostAnswerRetry = revoked.length === 1;
        expect(response.status).toBe(lostAnswerRetry ? 200 : 401);
        return;
      }
      if (response.status === 200) {
        revoked.push(current);
        current = ((await response.json()) as { token: string }).token;
      }
    },
  );
});

describe('device removal', () => {
  test.prop(
    [
      fc.oneof(
        { arbitrary: fc.constant(removing.id), weight: 3 },
        { arbitrary: pathSegment(households.map((hh) => hh.id)), weight: 2 },
      ),
      fc.oneof(
        { arbitrary: fc.constantFrom(...removing.devices.map((d) => d.id)), weight: 1 },
        { arbitrary: pathSegment(allDeviceIds), weight: 3 },
      ),
      fc.oneof(
        { arbitrary: fc.constant(`Bearer ${removing.token}`), weight: 3 },
        {
          arbitrary: fc.oneof(
            badAuthorization([removing.token]),
            fc.constantFrom(...otherTokens, ...deviceTokens).map((t) => `Bearer ${t}`),
          ),
          weight: 2,
        },
      ),
      fc.option(hostileBody([{}], []), { nil: undefined }),
      extraHeaders,
    ],
    { numRuns: 200 },
  )(
    'DELETE /v1/households/:hid/devices/:deviceId answers safely',
    async (hid, deviceId, authorization, body, extra) => {
      await send('remove device', {
        method: 'DELETE',
        path: `/v1/households/${hid}/devices/${deviceId}`,
        headers: [
          ...(authorization === undefined ? [] : [['authorization', authorization] as [string, string]]),
          ...extra,
        ],
        body: body?.body,
      });
    },
  );
});

// --- pairing -----------------------------------------------------------------------------------

const makerCredentials = h.demo.applianceMakers.map((m) => m.credential);
const PAIRING_EXAMPLES = [
  { kind: 'fridge' },
  { kind: 'coffee-machine', name: 'Kitchen', locale: 'fr-FR' },
  { code: '7KQ2-M9XD' },
  { code: ' 7kq2 m9xd ' },
];

describe('pairing', () => {
  test.prop(
    [
      fc.constantFrom('start', 'poll', 'confirm', 'list'),
      fc.constantFrom(...stable),
      fc.constantFrom(...h.demo.applianceMakers),
      fc.oneof(
        { arbitrary: fc.constant(undefined), weight: 4 },
        { arbitrary: pathSegment(['pair_unknown', ...households.map((hh) => hh.id)]), weight: 1 },
      ),
      fc.oneof(
        { arbitrary: fc.constant(null), weight: 3 },
        {
          arbitrary: fc.oneof(
            fc.constantFrom(...makerCredentials, ...otherTokens).map((t) => `Bearer ${t}`),
            badAuthorization([...makerCredentials, ...deviceTokens]),
          ),
          weight: 1,
        },
      ),
      fc.option(hostileBody(PAIRING_EXAMPLES, ['kind', 'name', 'locale', 'code']), {
        nil: undefined,
        freq: 8,
      }),
      contentType,
      extraHeaders,
    ],
    { numRuns: 250 },
  )(
    'POST /v1/pairing, GET /v1/pairing/:id, POST /v1/households/:hid/pairings and GET .../devices answer safely',
    async (route, hh, maker, id, auth, body, type, extra) => {
      const byMaker = route === 'start' || route === 'poll';
      // null: the token the route wants (the maker's credential, the household's own token).
      const authorization = auth === null ? `Bearer ${byMaker ? maker.credential : hh.token}` : auth;
      const [m, path] = {
        start: ['POST', '/v1/pairing'],
        poll: ['GET', `/v1/pairing/${id ?? 'pair_unknown'}`],
        confirm: ['POST', `/v1/households/${id ?? hh.id}/pairings`],
        list: ['GET', `/v1/households/${id ?? hh.id}/devices`],
      }[route];
      await send('pairing', {
        method: m!,
        path: path!,
        headers: [
          ...(authorization === undefined ? [] : [['authorization', authorization] as [string, string]]),
          ...(body ? json(type) : []),
          ...extra,
        ],
        body: body?.body,
      });
    },
  );
});

// --- any method, any token -------------------------------------------------------------------

const V1_PATHS = (id: string, hid: string) => [
  `/v1/screens/${id}/turns`,
  `/v1/screens/${id}/home`,
  `/v1/devices/${id}/events`,
  `/v1/devices/${id}/commands`,
  `/v1/devices/${id}/commands/${id}/ack`,
  `/v1/devices/${id}/token`,
  `/v1/households/${hid}/devices/${id}`,
  `/v1/households/${hid}/devices`,
  `/v1/households/${hid}/pairings`,
  '/v1/pairing',
  `/v1/pairing/${id}`,
];

describe('any /v1 route', () => {
  test.prop(
    [
      method,
      fc.nat(),
      pathSegment(allDeviceIds),
      pathSegment(households.map((hh) => hh.id)),
      fc.oneof(
        badAuthorization(deviceTokens),
        fc.constantFrom(...otherTokens, ...deviceTokens).map((t) => `Bearer ${t}`),
      ),
      fc.option(hostileBody(SCREEN_EXAMPLES, SCREEN_FIELDS), { nil: undefined }),
      contentType,
    ],
    { numRuns: 300 },
  )(
    'any method with any token and id is answered safely',
    async (m, which, id, hid, authorization, body, type) => {
      const paths = V1_PATHS(id, hid);
      // Removal stays off the households other properties rely on.
      const path = paths[which % paths.length]!;
      if (m === 'DELETE' && stable.some((hh) => path.includes(hh.id))) return;
      // Rotation would revoke the tokens other properties use; it has its own property above.
      if (m === 'POST' && path.endsWith('/token')) return;
      await send('any v1', {
        method: m,
        path,
        headers: [
          ...(authorization === undefined ? [] : [['authorization', authorization] as [string, string]]),
          ...json(type),
        ],
        body: body?.body,
      });
    },
  );
});

// --- afterwards ------------------------------------------------------------------------------

describe('after the fuzzing', () => {
  it('reached the handlers (some successes) and the refusals (some 4xx)', () => {
    for (const property of ['screen turns', 'device events', 'screen home', 'rotate token', 'pairing']) {
      const summary = JSON.stringify(seen.summary()[property]);
      expect(seen.count(property, 200, 299), `${property}: ${summary}`).toBeGreaterThan(10);
      expect(seen.count(property, 400, 499), `${property}: ${summary}`).toBeGreaterThan(10);
    }
  });

  it('still answers normal requests, and nothing escaped as an unhandled error', async () => {
    const fridge = fridgeOf(stable[0]!);
    const turn = await h.app.request(`/v1/screens/${fridge.id}/turns`, {
      method: 'POST',
      headers: bearer(fridge.token, true),
      body: JSON.stringify({ text: 'what can I cook' }),
    });
    expect(turn.status).toBe(200);
    const events = await h.app.request(`/v1/devices/${fridge.id}/events`, {
      method: 'POST',
      headers: bearer(fridge.token, true),
      body: JSON.stringify(EVENT_EXAMPLES[2]),
    });
    expect(events.status).toBe(202);
    expect((await h.app.request('/readyz')).status).toBe(200);
    expect(escapes.escaped()).toEqual([]);
  });
});
