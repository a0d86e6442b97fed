/**
 * The whole life of an account link as the platforms live it: a household links
 * through the OAuth flow (driven by oauth4webapi), the platform uses the access
 * token, the platform unlinks (Alexa's skill-disabled event, which carries only the
 * user id; Google's DISCONNECT), and from then on the access token is refused and
 * the refresh token is `invalid_grant`.
 */
import type * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readGrant } from '../../src/linking/grants.js';
import { findGrantOfPlatformUser } from '../../src/linking/platform-user.js';
import { skillEvent } from '../support/alexa-requests.js';
import { bearer, type Harness } from '../support/app-harness.js';
import { grantingPolicy } from '../support/granting-gate.js';
import { demoClient, googleHomeStatus, link, oauthHarness, refreshWith } from '../support/oauth-client.js';
import { alexaTurnIsLinked, postAlexa } from '../support/platform-calls.js';

let h: Harness;
let as: oauth.AuthorizationServer;
beforeAll(async () => {
  ({ h, as } = await oauthHarness({ consent: grantingPolicy() }));
});
afterAll(() => h.close());

const household = (locale: string) => h.demo.households.find((x) => x.locale === locale)!;
const grantOf = (accessToken: string) => {
  const check = h.deps.signer.verify(accessToken, ['link']);
  if (!check.ok) throw new Error(`not a link token: ${check.reason}`);
  return check.claims;
};
async function linkIds(token: string, hid: string): Promise<string[]> {
  const response = await h.app.request(`/v1/households/${hid}/links`, { headers: bearer(token) });
  return ((await response.json()) as { links: { grantId: string }[] }).links.map((l) => l.grantId);
}
async function refreshError(client: ReturnType<typeof demoClient>, refreshToken: string) {
  const response = await refreshWith(h, as, client, refreshToken);
  expect(response.status).toBe(400);
  return ((await response.json()) as { error: string }).error;
}

describe('an Alexa link, from account linking to the skill being disabled', () => {
  it('links with PKCE, is used, and ends with the skill-disabled event that names only the user', async () => {
    const es = household('es-ES');
    const client = demoClient(h, 'alexa', 'coffee-companion');
    const tokens = await link(h, as, { client, householdId: es.id });
    const grant = grantOf(tokens.access_token);
    expect(grant).toMatchObject({ householdId: es.id, platform: 'alexa', skillId: 'coffee-companion' });
    expect(await linkIds(es.token, es.id)).toContain(grant.grantId);

    // Alexa's user of this household on this skill: a turn with the new token is personal.
    const userId = 'amzn1.ask.account.LIFECYCLE-ES';
    expect(await alexaTurnIsLinked(h, 'coffee-companion', tokens.access_token, userId)).toBe(true);
    const user = { platform: 'alexa', skillId: 'coffee-companion', userId } as const;
    await vi.waitFor(async () =>
      expect(await findGrantOfPlatformUser(h.store, user)).toEqual({
        householdId: es.id,
        grantId: grant.grantId,
      }),
    );

    // The user disables the skill: Amazon's event names the user, not the token.
    const applicationId = h.demo.skills.find((s) => s.id === 'coffee-companion')!.alexaApplicationId!;
    const disabled = await postAlexa(
      h,
      'coffee-companion',
      skillEvent({ applicationId, type: 'AlexaSkillEvent.SkillDisabled', userId }),
    );
    expect(disabled.status).toBe(200);

    expect(await alexaTurnIsLinked(h, 'coffee-companion', tokens.access_token, userId)).toBe(false);
    expect(await refreshError(client, tokens.refresh_token!)).toBe('invalid_grant');
    expect(await linkIds(es.token, es.id)).not.toContain(grant.grantId);
    expect(await readGrant(h.store, es.id, grant.grantId)).toBeUndefined();
    // The demo's own grant of the same skill was another grant: still linked.
    expect(await alexaTurnIsLinked(h, 'coffee-companion', es.linkTokens.alexa['coffee-companion'])).toBe(
      true,
    );
  });

  it('keeps a refreshed link working on Alexa until it is unlinked from the account', async () => {
    const it_ = household('it-IT');
    const client = demoClient(h, 'alexa', 'fridge-chef');
    const first = await link(h, as, { client, householdId: it_.id });
    const refreshed = (await (await refreshWith(h, as, client, first.refresh_token!)).json()) as {
      access_token: string;
      refresh_token: string;
    };
    expect(refreshed.refresh_token).not.toBe(first.refresh_token);
    expect(await alexaTurnIsLinked(h, 'fridge-chef', refreshed.access_token)).toBe(true);
    const { grantId } = grantOf(refreshed.access_token);
    const unlinked = await h.app.request(`/v1/households/${it_.id}/links/${grantId}`, {
      method: 'DELETE',
      headers: bearer(it_.token),
    });
    expect(unlinked.status).toBe(204);
    expect(await alexaTurnIsLinked(h, 'fridge-chef', refreshed.access_token)).toBe(false);
    expect(await refreshError(client, refreshed.refresh_token)).toBe('invalid_grant');
  });
});

describe('a Google Home link, from account linking to DISCONNECT', () => {
  it('links, syncs, disconnects, and is then refused', async () => {
    const de = household('de-DE');
    const client = demoClient(h, 'google');
    const tokens = await link(h, as, { client, householdId: de.id, auth: 'post' });
    expect(grantOf(tokens.access_token)).toMatchObject({ platform: 'google', householdId: de.id });
    expect(await googleHomeStatus(h, tokens.access_token)).toBe(200);

    const disconnect = await h.app.request('/google/home', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.access_token}` },
      body: JSON.stringify({ requestId: 'bye', inputs: [{ intent: 'action.devices.DISCONNECT' }] }),
    });
    expect(disconnect.status).toBe(200);
    expect(await disconnect.json()).toEqual({});

    expect(await googleHomeStatus(h, tokens.access_token)).toBe(401);
    expect(await refreshError(client, tokens.refresh_token!)).toBe('invalid_grant');
    // The household's other links stand: the demo's Google Home grant and its Alexa ones.
    expect(await googleHomeStatus(h, de.linkTokens.google!)).toBe(200);
    expect(await alexaTurnIsLinked(h, 'fridge-chef', de.linkTokens.alexa['fridge-chef'])).toBe(true);
  });
});
