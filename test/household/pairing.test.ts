import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPairingCode, pairingCodeKey } from '../../src/household/pairing/pairing-code.js';
import { DEFAULT_PAIRING_LIMITS } from '../../src/household/pairing/pairing-limits.js';
import { paths } from '../../src/household/paths.js';
import { bearer, createHarness, type Harness } from '../support/app-harness.js';
import { openTestFirestoreStore } from '../support/firestore.js';
import { expectProblem } from '../support/http-expect.js';
import {
  confirmPairing,
  makerOf,
  pollPairing,
  type Started,
  startPairing,
} from '../support/pairing-requests.js';

const MINUTE = 60_000;
/** The pairing routes' wall clock: moved forward by hand, never back. */
let wall = Date.parse('2026-11-20T09:00:00.000Z');

let h: Harness;
beforeAll(async () => {
  // One shard per maker bucket: which document a call spends from is then known.
  h = await createHarness({ pairing: { wallNow: () => wall, pickShard: () => 0 } });
});
afterAll(() => h.close());

const fridgeMaker = () => makerOf(h, 'fridge');
const coffeeMaker = () => makerOf(h, 'coffee-machine');

async function start(
  kind: 'fridge' | 'coffee-machine',
  extra: Record<string, unknown> = {},
): Promise<Started> {
  const maker = kind === 'fridge' ? fridgeMaker() : coffeeMaker();
  const response = await startPairing(h.app, maker.credential, { kind, ...extra });
  expect(response.status).toBe(201);
  return (await response.json()) as Started;
}

const confirm = (hh: { id: string; token: string }, code: string) =>
  confirmPairing(h.app, hh.token, hh.id, { code });
const poll = (pairingId: string, credential = fridgeMaker().credential) =>
  pollPairing(h.app, credential, pairingId);

/** The one answer every code that does not pair gets. */
async function expectInvalidCode(response: Response): Promise<string> {
  const body = await expectProblem(response, 400, 'pairing_code_invalid');
  expect(body.detail).toMatch(/check the code shown on the appliance/);
  return body.detail!;
}

