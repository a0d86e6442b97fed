import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CommandQueueFullError,
  enqueueCommands,
  MAX_COMMANDS_PER_ENQUEUE,
  MAX_PENDING_COMMANDS,
} from '../../../src/household/device-commands.js';
import { bearer, createHarness, type Harness } from '../../support/app-harness.js';
import { coffeeOf, expectProblem, fridgeOf } from '../../support/http-expect.js';

const now = new Date('2026-11-20T09:00:00.000Z');
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ clock: () => now });
});
afterAll(() => h.close());

const list = (deviceId: string, token: string) =>
  h.app.request(`/v1/devices/${deviceId}/commands`, { headers: bearer(token) });
const ack = (deviceId: string, commandId: string, token: string) =>
  h.app.request(`/v1/devices/${deviceId}/commands/${commandId}/ack`, {
    method: 'POST',
    headers: bearer(token),
  });

async function pending(deviceId: string, token: string) {
  const response = await list(deviceId, token);
  expect(response.status).toBe(200);
  return ((await response.json()) as { commands: { id: string; command: string; params: unknown }[] })
    .commands;
}

describe('GET /v1/devices/:deviceId/commands', () => {
  it('lists the waiting commands oldest first, and only that device’s', async () => {
    const hh = h.demo.households[0]!;
    const coffee = coffeeOf(hh);
    const fridge = fridgeOf(hh);
    expect(await pending(coffee.id, coffee.token)).toEqual([]);
    const store = h.store;
    await enqueueCommands({
      store,
      householdId: hh.id,
      deviceId: coffee.id,
      now: new Date('2026-11-20T08:59:00Z'),
      commands: [
        { command: 'power', params: { on: true } },
        { command: 'brew', params: { start: true } },
      ],
    });
    await enqueueCommands({
      store,
      householdId: hh.id,
      deviceId: coffee.id,
      now: new Date('2026-11-20T08:58:00Z'),
      commands: [{ command: 'power', params: { on: false } }],
    });
    await enqueueCommands({
      store,
      householdId: hh.id,
      deviceId: fridge.id,
      now,
      commands: [{ command: 'set_temperature', params: { celsius: 4 } }],
    });
    const commands = await pending(coffee.id, coffee.token);
    expect(commands.map((c) => [c.command, c.params])).toEqual([
      ['power', { on: false }],
      ['power', { on: true }],
      ['brew', { start: true }],
    ]);
    expect(commands[0]).toMatchObject({
      createdAt: '2026-11-20T08:58:00.000Z',
      expireAt: '2026-11-20T09:13:00.000Z',
    });
    expect((await pending(fridge.id, fridge.token)).map((c) => c.command)).toEqual(['set_temperature']);
  });

  it('leaves out expired commands', async () => {
    const hh = h.demo.households[1]!;
    const coffee = coffeeOf(hh);
    await enqueueCommands({
      store: h.store,
      householdId: hh.id,
      deviceId: coffee.id,
      now: new Date('2026-11-20T08:00:00Z'),
      commands: [{ command: 'brew', params: { start: true } }],
    });
    expect(await pending(coffee.id, coffee.token)).toEqual([]);
    // Not purged yet, just ignored.
    expect(await h.store.query({ collection: `households/${hh.id}/commands` })).toHaveLength(1);
  });
});

