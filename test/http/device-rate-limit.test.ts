import { fc, test } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenBuckets } from '../../src/http/device-rate-limit.js';
import { alexaEnvelope, intentRequest } from '../support/alexa-requests.js';
import { getAlexaTestCa } from '../support/alexa-test-ca.js';
import { bearer, createHarness, type Harness } from '../support/app-harness.js';
import { expectProblem, fridgeOf } from '../support/http-expect.js';

/** A clock that moves only when told. */
function manualClock() {
  let t = 0;
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
  };
}

describe('the token buckets (5 per second kept up, bursts of 20)', () => {
  it('lets a burst of 20 through, refuses the 21st with the seconds until a token is back', () => {
    const clock = manualClock();
    const buckets = createTokenBuckets({ now: clock.now });
    for (let i = 0; i < 20; i++) expect(buckets.take('a')).toEqual({ ok: true });
    expect(buckets.take('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
    // Another device is not touched by the first one's burst.
    expect(buckets.take('b')).toEqual({ ok: true });
    clock.advance(200);
    expect(buckets.take('a')).toEqual({ ok: true });
    expect(buckets.take('a').ok).toBe(false);
  });

  it('says in whole seconds, rounded up, how long a slow limit needs', () => {
    const clock = manualClock();
    const buckets = createTokenBuckets({ now: clock.now, perSecond: 0.25, burst: 1 });
    expect(buckets.take('a').ok).toBe(true);
    clock.advance(1000);
    expect(buckets.take('a')).toEqual({ ok: false, retryAfterSeconds: 3 });
  });

  test.prop(
    [
      fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 400 }),
      fc.integer({ min: 1, max: 60 }),
    ],
    { numRuns: 200 },
  )(
    'whatever came before, a device spaced 200 ms apart after 4 s of quiet is never refused',
    (gaps, kept) => {
      const clock = manualClock();
      const buckets = createTokenBuckets({ now: clock.now });
      for (const gap of gaps) {
        clock.advance(gap);
        buckets.take('d');
      }
      clock.advance(4000);
      // A burst of 20 after a quiet spell, then 5 per second kept up.
      for (let i = 0; i < 20; i++) expect(buckets.take('d').ok).toBe(true);
      for (let i = 0; i < kept; i++) {
        clock.advance(200);
        expect(buckets.take('d').ok).toBe(true);
      }
    },
  );

  test.prop([fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 500 })], { numRuns: 200 })(
    'never lets more than 20 + 5 per second elapsed through',
    (gaps) => {
      const clock = manualClock();
      const buckets = createTokenBuckets({ now: clock.now });
      const allowedAt: number[] = [];
      for (const gap of gaps) {
        clock.advance(gap);
        if (buckets.take('d').ok) allowedAt.push(clock.now());
      }
      // Over every window of allowed requests [i, j]: at most 20 plus what 5/s refills in it.
      for (let i = 0; i < allowedAt.length; i++) {
        for (let j = i; j < allowedAt.length; j++) {
          const elapsed = (allowedAt[j] ?? 0) - (allowedAt[i] ?? 0);
          expect(j - i + 1).toBeLessThanOrEqual(20 + Math.floor((elapsed * 5) / 1000));
        }
      }
    },
  );

  it('remembers at most maxDevices: a flood of distinct ids cannot grow memory', () => {
    const clock = manualClock();
    const buckets = createTokenBuckets({ now: clock.now, maxDevices: 1000 });
    for (let i = 0; i < 20; i++) buckets.take('busy');
    for (let i = 0; i < 100_000; i++) {
      buckets.take(`id-${i}`);
      // The busy device keeps asking: it is used recently, so it is not the one forgotten.
      if (i % 500 === 0) expect(buckets.take('busy').ok).toBe(false);
      clock.advance(0.001);
    }
    expect(buckets.size).toBe(1000);
  });
});