describe('pairing an appliance with a household', () => {
  it('starts, is confirmed, hands the token over once; the device works, is listed and can be removed', async () => {
    const hh = h.demo.households[0]!;
    const started = await start('fridge', { name: 'Frigo de la cuisine' });
    expect(started.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(started.pollAfterSeconds).toBe(5);
    expect(started.expiresAt).toBe(new Date(wall + 10 * MINUTE).toISOString());
    // Only the code's hash is stored.
    const stored = JSON.stringify((await h.store.get(paths.pairing(started.pairingId))).data);
    expect(stored).not.toContain(started.code.replace('-', ''));

    const pending = await poll(started.pairingId);
    expect(pending.status).toBe(200);
    expect(await pending.json()).toEqual({ status: 'pending', expiresAt: started.expiresAt });

    // Typed as a person would: lower case, a space for the dash.
    const confirmed = await confirm(hh, ` ${started.code.toLowerCase().replace('-', ' ')} `);
    expect(confirmed.status).toBe(201);
    const device = (await confirmed.json()) as { deviceId: string };
    expect(device).toEqual({
      deviceId: expect.stringMatching(/^dev_/),
      kind: 'fridge',
      skillId: 'fridge-chef',
      name: 'Frigo de la cuisine',
    });
    expect((await h.store.get(paths.pairingCode(pairingCodeKey(started.code.replace('-', ''))))).exists).toBe(
      false,
    );

    const paired = await poll(started.pairingId);
    expect(paired.status).toBe(200);
    const { token, ...rest } = (await paired.json()) as { token: string };
    expect(rest).toEqual({ status: 'paired', deviceId: device.deviceId, householdId: hh.id });
    // Exactly once.
    expect(await (await poll(started.pairingId)).json()).toEqual({ status: 'claimed' });

    const home = await h.app.request(`/v1/screens/${device.deviceId}/home`, { headers: bearer(token) });
    expect(home.status).toBe(200);
    expect(((await home.json()) as { locale: string }).locale).toBe(hh.locale);

    const list = async () =>
      (
        (await (
          await h.app.request(`/v1/households/${hh.id}/devices`, { headers: bearer(hh.token) })
        ).json()) as {
          devices: { id: string }[];
        }
      ).devices;
    expect(await list()).toContainEqual({
      id: device.deviceId,
      kind: 'fridge',
      skillId: 'fridge-chef',
      brandId: 'frostline',
      name: 'Frigo de la cuisine',
      locale: hh.locale,
      createdAt: new Date(wall).toISOString(),
    });

    const removed = await h.app.request(`/v1/households/${hh.id}/devices/${device.deviceId}`, {
      method: 'DELETE',
      headers: bearer(hh.token),
    });
    expect(removed.status).toBe(204);
    const after = await h.app.request(`/v1/screens/${device.deviceId}/home`, { headers: bearer(token) });
    expect(after.status).toBe(401);
    expect((await list()).map((d) => d.id)).not.toContain(device.deviceId);
  });

  it("names the device after its maker and gives it the household's locale when the appliance says nothing", async () => {
    const hh = h.demo.households[6]!;
    const started = await start('coffee-machine');
    const confirmed = await confirm(hh, started.code);
    expect(await confirmed.json()).toMatchObject({
      kind: 'coffee-machine',
      skillId: 'coffee-companion',
      name: 'Crema Machines',
    });
    const polled = (await (await poll(started.pairingId, coffeeMaker().credential)).json()) as {
      deviceId: string;
    };
    const stored = (await h.store.get(paths.device(hh.id, polled.deviceId))).data;
    expect(stored).toMatchObject({ brandId: 'crema', locale: hh.locale, name: 'Crema Machines' });
  });

  it('keeps the locale the appliance asked for', async () => {
    const hh = h.demo.households[6]!;
    const started = await start('fridge', { locale: 'en-GB' });
    const { deviceId } = (await (await confirm(hh, started.code)).json()) as { deviceId: string };
    expect((await h.store.get(paths.device(hh.id, deviceId))).data).toMatchObject({ locale: 'en-GB' });
  });
});

describe('codes that do not pair', () => {
  it('refuses a code used once already, by the same household or another, with the same answer', async () => {
    const [first, second] = [h.demo.households[1]!, h.demo.households[2]!];
    const started = await start('fridge');
    expect((await confirm(first, started.code)).status).toBe(201);
    const again = await expectInvalidCode(await confirm(first, started.code));
    const other = await expectInvalidCode(await confirm(second, started.code));
    expect(other).toBe(again);
    // The second household has no new device.
    const devices = await h.store.query({ collection: paths.devices(second.id) });
    expect(devices).toHaveLength(h.demo.households[2]!.devices.length);
  });

  it('refuses an expired code, and the appliance is told to start again', async () => {
    const hh = h.demo.households[3]!;
    const started = await start('fridge');
    wall += 10 * MINUTE;
    const unknown = await expectInvalidCode(await confirm(hh, 'ZZZZ-ZZZZ'));
    expect(await expectInvalidCode(await confirm(hh, started.code))).toBe(unknown);
    expect(await (await poll(started.pairingId)).json()).toEqual({ status: 'expired' });
  });

  it('refuses a token the appliance did not take within its window after confirmation', async () => {
    const hh = h.demo.households[6]!;
    const started = await start('fridge');
    expect((await confirm(hh, started.code)).status).toBe(201);
    wall += 10 * MINUTE;
    expect(await (await poll(started.pairingId)).json()).toEqual({ status: 'expired' });
  });

  it('answers "expired" when the household removed the device before the appliance took its token', async () => {
    const hh = h.demo.households[6]!;
    const started = await start('fridge');
    const { deviceId } = (await (await confirm(hh, started.code)).json()) as { deviceId: string };
    const removed = await h.app.request(`/v1/households/${hh.id}/devices/${deviceId}`, {
      method: 'DELETE',
      headers: bearer(hh.token),
    });
    expect(removed.status).toBe(204);
    expect(await (await poll(started.pairingId)).json()).toEqual({ status: 'expired' });
  });

  it('gives an unknown, a malformed and an empty code the same answer', async () => {
    const hh = h.demo.households[4]!;
    const details = [
      await expectInvalidCode(await confirm(hh, '0000-0000')),
      await expectInvalidCode(await confirm(hh, 'not a code')),
      await expectInvalidCode(await confirm(hh, '')),
    ];
    expect(new Set(details).size).toBe(1);
  });

  it('stops a guesser: 5 failures, then 429 with Retry-After, even for the right code; then one try every 3 minutes', async () => {
    const guesser = h.demo.households[5]!;
    const victim = await start('fridge');
    const wrong = ['0000-0001', '0000-0002', '0000-0003', '0000-0004', '0000-0005'];
    for (const code of wrong) await expectInvalidCode(await confirm(guesser, code));
    const stopped = await confirm(guesser, victim.code);
    await expectProblem(stopped, 429, 'too_many_requests');
    expect(stopped.headers.get('retry-after')).toBe('180');
    expect(await (await poll(victim.pairingId)).json()).toMatchObject({ status: 'pending' });
    // Other households are not held back by it.
    const other = await start('fridge');
    expect((await confirm(h.demo.households[6]!, other.code)).status).toBe(201);

    wall += 3 * MINUTE;
    await expectInvalidCode(await confirm(guesser, '0000-0006'));
    expect((await confirm(guesser, victim.code)).status).toBe(429);
  });

  it('does not count codes that pair: a household pairs many appliances in a row', async () => {
    const hh = h.demo.households[6]!;
    const limit = DEFAULT_PAIRING_LIMITS.householdFailures.burst;
    for (let i = 0; i <= limit; i++) {
      const started = await start('coffee-machine');
      expect((await confirm(hh, started.code)).status).toBe(201);
    }
  });
});

describe('what a maker may do', () => {
  it("answers 404 to a maker polling another maker's pairing, and to an unknown pairing", async () => {
    const started = await start('fridge');
    await expectProblem(await poll(started.pairingId, coffeeMaker().credential), 404, 'not_found');
    await expectProblem(await poll('pair_unknown'), 404, 'not_found');
    expect(await (await poll(started.pairingId)).json()).toMatchObject({ status: 'pending' });
  });

  it('refuses a kind the maker does not make (403) and a kind that does not exist (400)', async () => {
    const body = await expectProblem(
      await startPairing(h.app, fridgeMaker().credential, { kind: 'coffee-machine' }),
      403,
      'pairing_kind_not_allowed',
    );
    expect(body.detail).toContain('coffee-machine');
    await expectProblem(
      await startPairing(h.app, fridgeMaker().credential, { kind: 'toaster' }),
      400,
      'validation_failed',
    );
  });

  it('refuses a revoked maker credential', async () => {
    const maker = fridgeMaker();
    await h.store.merge(paths.maker(maker.id), { tokenGeneration: 2 });
    try {
      await expectProblem(
        await startPairing(h.app, maker.credential, { kind: 'fridge' }),
        401,
        'token_revoked',
      );
      await expectProblem(await poll('pair_any', maker.credential), 401, 'token_revoked');
    } finally {
      await h.store.merge(paths.maker(maker.id), { tokenGeneration: 1 });
    }
  });
});

describe('bad requests', () => {
  it.each([
    ['no kind', {}],
    ['a name too long', { kind: 'fridge', name: 'x'.repeat(81) }],
    ['an empty name', { kind: 'fridge', name: '  ' }],
    ['a control character in the name', { kind: 'fridge', name: 'a\u0007b' }],
    ['an unknown locale', { kind: 'fridge', locale: 'xx-XX' }],
    ['an array', [1, 2]],
  ])('answers 400 to a start with %s', async (_, body) => {
    await expectProblem(await startPairing(h.app, fridgeMaker().credential, body), 400, 'validation_failed');
  });

  it('answers 400 to bodies that are not JSON', async () => {
    await expectProblem(await startPairing(h.app, fridgeMaker().credential, '{"kind":'), 400, 'invalid_json');
    const hh = h.demo.households[6]!;
    await expectProblem(await confirmPairing(h.app, hh.token, hh.id, 'code=1234'), 400, 'invalid_json');
  });

  it.each([
    ['no code', {}],
    ['a number', { code: 12345678 }],
    ['a code far too long', { code: 'A'.repeat(65) }],
    ['null', null],
  ])('answers 400 to a confirmation with %s', async (_, body) => {
    const hh = h.demo.households[6]!;
    await expectProblem(await confirmPairing(h.app, hh.token, hh.id, body), 400, 'validation_failed');
  });

  it('answers 400 to a pairing id that cannot be one', async () => {
    await expectProblem(await poll('__x__'), 400, 'validation_failed');
  });
});

describe('tokens', () => {
  it('answers 401 to tokens of another kind on every pairing route', async () => {
    const hh = h.demo.households[6]!;
    const device = hh.devices[0]!;
    const started = await start('fridge');
    await expectProblem(await startPairing(h.app, hh.token, { kind: 'fridge' }), 401, 'unauthorized');
    await expectProblem(await startPairing(h.app, device.token, { kind: 'fridge' }), 401, 'unauthorized');
    await expectProblem(await poll(started.pairingId, hh.token), 401, 'unauthorized');
    await expectProblem(await poll(started.pairingId, device.token), 401, 'unauthorized');
    await expectProblem(
      await confirmPairing(h.app, fridgeMaker().credential, hh.id, { code: started.code }),
      401,
      'unauthorized',
    );
    await expectProblem(
      await confirmPairing(h.app, device.token, hh.id, { code: started.code }),
      401,
      'unauthorized',
    );
    await expectProblem(
      await h.app.request('/v1/pairing', {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      }),
      401,
      'unauthorized',
    );
    // Still pairable: none of these touched it.
    expect((await confirm(hh, started.code)).status).toBe(201);
  });

  it("answers 404 to a household confirming in another household's name", async () => {
    const [mine, theirs] = [h.demo.households[6]!, h.demo.households[0]!];
    const started = await start('fridge');
    await expectProblem(
      await confirmPairing(h.app, mine.token, theirs.id, { code: started.code }),
      404,
      'not_found',
    );
    expect(await (await poll(started.pairingId)).json()).toMatchObject({ status: 'pending' });
  });
});

describe('limits of a maker', () => {
  let tight: Harness;
  let wallTight = Date.parse('2026-11-20T09:00:00.000Z');
  const codes: string[] = [];
  beforeAll(async () => {
    const perShard = { burst: 3, perDay: 3 * 24 * 60 };
    tight = await createHarness({
      pairing: {
        wallNow: () => wallTight,
        pickShard: () => 0,
        limits: {
          ...DEFAULT_PAIRING_LIMITS,
          makerStarts: { shards: 1, perShard },
          makerPolls: { shards: 1, perShard },
        },
        // The codes a test queues, then random ones.
        newCode: () => codes.shift() ?? newPairingCode(),
      },
    });
  });
  afterAll(() => tight.close());

  it('stops a maker that starts too many pairings, with Retry-After, and polls too often', async () => {
    const maker = makerOf(tight, 'fridge');
    codes.push('11111111', '22222222', '33333333');
    const pairingIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await startPairing(tight.app, maker.credential, { kind: 'fridge' });
      expect(response.status).toBe(201);
      pairingIds.push(((await response.json()) as Started).pairingId);
    }
    const limited = await startPairing(tight.app, maker.credential, { kind: 'fridge' });
    await expectProblem(limited, 429, 'too_many_requests');
    expect(limited.headers.get('retry-after')).toBe('20');
    // Another maker has buckets of its own.
    expect(
      (await startPairing(tight.app, makerOf(tight, 'coffee-machine').credential, { kind: 'coffee-machine' }))
        .status,
    ).toBe(201);

    for (let i = 0; i < 3; i++)
      expect((await pollPairing(tight.app, maker.credential, pairingIds[0]!)).status).toBe(200);
    const pollLimited = await pollPairing(tight.app, maker.credential, pairingIds[0]!);
    await expectProblem(pollLimited, 429, 'too_many_requests');
    expect(pollLimited.headers.get('retry-after')).toBe('20');

    wallTight += 20_000;
    expect((await startPairing(tight.app, maker.credential, { kind: 'fridge' })).status).toBe(201);
    expect((await pollPairing(tight.app, maker.credential, pairingIds[0]!)).status).toBe(200);
  });

  it('never gives two live pairings one code; an expired code is drawn again', async () => {
    wallTight += 10 * MINUTE;
    const maker = makerOf(tight, 'fridge');
    const hh = tight.demo.households[0]!;
    const startOne = async () => {
      const response = await startPairing(tight.app, maker.credential, { kind: 'fridge' });
      expect(response.status).toBe(201);
      return (await response.json()) as Started;
    };
    codes.push('AAAAAAAA', 'AAAAAAAA', 'BBBBBBBB');
    const first = await startOne();
    const second = await startOne();
    expect([first.code, second.code]).toEqual(['AAAA-AAAA', 'BBBB-BBBB']);

    wallTight += 10 * MINUTE;
    codes.push('AAAAAAAA');
    const third = await startOne();
    expect(third.code).toBe('AAAA-AAAA');
    expect((await confirmPairing(tight.app, hh.token, hh.id, { code: 'aaaa-aaaa' })).status).toBe(201);
    expect(await (await pollPairing(tight.app, maker.credential, third.pairingId)).json()).toMatchObject({
      status: 'paired',
    });
    expect(await (await pollPairing(tight.app, maker.credential, first.pairingId)).json()).toEqual({
      status: 'expired',
    });
  });

  it('answers 409 when every code drawn is taken', async () => {
    wallTight += 10 * MINUTE;
    const maker = makerOf(tight, 'fridge');
    codes.push('CCCCCCCC');
    expect((await startPairing(tight.app, maker.credential, { kind: 'fridge' })).status).toBe(201);
    codes.push('CCCCCCCC', 'CCCCCCCC', 'CCCCCCCC');
    await expectProblem(await startPairing(tight.app, maker.credential, { kind: 'fridge' }), 409, 'conflict');
  });
});