describe('POST /v1/devices/:deviceId/commands/:id/ack', () => {
  it('acknowledges a command, which then leaves the list; acknowledging again is fine', async () => {
    const hh = h.demo.households[2]!;
    const coffee = coffeeOf(hh);
    const [first, second] = await enqueueCommands({
      store: h.store,
      householdId: hh.id,
      deviceId: coffee.id,
      now,
      commands: [
        { command: 'power', params: { on: true } },
        { command: 'brew', params: { start: true, quantity: 2, unit: 'CUPS' } },
      ],
    });
    const response = await ack(coffee.id, first!, coffee.token);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: first, status: 'acked' });
    expect((await pending(coffee.id, coffee.token)).map((c) => c.id)).toEqual([second]);
    expect((await ack(coffee.id, first!, coffee.token)).status).toBe(200);
    const stored = await h.store.get(`households/${hh.id}/commands/${first}`);
    expect(stored.data).toMatchObject({ status: 'acked', ackedAt: now.toISOString() });
  });

  it("answers 404 for an unknown command or another device's command, and leaves it pending", async () => {
    const hh = h.demo.households[3]!;
    const coffee = coffeeOf(hh);
    const fridge = fridgeOf(hh);
    const [id] = await enqueueCommands({
      store: h.store,
      householdId: hh.id,
      deviceId: coffee.id,
      now,
      commands: [{ command: 'power', params: { on: true } }],
    });
    await expectProblem(await ack(coffee.id, 'cmd_nothing', coffee.token), 404, 'not_found');
    await expectProblem(await ack(fridge.id, id!, fridge.token), 404, 'not_found');
    // Another household's device, with its own valid token.
    const stranger = coffeeOf(h.demo.households[4]!);
    await expectProblem(await ack(stranger.id, id!, stranger.token), 404, 'not_found');
    expect((await pending(coffee.id, coffee.token)).map((c) => c.id)).toEqual([id]);
  });

  it('answers 400 to a command id that is not an id', async () => {
    const coffee = coffeeOf(h.demo.households[3]!);
    await expectProblem(await ack(coffee.id, 'a.b', coffee.token), 400, 'validation_failed');
  });
});

describe('device command routes, security', () => {
  it('answer 401 without a token, with a forged one, or with a household or link token', async () => {
    const hh = h.demo.households[5]!;
    const coffee = coffeeOf(hh);
    await expectProblem(await h.app.request(`/v1/devices/${coffee.id}/commands`), 401, 'unauthorized');
    for (const token of ['hth1.eyJraW5kIjoiZGV2aWNlIn0.AAAA', hh.token, hh.googleHomeToken!]) {
      await expectProblem(await list(coffee.id, token), 401, 'unauthorized');
      await expectProblem(await ack(coffee.id, 'cmd_x', token), 401, 'unauthorized');
    }
  });

  it("answer 404 to another device's token", async () => {
    const hh = h.demo.households[5]!;
    const other = h.demo.households[6]!;
    await expectProblem(await list(coffeeOf(hh).id, coffeeOf(other).token), 404, 'not_found');
    await expectProblem(await list(coffeeOf(hh).id, fridgeOf(hh).token), 404, 'not_found');
  });
});

describe('enqueueCommands bounds', () => {
  it(`refuses more than ${MAX_COMMANDS_PER_ENQUEUE} at once, and past ${MAX_PENDING_COMMANDS} waiting, writing nothing`, async () => {
    const hh = h.demo.households[h.demo.households.length - 1]!;
    const fridge = fridgeOf(hh);
    const cold = (n: number) =>
      Array.from({ length: n }, () => ({ command: 'set_temperature', params: { celsius: 4 } }) as const);
    const enqueue = (n: number) =>
      enqueueCommands({ store: h.store, householdId: hh.id, deviceId: fridge.id, now, commands: cold(n) });
    await expect(enqueue(MAX_COMMANDS_PER_ENQUEUE + 1)).rejects.toBeInstanceOf(RangeError);
    for (let i = 0; i < MAX_PENDING_COMMANDS / MAX_COMMANDS_PER_ENQUEUE - 1; i++)
      await enqueue(MAX_COMMANDS_PER_ENQUEUE);
    await expect(enqueue(MAX_COMMANDS_PER_ENQUEUE)).resolves.toHaveLength(MAX_COMMANDS_PER_ENQUEUE);
    await expect(enqueue(1)).rejects.toBeInstanceOf(CommandQueueFullError);
    expect(await pending(fridge.id, fridge.token)).toHaveLength(MAX_PENDING_COMMANDS);
  });
});
