import { OpenAPIHono } from '@hono/zod-openapi';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenAuth } from '../../src/auth/bearer.js';
import type { TokenClaims } from '../../src/auth/token-claims.js';
import { createTokenSigner } from '../../src/auth/token-signer.js';
import { currentGeneration, ROTATION_GRACE_MS } from '../../src/household/token-generations.js';
import { registerRotateDeviceToken } from '../../src/household/v1-devices-rotate-token.js';
import { errorHandler } from '../../src/http/error-handler.js';
import type { HttpEnv } from '../../src/http/http-env.js';
import { bearer, createHarness, type Harness, TEST_SECRET } from '../support/app-harness.js';
import { openTestFirestoreStore } from '../support/firestore.js';
import { expectProblem, expectScreenReply } from '../support/http-expect.js';
import { signIn } from '../support/sign-in.js';

/**
 * Finding 2: a rotated token keeps the presented token's expiry, and a rotation
 * whose answer was lost can be asked for again with the old token for a short
 * grace window (nothing else accepts the old token meanwhile).
 */

let h: Harness;
/** The rotation route alone, on the harness's store, with a wall clock the test moves. */
let rotationApp: OpenAPIHono<HttpEnv>;
let wall = Date.now();

/** The claims of a token this test's signer made (the payload is base64url JSON). */
const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as TokenClaims & {
    generation: number;
  };

async function rotate(app: { request: OpenAPIHono<HttpEnv>['request'] }, deviceId: string, token: string) {
  return app.request(`/v1/devices/${deviceId}/token`, { method: 'POST', headers: bearer(token) });
}
async function rotated(app: { request: OpenAPIHono<HttpEnv>['request'] }, deviceId: string, token: string) {
  const response = await rotate(app, deviceId, token);
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}
const home = (deviceId: string, token: string) =>
  h.app.request(`/v1/screens/${deviceId}/home`, { headers: bearer(token) });

/** The harness on each store: the rotation record is a nested map merged into the household document. */
const STORES: [string, () => Promise<Harness>][] = [
  ['SQLite', () => createHarness()],
  ['Firestore', async () => createHarness({ store: (await openTestFirestoreStore()).store })],
];