describe('the per-device limits on the routes', () => {
  const clock = manualClock();
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ deviceRateLimit: { now: clock.now } });
  });
  afterAll(() => h.close());

  const households = () => h.demo.households;
  const turn = (device: { id: string; token: string }, body: unknown) =>
    h.app.request(`/v1/screens/${device.id}/turns`, {
      method: 'POST',
      headers: bearer(device.token, true),
      body: JSON.stringify(body),
    });
  const events = (device: { id: string; token: string }, eventId: string) =>
    h.app.request(`/v1/devices/${device.id}/events`, {
      method: 'POST',
      headers: bearer(device.token, true),
      body: JSON.stringify({
        events: [{ eventId, type: 'device.state', at: '2026-11-20T08:59:00.000Z', online: true }],
      }),
    });

  it('typed turns: 20 at once pass, the 21st is a 429 with Retry-After, before its body is read', async () => {
    const [first, second] = households();
    const fridge = fridgeOf(first!);
    for (let i = 0; i < 20; i++) expect((await turn(fridge, { text: 'what can I cook' })).status).toBe(200);
    const refused = await turn(fridge, { text: 'what can I cook' });
    const problem = await expectProblem(refused, 429, 'too_many_requests');
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(problem.requestId).toBe(refused.headers.get('x-request-id'));
    // Refused before validation: an invalid body gets the same 429, not a 400.
    await expectProblem(await turn(fridge, { nonsense: true }), 429, 'too_many_requests');
    // Another household's device, and another device of the same household, are not limited by it.
    expect((await turn(fridgeOf(second!), { text: 'what can I cook' })).status).toBe(200);
    // A turn sent with another device's token is a 404 that spends nothing of that device.
    await expectProblem(
      await turn({ id: fridgeOf(second!).id, token: fridge.token }, { text: 'hello' }),
      404,
      'not_found',
    );
    clock.advance(200);
    expect((await turn(fridge, { intent: 'WhatCanICookIntent' })).status).toBe(200);
    await expectProblem(await turn(fridge, { intent: 'WhatCanICookIntent' }), 429, 'too_many_requests');
    clock.advance(4000);
  });

  it('event batches: a bucket of their own per device, 429 with Retry-After past it', async () => {
    const hh = households()[2]!;
    const device = hh.devices[0]!;
    // The same device's turns do not spend its event budget.
    for (let i = 0; i < 20; i++) expect((await turn(device, { text: 'hello' })).status).toBe(200);
    for (let i = 0; i < 20; i++) expect((await events(device, `s-${i}`)).status).toBe(202);
    const refused = await events(device, 's-20');
    await expectProblem(refused, 429, 'too_many_requests');
    expect(refused.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    clock.advance(4000);
    expect((await events(device, 's-21')).status).toBe(202);
  });

  it('does not limit Alexa', async () => {
    const ca = await getAlexaTestCa();
    const hh = households()[0]!;
    const skill = h.demo.skills.find((s) => s.id === 'fridge-chef')!;
    for (let i = 0; i < 30; i++) {
      const body = JSON.stringify(
        alexaEnvelope({
          applicationId: skill.alexaApplicationId!,
          locale: hh.locale,
          request: intentRequest('WhatCanICookIntent'),
          accessToken: hh.alexaAccessToken,
        }),
      );
      const response = await h.app.request('/alexa/fridge-chef', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...ca.signAlexaRequest(body) },
        body,
      });
      expect(response.status).toBe(200);
    }
  });

  it('documents the 429 and its Retry-After on both routes', async () => {
    const doc = (await (await h.app.request('/openapi.json')).json()) as {
      paths: Record<string, { post?: { responses: Record<string, { headers?: Record<string, unknown> }> } }>;
    };
    for (const route of ['/v1/screens/{deviceId}/turns', '/v1/devices/{deviceId}/events']) {
      expect(doc.paths[route]?.post?.responses['429']?.headers).toHaveProperty('Retry-After');
    }
  });
});
