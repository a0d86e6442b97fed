import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../../support/app-harness.js';
import {
  clientAuth,
  demoClient,
  googleHomeStatus,
  link,
  oauthHarness,
  refreshWith,
  routedInto,
} from '../../support/oauth-client.js';

let h: Harness;
let as: oauth.AuthorizationServer;
let householdId: string;
beforeAll(async () => {
  ({ h, as } = await oauthHarness());
  householdId = h.demo.households[1]!.id;
});
afterAll(() => h.close());

type Client = ReturnType<typeof demoClient>;
const home = () => demoClient(h, 'google');

function revoke(token: string, client: Client = home(), auth: 'basic' | 'post' = 'post', secret?: string) {
  return oauth.revocationRequest(
    as,
    { client_id: client.clientId },
    clientAuth(client, auth, secret),
    token,
    routedInto(h),
  );
}

const homeStatus = (accessToken: string) => googleHomeStatus(h, accessToken);
const refresh = (refreshToken: string) => refreshWith(h, as, home(), refreshToken);

describe('POST /oauth/revoke (RFC 7009)', () => {
  it('revokes the grant of a refresh token: its access and refresh tokens stop', async () => {
    const tokens = await link(h, as, { client: home(), householdId, auth: 'post' });
    const response = await revoke(tokens.refresh_token!);
    expect(response.status).toBe(200);
    await oauth.processRevocationResponse(response);
    expect(await homeStatus(tokens.access_token)).toBe(401);
    expect((await refresh(tokens.refresh_token!)).status).toBe(400);
  });

  it('revokes the grant of an access token too, with HTTP Basic', async () => {
    const tokens = await link(h, as, { client: home(), householdId, auth: 'post' });
    expect((await revoke(tokens.access_token, home(), 'basic')).status).toBe(200);
    expect(await homeStatus(tokens.access_token)).toBe(401);
    expect((await refresh(tokens.refresh_token!)).status).toBe(400);
  });

  it('answers 200 for unknown tokens and another client’s, revoking nothing of the other client', async () => {
    const tokens = await link(h, as, { client: home(), householdId, auth: 'post' });
    const other = demoClient(h, 'dialogflow');
    for (const token of ['x'.repeat(43), 'hth1.forged.token', 'anything']) {
      expect((await revoke(token)).status).toBe(200);
    }
    expect((await revoke(tokens.refresh_token!, other)).status).toBe(200);
    expect((await revoke(tokens.access_token, other)).status).toBe(200);
    expect(await homeStatus(tokens.access_token)).toBe(200);
    // Revoking twice is harmless.
    expect((await revoke(tokens.refresh_token!)).status).toBe(200);
    expect((await revoke(tokens.refresh_token!)).status).toBe(200);
  });

  it('authenticates the client: 401 with WWW-Authenticate for Basic, invalid_client in the body otherwise', async () => {
    const tokens = await link(h, as, { client: home(), householdId, auth: 'post' });
    const basic = await revoke(tokens.refresh_token!, home(), 'basic', 'wrong');
    expect(basic.status).toBe(401);
    expect(basic.headers.get('www-authenticate')).toBe('Basic realm="hearth"');
    expect(await basic.json()).toMatchObject({ error: 'invalid_client' });
    const post = await revoke(tokens.refresh_token!, home(), 'post', 'wrong');
    expect(post.status).toBe(400);
    expect(await post.json()).toMatchObject({ error: 'invalid_client' });
    expect(await homeStatus(tokens.access_token)).toBe(200);
  });

  it.each([
    ['no token', (c: Client) => `client_id=${c.clientId}&client_secret=${c.clientSecret}`, 'invalid_request'],
    [
      'repeated tokens',
      (c: Client) => `client_id=${c.clientId}&client_secret=${c.clientSecret}&token=a&token=b`,
      'invalid_request',
    ],
    ['no credentials', () => 'token=abc', 'invalid_client'],
    [
      'a huge token',
      (c: Client) => `client_id=${c.clientId}&client_secret=${c.clientSecret}&token=${'x'.repeat(50_000)}`,
      'invalid_request',
    ],
  ])('refuses %s with an RFC error, never a 500', async (_name, body, error) => {
    const response = await h.app.request('http://localhost/oauth/revoke', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body(home()),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error });
  });

  it('treats a JSON body as a request without credentials', async () => {
    const response = await h.app.request('http://localhost/oauth/revoke', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: 'x' }),
    });
    expect(response.status).toBe(400);
  });
});