describe.each(STORES)('on %s', (_name, open) => {
  beforeAll(async () => {
    h = await open();
    const auth: TokenAuth = {
      signer: h.deps.signer,
      generationOf: (claims) => currentGeneration(h.store, claims),
    };
    rotationApp = new OpenAPIHono<HttpEnv>();
    registerRotateDeviceToken(rotationApp, {
      auth,
      store: h.store,
      signer: h.deps.signer,
      wallNow: () => wall,
    });
    rotationApp.onError(errorHandler(pino({ level: 'silent' })));
  });
  afterAll(() => h.close());

  describe('a rotated device token keeps the presented token expiry', () => {
    it('a one-hour token rotates into a token that expires at the same instant, not a permanent one', async () => {
      const hh = h.demo.households[0]!;
      const device = hh.devices[0]!;
      const { generation } = claimsOf(device.token);
      const exp = Math.floor(Date.now() / 1000) + 3600;
      const hour = h.deps.signer.sign({
        kind: 'device',
        householdId: hh.id,
        deviceId: device.id,
        generation,
        exp,
      });
      const token = await rotated(h.app, device.id, hour);
      expect(claimsOf(token)).toMatchObject({ generation: generation + 1, exp });
      await expectScreenReply(await home(device.id, token));
      // Two hours on, it is refused like the page token it replaced.
      const later = createTokenSigner({ secret: TEST_SECRET, now: () => Date.now() + 2 * 3600_000 });
      expect(later.verify(token, ['device'])).toEqual({ ok: false, reason: 'expired' });
    });

    it('a demo token (24 h) keeps its expiry; a token without one gets none', async () => {
      const hh = h.demo.households[1]!;
      const device = hh.devices[0]!;
      const demoExp = claimsOf(device.token).exp;
      expect(demoExp).toBeGreaterThan(Date.now() / 1000);
      const fromDemo = await rotated(h.app, device.id, device.token);
      expect(claimsOf(fromDemo).exp).toBe(demoExp);

      const { generation } = claimsOf(fromDemo);
      const lasting = h.deps.signer.sign({
        kind: 'device',
        householdId: hh.id,
        deviceId: device.id,
        generation,
      });
      const fromLasting = await rotated(h.app, device.id, lasting);
      expect(claimsOf(fromLasting)).not.toHaveProperty('exp');
      expect(claimsOf(fromLasting).generation).toBe(generation + 1);
    });
  });

  describe("a screen page's token", () => {
    it("cannot rotate (403 forbidden), and leaves its device's own token working", async () => {
      const hh = h.demo.households[6]!;
      const device = hh.devices[0]!;
      const cookie = await signIn(h.app, h.store, { kind: 'household', householdId: hh.id });
      const page = await h.app.request(`/screens/${device.id}`, { headers: { cookie } });
      expect(page.status).toBe(200);
      const { token } = JSON.parse(
        (await page.text()).match(
          /<script type="application\/json" id="screen-config">(.*?)<\/script>/s,
        )![1]!,
      ) as { token: string };
      await expectScreenReply(await home(device.id, token)); // it works the screen
      const refused = await expectProblem(await rotate(h.app, device.id, token), 403, 'forbidden');
      expect(refused.detail).toMatch(/page/);
      await expectScreenReply(await home(device.id, device.token));
      await expectScreenReply(await home(device.id, token));
    });
  });

  describe('a rotation whose answer was lost', () => {
    it('is answered again to the old token within the grace window, which opens nothing else', async () => {
      const device = h.demo.households[2]!.devices[0]!;
      const { generation, exp } = claimsOf(device.token);
      wall = Date.now();
      const lost = await rotated(rotationApp, device.id, device.token); // the answer never arrives
      expect(claimsOf(lost).generation).toBe(generation + 1);

      // Meanwhile the old token is refused everywhere else, at once.
      await expectProblem(await home(device.id, device.token), 401, 'token_revoked');

      // The device retries a minute later, then again before the grace ends: the same generation, not a bump.
      wall += 60_000;
      const again = await rotated(rotationApp, device.id, device.token);
      wall += ROTATION_GRACE_MS - 60_000 - 1000;
      const last = await rotated(rotationApp, device.id, device.token);
      for (const token of [again, last]) {
        expect(claimsOf(token)).toMatchObject({ generation: generation + 1, exp });
        await expectScreenReply(await home(device.id, token));
      }
      await expectScreenReply(await home(device.id, lost)); // the lost one would have worked too

      // Once the grace has ended, the old token is refused by the rotation too.
      wall += 2000;
      await expectProblem(await rotate(rotationApp, device.id, device.token), 401, 'token_revoked');
      await expectScreenReply(await home(device.id, last));
    });

    it('is not answered again once the new token has been rotated in its turn', async () => {
      const device = h.demo.households[3]!.devices[0]!;
      wall = Date.now();
      const second = await rotated(rotationApp, device.id, device.token);
      const third = await rotated(rotationApp, device.id, second);
      wall += 1000;
      await expectProblem(await rotate(rotationApp, device.id, device.token), 401, 'token_revoked');
      // The second generation's rotation is now the one in its grace.
      const thirdAgain = await rotated(rotationApp, device.id, second);
      expect(claimsOf(thirdAgain).generation).toBe(claimsOf(third).generation);
    });

    it('is not answered again once the household removed the device', async () => {
      const hh = h.demo.households[4]!;
      const device = hh.devices[0]!;
      wall = Date.now();
      await rotated(rotationApp, device.id, device.token);
      const removal = await h.app.request(`/v1/households/${hh.id}/devices/${device.id}`, {
        method: 'DELETE',
        headers: bearer(hh.token),
      });
      expect(removal.status).toBe(204);
      await expectProblem(await rotate(rotationApp, device.id, device.token), 401, 'token_revoked');
    });

    it('two rotations with the same token at once both get a token of the one new generation', async () => {
      const device = h.demo.households[5]!.devices[0]!;
      const { generation } = claimsOf(device.token);
      wall = Date.now();
      const tokens = await Promise.all([1, 2, 3].map(() => rotated(rotationApp, device.id, device.token)));
      expect(tokens.map((t) => claimsOf(t).generation)).toEqual([1, 2, 3].map(() => generation + 1));
      for (const token of tokens) await expectScreenReply(await home(device.id, token));
    });
  });
});
