import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../../src/household/paths.js';
import { hashSecret } from '../../../src/ids/secret-hash.js';
import { revokeGrant } from '../../../src/linking/grants.js';
import type { Harness } from '../../support/app-harness.js';
import { demoClient, googleHomeStatus, link, oauthHarness, refreshWith } from '../../support/oauth-client.js';

let h: Harness;
let as: oauth.AuthorizationServer;
let householdId: string;
beforeAll(async () => {
  ({ h, as } = await oauthHarness());
  householdId = h.demo.households[0]!.id;
});
afterAll(() => h.close());

/** Google Home's client: its access tokens are checked on /google/home, which answers 401 once revoked. */
const home = () => demoClient(h, 'google');

const refresh = (refreshToken: string, client = home()) => refreshWith(h, as, client, refreshToken);

async function refreshed(refreshToken: string, client = home()) {
  return oauth.processRefreshTokenResponse(
    as,
    { client_id: client.clientId },
    await refresh(refreshToken, client),
  );
}

async function expectInvalidGrant(response: Response) {
  expect(response.status).toBe(400);
  expect(await response.json()).toMatchObject({ error: 'invalid_grant' });
}

const homeStatus = (accessToken: string) => googleHomeStatus(h, accessToken);
const linkHome = () => link(h, as, { client: home(), householdId, auth: 'post' });

describe('POST /oauth/token — refresh', () => {
  it('answers a new access token and a new refresh token, as Google’s checks expect', async () => {
    const first = await linkHome();
    const next = await refreshed(first.refresh_token!);
    expect(next.access_token).not.toBe(first.access_token);
    expect(next.refresh_token).not.toBe(first.refresh_token);
    expect(typeof next.expires_in).toBe('number');
    expect(await homeStatus(next.access_token)).toBe(200);
  });

  it('keeps the previous token valid until the new one is used (a retry after a lost answer)', async () => {
    const first = await linkHome();
    const lost = await refreshed(first.refresh_token!);
    const retried = await refreshed(first.refresh_token!);
    expect(retried.refresh_token).not.toBe(lost.refresh_token);
    const third = await refreshed(retried.refresh_token!);
    expect(await homeStatus(third.access_token)).toBe(200);
    expect(await homeStatus(first.access_token)).toBe(200);
  });

  it('revokes the whole grant when a retired token comes back (reuse detection)', async () => {
    const first = await linkHome();
    const second = await refreshed(first.refresh_token!);
    const third = await refreshed(second.refresh_token!); // the new one is used: the first is retired
    await expectInvalidGrant(await refresh(first.refresh_token!));
    expect(await homeStatus(third.access_token)).toBe(401);
    await expectInvalidGrant(await refresh(third.refresh_token!));
  });

  it('treats the unused sibling of a used successor as reuse too', async () => {
    const first = await linkHome();
    const lost = await refreshed(first.refresh_token!);
    const retried = await refreshed(first.refresh_token!);
    const next = await refreshed(retried.refresh_token!);
    await expectInvalidGrant(await refresh(lost.refresh_token!));
    expect(await homeStatus(next.access_token)).toBe(401);
  });

  it('rotates consistently when two refreshes with one token race', async () => {
    const first = await linkHome();
    const [a, b] = await Promise.all([refresh(first.refresh_token!), refresh(first.refresh_token!)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const tokens = [
      await oauth.processRefreshTokenResponse(as, { client_id: home().clientId }, a),
      await oauth.processRefreshTokenResponse(as, { client_id: home().clientId }, b),
    ];
    const kept = await refreshed(tokens[0]!.refresh_token!);
    expect(await homeStatus(kept.access_token)).toBe(200);
    await expectInvalidGrant(await refresh(tokens[1]!.refresh_token!));
  });

  it('stops a grant revoked elsewhere (the consent center, a platform’s unlink)', async () => {
    const first = await linkHome();
    const grantId = (await h.store.get(paths.oauth(hashSecret(first.refresh_token!)))).data
      ?.grantId as string;
    expect(await revokeGrant(h.store, { householdId, grantId })).toBe(true);
    await expectInvalidGrant(await refresh(first.refresh_token!));
    expect(await homeStatus(first.access_token)).toBe(401);
  });

  it('stops a grant whose generation left the household even if its tokens remain', async () => {
    const first = await linkHome();
    const grantId = (await h.store.get(paths.oauth(hashSecret(first.refresh_token!)))).data
      ?.grantId as string;
    const snap = await h.store.get(paths.household(householdId));
    const auth = snap.data!.auth as { links: Record<string, number> };
    const { [grantId]: _gone, ...links } = auth.links;
    await h.store.set(paths.household(householdId), { ...snap.data!, auth: { ...auth, links } });
    await expectInvalidGrant(await refresh(first.refresh_token!));
  });

  it('refuses another client’s refresh token, unknown and expired tokens with invalid_grant', async () => {
    const first = await linkHome();
    const dialogflow = demoClient(h, 'dialogflow');
    await expectInvalidGrant(await refresh(first.refresh_token!, dialogflow));
    await expectInvalidGrant(await refresh('x'.repeat(43)));
    await expectInvalidGrant(await refresh('not a token'));
    // The other client's attempt did not spend it.
    const second = await linkHome();
    await h.store.merge(paths.oauth(hashSecret(second.refresh_token!)), {
      expireAt: new Date(Date.now() - 1000).toISOString(),
    });
    await expectInvalidGrant(await refresh(second.refresh_token!));
    expect((await refresh(first.refresh_token!)).status).toBe(200);
  });

  it('stores refresh tokens and codes only hashed, naming their grant', async () => {
    const first = await linkHome();
    const stored = await h.store.query({ collection: paths.oauthCollection() });
    const text = JSON.stringify(stored.map((s) => [s.path, s.data]));
    expect(text).not.toContain(first.refresh_token!);
    expect(text).not.toContain(first.access_token);
    const record = (await h.store.get(paths.oauth(hashSecret(first.refresh_token!)))).data!;
    expect(record).toMatchObject({ kind: 'refresh', householdId, clientId: home().clientId });
    expect(record.expireAt).toMatch(/Z$/);
  });
});