describe('default limits of a maker', () => {
  it('lets a maker start at most 60 pairings at once, whichever shards its calls land on', async () => {
    const own = await createHarness({ pairing: { wallNow: () => wall } });
    try {
      const maker = makerOf(own, 'fridge');
      const statuses: number[] = [];
      for (let i = 0; i < 61; i++)
        statuses.push((await startPairing(own.app, maker.credential, { kind: 'fridge' })).status);
      expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(60);
      expect(statuses).toContain(429);
      expect(statuses.every((s) => s === 201 || s === 429)).toBe(true);
    } finally {
      await own.close();
    }
  });
});

describe('on Firestore', () => {
  it('pairs, hands the token over once and stops a guesser (reads before writes, expiry as Timestamps)', async () => {
    const { store } = await openTestFirestoreStore();
    const fs = await createHarness({ store, pairing: { wallNow: () => wall } });
    try {
      const maker = makerOf(fs, 'fridge');
      const hh = fs.demo.households[0]!;
      const started = (await (
        await startPairing(fs.app, maker.credential, { kind: 'fridge' })
      ).json()) as Started;
      expect(await (await pollPairing(fs.app, maker.credential, started.pairingId)).json()).toMatchObject({
        status: 'pending',
        expiresAt: started.expiresAt,
      });
      expect((await confirmPairing(fs.app, hh.token, hh.id, { code: started.code })).status).toBe(201);
      const paired = (await (await pollPairing(fs.app, maker.credential, started.pairingId)).json()) as {
        deviceId: string;
        token: string;
      };
      const home = await fs.app.request(`/v1/screens/${paired.deviceId}/home`, {
        headers: bearer(paired.token),
      });
      expect(home.status).toBe(200);
      expect(await (await pollPairing(fs.app, maker.credential, started.pairingId)).json()).toEqual({
        status: 'claimed',
      });

      const guesser = fs.demo.households[1]!;
      for (let i = 1; i <= 5; i++) {
        await expectInvalidCode(
          await confirmPairing(fs.app, guesser.token, guesser.id, { code: `0000-000${i}` }),
        );
      }
      const stopped = await confirmPairing(fs.app, guesser.token, guesser.id, { code: started.code });
      await expectProblem(stopped, 429, 'too_many_requests');
      expect(stopped.headers.get('retry-after')).toBe('180');
    } finally {
      await fs.close();
    }
  });
});
