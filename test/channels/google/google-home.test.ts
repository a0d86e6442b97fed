import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenSigner } from '../../../src/auth/token-signer.js';
import { MAX_EXECUTIONS_PER_DEVICE } from '../../../src/channels/google/smart-home-intents.js';
import { DEFAULT_COMMAND_TTL_MS, MAX_PENDING_COMMANDS } from '../../../src/household/device-commands.js';
import { revokeGrant } from '../../../src/linking/grants.js';
import { bearer, createHarness, type Harness, TEST_SECRET } from '../../support/app-harness.js';
import { coffeeOf, fridgeOf } from '../../support/http-expect.js';

let now = new Date('2026-11-20T09:00:00.000Z');
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ clock: () => now });
});
afterAll(() => h.close());

type Household = Harness['demo']['households'][number];
const byLocale = (locale: string) => h.demo.households.find((hh) => hh.locale === locale)!;

const REQUEST_ID = 'ff36a3cc-ec34-11e6-b1a0-64510650abcf';

function fulfil(token: string | undefined, body: unknown) {
  return h.app.request('/google/home', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function answer(response: Response) {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return (await response.json()) as { requestId: string; payload: Record<string, unknown> };
}

const sync = { requestId: REQUEST_ID, inputs: [{ intent: 'action.devices.SYNC' }] };
const query = (...ids: string[]) => ({
  requestId: REQUEST_ID,
  inputs: [{ intent: 'action.devices.QUERY', payload: { devices: ids.map((id) => ({ id })) } }],
});
const execute = (ids: string[], command: string, params: Record<string, unknown> = {}) => ({
  requestId: REQUEST_ID,
  inputs: [
    {
      intent: 'action.devices.EXECUTE',
      payload: { commands: [{ devices: ids.map((id) => ({ id })), execution: [{ command, params }] }] },
    },
  ],
});

async function reportState(hh: Household, kind: 'fridge' | 'coffee-machine', at: string, fields: object) {
  const device = kind === 'fridge' ? fridgeOf(hh) : coffeeOf(hh);
  const response = await h.app.request(`/v1/devices/${device.id}/events`, {
    method: 'POST',
    headers: bearer(device.token, true),
    body: JSON.stringify({ events: [{ eventId: `state-${at}`, type: 'device.state', at, ...fields }] }),
  });
  expect(response.status).toBe(202);
}

describe('SYNC', () => {
  it('lists the fridge and the coffee machine with the traits they have, for the household', async () => {
    const hh = byLocale('fr-FR');
    const { requestId, payload } = await answer(await fulfil(hh.googleHomeToken, sync));
    expect(requestId).toBe(REQUEST_ID);
    expect(payload.agentUserId).toBe(hh.id);
    const devices = payload.devices as Record<string, unknown>[];
    expect(devices).toHaveLength(2);
    expect(devices).toContainEqual(
      expect.objectContaining({
        id: coffeeOf(hh).id,
        type: 'action.devices.types.COFFEE_MAKER',
        traits: ['action.devices.traits.OnOff', 'action.devices.traits.Cook'],
        name: { name: 'Machine à café' },
        willReportState: false,
        attributes: { supportedCookingModes: ['BREW'] },
      }),
    );
    expect(devices).toContainEqual(
      expect.objectContaining({
        id: fridgeOf(hh).id,
        type: 'action.devices.types.REFRIGERATOR',
        traits: ['action.devices.traits.TemperatureControl'],
        name: { name: 'Réfrigérateur de la cuisine' },
        attributes: {
          temperatureRange: { minThresholdCelsius: 1, maxThresholdCelsius: 8 },
          temperatureStepCelsius: 1,
          temperatureUnitForUX: 'C',
        },
      }),
    );
  });

  it('uses Fahrenheit for a US household and Celsius elsewhere', async () => {
    const unitOf = async (hh: Household) => {
      const { payload } = await answer(await fulfil(hh.googleHomeToken, sync));
      const fridge = (payload.devices as { type: string; attributes: Record<string, unknown> }[]).find(
        (d) => d.type === 'action.devices.types.REFRIGERATOR',
      );
      return fridge?.attributes.temperatureUnitForUX;
    };
    expect(await unitOf(byLocale('en-US'))).toBe('F');
    expect(await unitOf(byLocale('en-GB'))).toBe('C');
    expect(await unitOf(byLocale('de-DE'))).toBe('C');
  });

  it('carries hostile device names as plain JSON strings', async () => {
    const hh = byLocale('it-IT');
    const name = `<b>Frigo</b> & "cucina" ]]> '🧊' 冷蔵庫`;
    await h.store.merge(`households/${hh.id}/devices/${fridgeOf(hh).id}`, { name });
    const { payload } = await answer(await fulfil(hh.googleHomeToken, sync));
    expect((payload.devices as { name: { name: string } }[]).map((d) => d.name.name)).toContain(name);
  });
});

describe('QUERY', () => {
  it('answers offline before any telemetry, then from the state the device reported', async () => {
    const hh = byLocale('de-DE');
    const fridge = fridgeOf(hh);
    const coffee = coffeeOf(hh);
    let { payload } = await answer(await fulfil(hh.googleHomeToken, query(fridge.id, coffee.id)));
    expect(payload.devices).toEqual({
      [fridge.id]: { online: false, status: 'OFFLINE' },
      [coffee.id]: { online: false, status: 'OFFLINE' },
    });

    await reportState(hh, 'fridge', '2026-11-20T08:50:00Z', {
      online: true,
      temperatureSetpointCelsius: 4,
      temperatureAmbientCelsius: 4.5,
    });
    await reportState(hh, 'coffee-machine', '2026-11-20T08:55:00Z', { on: true, brewing: true });
    ({ payload } = await answer(await fulfil(hh.googleHomeToken, query(fridge.id, coffee.id))));
    expect(payload.devices).toEqual({
      [fridge.id]: {
        online: true,
        status: 'SUCCESS',
        temperatureSetpointCelsius: 4,
        temperatureAmbientCelsius: 4.5,
      },
      [coffee.id]: { online: true, status: 'SUCCESS', on: true, currentCookingMode: 'BREW' },
    });

    // A device that reported going offline, and one silent for more than a day.
    await reportState(hh, 'coffee-machine', '2026-11-20T08:58:00Z', { online: false });
    const later = now;
    now = new Date('2026-11-21T09:00:00.000Z');
    try {
      ({ payload } = await answer(await fulfil(hh.googleHomeToken, query(fridge.id, coffee.id))));
    } finally {
      now = later;
    }
    expect(payload.devices).toEqual({
      [fridge.id]: { online: false, status: 'OFFLINE' },
      [coffee.id]: { online: false, status: 'OFFLINE' },
    });
  });

  it("answers deviceNotFound for unknown ids and another household's devices", async () => {
    const hh = byLocale('es-ES');
    const theirs = fridgeOf(byLocale('fr-CA')).id;
    const { payload } = await answer(await fulfil(hh.googleHomeToken, query('nope', theirs, '__proto__')));
    const notFound = { online: false, status: 'ERROR', errorCode: 'deviceNotFound' };
    expect(payload.devices).toEqual({ nope: notFound, [theirs]: notFound, ['__proto__']: notFound });
  });
});

describe('EXECUTE', () => {
  const pendingCommands = async (device: { id: string; token: string }) => {
    const response = await h.app.request(`/v1/devices/${device.id}/commands`, {
      headers: bearer(device.token),
    });
    return ((await response.json()) as { commands: { command: string; params: unknown }[] }).commands;
  };

  it('queues a command for the appliance and answers PENDING', async () => {
    const hh = byLocale('en-GB');
    const coffee = coffeeOf(hh);
    const fridge = fridgeOf(hh);
    let { payload } = await answer(
      await fulfil(hh.googleHomeToken, execute([coffee.id], 'action.devices.commands.OnOff', { on: true })),
    );
    expect(payload.commands).toEqual([{ ids: [coffee.id], status: 'PENDING' }]);
    ({ payload } = await answer(
      await fulfil(
        hh.googleHomeToken,
        execute([coffee.id], 'action.devices.commands.Cook', {
          start: true,
          cookingMode: 'BREW',
          quantity: 2,
          unit: 'CUPS',
        }),
      ),
    ));
    expect(payload.commands).toEqual([{ ids: [coffee.id], status: 'PENDING' }]);
    ({ payload } = await answer(
      await fulfil(
        hh.googleHomeToken,
        execute([fridge.id], 'action.devices.commands.SetTemperature', { temperature: 3 }),
      ),
    ));
    expect(payload.commands).toEqual([{ ids: [fridge.id], status: 'PENDING' }]);

    expect(await pendingCommands(coffee)).toEqual([
      expect.objectContaining({ command: 'power', params: { on: true } }),
      expect.objectContaining({ command: 'brew', params: { start: true, quantity: 2, unit: 'CUPS' } }),
    ]);
    expect(await pendingCommands(fridge)).toEqual([
      expect.objectContaining({ command: 'set_temperature', params: { celsius: 3 } }),
    ]);
  });

  it('answers ERROR for devices it does not have and commands they do not support, and queues nothing for them', async () => {
    const hh = byLocale('fr-CA');
    const coffee = coffeeOf(hh);
    const fridge = fridgeOf(hh);
    const cases: [string[], string, Record<string, unknown>, string][] = [
      [[fridge.id], 'action.devices.commands.OnOff', { on: true }, 'functionNotSupported'],
      [[coffee.id], 'action.devices.commands.SetTemperature', { temperature: 4 }, 'functionNotSupported'],
      [
        [coffee.id],
        'action.devices.commands.Cook',
        { start: true, cookingMode: 'BAKE' },
        'functionNotSupported',
      ],
      [[coffee.id], 'constructor', {}, 'functionNotSupported'],
      [[fridge.id], 'action.devices.commands.SetTemperature', { temperature: 30 }, 'valueOutOfRange'],
      [[fridge.id], 'action.devices.commands.SetTemperature', { temperature: '4' }, 'protocolError'],
      [
        ['no-such-device', fridgeOf(byLocale('it-IT')).id],
        'action.devices.commands.OnOff',
        { on: true },
        'deviceNotFound',
      ],
    ];
    for (const [ids, command, params, errorCode] of cases) {
      const { payload } = await answer(await fulfil(hh.googleHomeToken, execute(ids, command, params)));
      expect(payload.commands).toEqual([{ ids, status: 'ERROR', errorCode }]);
    }
    expect(await pendingCommands(coffee)).toEqual([]);
    expect(await pendingCommands(fridge)).toEqual([]);
  });

  it('answers each device of a mixed request on its own', async () => {
    const hh = byLocale('es-ES');
    const coffee = coffeeOf(hh);
    const fridge = fridgeOf(hh);
    const { payload } = await answer(
      await fulfil(
        hh.googleHomeToken,
        execute([coffee.id, fridge.id, 'ghost'], 'action.devices.commands.OnOff', { on: false }),
      ),
    );
    expect(payload.commands).toEqual([
      { ids: [coffee.id], status: 'PENDING' },
      { ids: [fridge.id], status: 'ERROR', errorCode: 'functionNotSupported' },
      { ids: ['ghost'], status: 'ERROR', errorCode: 'deviceNotFound' },
    ]);
  });
});

describe('EXECUTE bounds', () => {
  const pendingCommands = async (device: { id: string; token: string }) => {
    const response = await h.app.request(`/v1/devices/${device.id}/commands`, {
      headers: bearer(device.token),
    });
    return ((await response.json()) as { commands: unknown[] }).commands;
  };
  /** One EXECUTE of `groups` groups of `perGroup` OnOff executions each, all for `deviceId`. */
  const flood = (deviceId: string, groups: number, perGroup: number) => ({
    requestId: REQUEST_ID,
    inputs: [
      {
        intent: 'action.devices.EXECUTE',
        payload: {
          commands: Array.from({ length: groups }, () => ({
            devices: [{ id: deviceId }],
            execution: Array.from({ length: perGroup }, (_, i) => ({
              command: 'action.devices.commands.OnOff',
              params: { on: i % 2 === 0 },
            })),
          })),
        },
      },
    ],
  });

  it(`queues up to ${MAX_EXECUTIONS_PER_DEVICE} executions for a device, and answers commandInsertFailed past that, queuing none`, async () => {
    const hh = byLocale('de-DE');
    const coffee = coffeeOf(hh);
    let { payload } = await answer(await fulfil(hh.googleHomeToken, flood(coffee.id, 50, 20)));
    expect(payload.commands).toEqual([
      { ids: [coffee.id], status: 'ERROR', errorCode: 'commandInsertFailed' },
    ]);
    expect(await pendingCommands(coffee)).toEqual([]);

    ({ payload } = await answer(await fulfil(hh.googleHomeToken, flood(coffee.id, 2, 6))));
    expect(payload.commands).toEqual([
      { ids: [coffee.id], status: 'ERROR', errorCode: 'commandInsertFailed' },
    ]);

    ({ payload } = await answer(await fulfil(hh.googleHomeToken, flood(coffee.id, 2, 5))));
    expect(payload.commands).toEqual([{ ids: [coffee.id], status: 'PENDING' }]);
    expect(await pendingCommands(coffee)).toHaveLength(MAX_EXECUTIONS_PER_DEVICE);
  });

  it(`answers deviceBusy once a device has ${MAX_PENDING_COMMANDS} commands waiting, until they are picked up or expire`, async () => {
    const hh = byLocale('it-IT');
    const coffee = coffeeOf(hh);
    for (let i = 0; i < MAX_PENDING_COMMANDS / 10; i++) {
      const { payload } = await answer(await fulfil(hh.googleHomeToken, flood(coffee.id, 1, 10)));
      expect(payload.commands).toEqual([{ ids: [coffee.id], status: 'PENDING' }]);
    }
    const { payload } = await answer(await fulfil(hh.googleHomeToken, flood(coffee.id, 1, 1)));
    expect(payload.commands).toEqual([{ ids: [coffee.id], status: 'ERROR', errorCode: 'deviceBusy' }]);
    expect(await pendingCommands(coffee)).toHaveLength(MAX_PENDING_COMMANDS);

    const before = now;
    now = new Date(now.getTime() + DEFAULT_COMMAND_TTL_MS + 1000);
    try {
      const later = await answer(await fulfil(hh.googleHomeToken, flood(coffee.id, 1, 1)));
      expect(later.payload.commands).toEqual([{ ids: [coffee.id], status: 'PENDING' }]);
    } finally {
      now = before;
    }
  });
});

describe('DISCONNECT', () => {
  it('records the unlink as a non-personal audit record and answers {}', async () => {
    const hh = byLocale('en-US');
    const response = await fulfil(hh.googleHomeToken, {
      requestId: REQUEST_ID,
      inputs: [{ intent: 'action.devices.DISCONNECT' }],
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    const audit = await h.store.query({ collection: 'audit' });
    const record = audit.find((a) => a.data?.type === 'account_link.disconnected');
    expect(record?.data).toMatchObject({ platform: 'google', clientId: 'google-home' });
    expect(JSON.stringify(record?.data)).not.toContain(hh.id);
  });
});

describe('bad input', () => {
  const token = () => byLocale('fr-FR').googleHomeToken;

  it.each([
    ['malformed JSON', '{"requestId": '],
    ['an empty body', ''],
    ['no inputs', { requestId: REQUEST_ID }],
    ['empty inputs', { requestId: REQUEST_ID, inputs: [] }],
    ['an unknown intent', { requestId: REQUEST_ID, inputs: [{ intent: 'action.devices.EXPLODE' }] }],
    ['a QUERY without devices', { requestId: REQUEST_ID, inputs: [{ intent: 'action.devices.QUERY' }] }],
    ['an array', [1, 2, 3]],
    ['a huge device id', query('x'.repeat(10_000))],
  ])('answers %s with a JSON 400 protocolError, never a 500', async (_name, body) => {
    const response = await fulfil(token(), body);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const json = (await response.json()) as { payload: { errorCode: string; debugString: string } };
    expect(json.payload.errorCode).toBe('protocolError');
    expect(json.payload.debugString.length).toBeLessThan(1000);
  });
});

describe('security', () => {
  it('answers 401 without a token, with a forged one, or with a token of another kind or platform', async () => {
    const hh = byLocale('fr-FR');
    const tokens = [
      undefined,
      'hth1.eyJraW5kIjoibGluayJ9.AAAA',
      hh.token,
      hh.alexaAccessToken,
      fridgeOf(hh).token,
    ];
    for (const token of tokens) {
      const response = await fulfil(token, sync);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ code: 'unauthorized' });
    }
    // Signed with another secret.
    const foreign = createTokenSigner({ secret: `${TEST_SECRET}-other` }).sign({
      kind: 'link',
      householdId: hh.id,
      grantId: 'lnk_foreign',
      clientId: 'google-home',
      platform: 'google',
      generation: 1,
      exp: Math.floor(Date.now() / 1000) + 3600,
    });
    expect((await fulfil(foreign, sync)).status).toBe(401);
  });

  it('answers 401 once the link is revoked, before reading the body', async () => {
    const hh = byLocale('it-IT');
    const grants = await h.store.query({ collection: `households/${hh.id}/links` });
    const google = grants.find((g) => g.data?.platform === 'google');
    expect(await revokeGrant(h.store, { householdId: hh.id, grantId: google!.id })).toBe(true);
    const response = await fulfil(hh.googleHomeToken!, '{not json');
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'token_revoked' });
  });
});
