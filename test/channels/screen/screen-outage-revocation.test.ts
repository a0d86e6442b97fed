import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createHarness, type Harness } from '../../support/app-harness.js';
import { expectProblem, expectScreenReply, fridgeOf } from '../../support/http-expect.js';
import { storeWith } from '../../support/store-faults.js';

/**
 * Finding 10: during a store outage a screen this process has seen still gets a
 * non-personal answer from what it last saw of the device, but a token that was
 * revoked before the outage (older than the generation last seen) gets the same
 * 401 as when the store answers.
 */

let h: Harness;
let down = false;
/** gRPC UNAVAILABLE, as the Firestore client reports an outage. */
const outage = () => Promise.reject(Object.assign(new Error('14 UNAVAILABLE: no connection'), { code: 14 }));
beforeAll(async () => {
  h = await createHarness({
    wrapStore: (store) =>
      storeWith(store, (method) =>
        down && ['get', 'getAll', 'runTransaction'].includes(method) ? outage : undefined,
      ),
  });
});
afterAll(() => h.close());

type Device = Harness['demo']['households'][number]['devices'][number];
const home = (deviceId: string, token: string) =>
  h.app.request(`/v1/screens/${deviceId}/home`, { headers: bearer(token) });
const typed = (deviceId: string, token: string) =>
  h.app.request(`/v1/screens/${deviceId}/turns`, {
    method: 'POST',
    headers: bearer(token, true),
    body: JSON.stringify({ text: 'what can I cook' }),
  });
async function rotate(device: Pick<Device, 'id' | 'token'>): Promise<string> {
  const response = await h.app.request(`/v1/devices/${device.id}/token`, {
    method: 'POST',
    headers: bearer(device.token),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

describe('a screen turn during a store outage', () => {
  it('refuses a token revoked before the outage once the newer one was seen, and serves the current one', async () => {
    down = false;
    const fridge = fridgeOf(h.demo.households[0]!);
    await expectScreenReply(await home(fridge.id, fridge.token)); // this process has seen the device
    const current = await rotate(fridge); // the demo token is revoked
    await expectScreenReply(await home(fridge.id, current)); // ... and the new one seen in use

    down = true;
    try {
      // The current token: the non-personal answer, as before this fix.
      await expectScreenReply(await home(fridge.id, current));
      // Typed text is understood without the store: the answer still says what it was matched to.
      const answer = await expectScreenReply(await typed(fridge.id, current));
      expect(answer.understood).toEqual({
        intent: expect.any(String),
        slots: expect.any(Object),
        confidence: expect.any(Number),
      });
      // The revoked one: the 401 it gets when the store answers.
      for (const response of [await home(fridge.id, fridge.token), await typed(fridge.id, fridge.token)]) {
        await expectProblem(response, 401, 'token_revoked');
        expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      }
    } finally {
      down = false;
    }
    await expectProblem(await home(fridge.id, fridge.token), 401, 'token_revoked');
  });

  it('refuses a token the store already refused, even if its successor was never seen here', async () => {
    down = false;
    const fridge = fridgeOf(h.demo.households[1]!);
    await expectScreenReply(await home(fridge.id, fridge.token));
    await rotate(fridge); // the new token is never used through this process
    await expectProblem(await home(fridge.id, fridge.token), 401, 'token_revoked');

    down = true;
    try {
      await expectProblem(await home(fridge.id, fridge.token), 401, 'token_revoked');
      await expectProblem(await typed(fridge.id, fridge.token), 401, 'token_revoked');
    } finally {
      down = false;
    }
  });

  it('still answers a current token this process has seen, and 503s a device it never saw', async () => {
    down = false;
    const [seen, unseen] = [fridgeOf(h.demo.households[2]!), fridgeOf(h.demo.households[3]!)];
    await expectScreenReply(await home(seen.id, seen.token));
    down = true;
    try {
      await expectScreenReply(await home(seen.id, seen.token));
      await expectProblem(await home(unseen.id, unseen.token), 503, 'store_unavailable');
    } finally {
      down = false;
    }
  });
});
