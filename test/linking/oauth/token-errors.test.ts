import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../../src/household/paths.js';
import { hashSecret } from '../../../src/ids/secret-hash.js';
import type { Harness } from '../../support/app-harness.js';
import {
  authorizedCode,
  demoClient,
  exchangeCode,
  oauthHarness,
  refreshWith,
  sessionCookie,
} from '../../support/oauth-client.js';

let h: Harness;
let as: oauth.AuthorizationServer;
let cookie: string;
let householdId: string;
beforeAll(async () => {
  ({ h, as } = await oauthHarness());
  householdId = h.demo.households[0]!.id;
  ({ cookie } = await sessionCookie(h, { kind: 'household', householdId }));
});
afterAll(() => h.close());

type Client = ReturnType<typeof demoClient>;

const codeFor = (client: Client) => authorizedCode(h, as, client, cookie);

function exchange(
  client: Client,
  params: URLSearchParams,
  codeVerifier: string | undefined,
  options: { auth?: 'basic' | 'post'; secret?: string } = {},
) {
  return exchangeCode(h, as, client, params, codeVerifier, options);
}

async function expectOAuthError(response: Response, error: string, status = 400) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(response.headers.get('cache-control')).toBe('no-store');
  const body = (await response.json()) as { error: string; error_description?: string };
  expect(body.error).toBe(error);
  expect(typeof body.error_description).toBe('string');
}

async function grantIds(): Promise<string[]> {
  return (await h.store.query({ collection: paths.links(householdId) })).map((s) => s.id).sort();
}

function post(
  body: string,
  headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' },
) {
  return h.app.request('http://localhost/oauth/token', { method: 'POST', headers, body });
}

describe('POST /oauth/token — the code', () => {
  it('refuses a wrong code_verifier, and the code is used up by the attempt', async () => {
    const client = demoClient(h, 'alexa');
    const { params, codeVerifier } = await codeFor(client);
    await expectOAuthError(
      await exchange(client, params, oauth.generateRandomCodeVerifier()),
      'invalid_grant',
    );
    await expectOAuthError(await exchange(client, params, codeVerifier), 'invalid_grant');
  });

  it('refuses a PKCE code exchanged without its verifier', async () => {
    const client = demoClient(h, 'alexa');
    const { params } = await codeFor(client);
    await expectOAuthError(await exchange(client, params, undefined), 'invalid_grant');
  });

  it('refuses a replayed code, and revokes the grant its first exchange made', async () => {
    const client = demoClient(h, 'alexa');
    const { params, codeVerifier } = await codeFor(client);
    const before = await grantIds();
    const first = await oauth.processAuthorizationCodeResponse(
      as,
      { client_id: client.clientId },
      await exchange(client, params, codeVerifier),
    );
    expect((await grantIds()).length).toBe(before.length + 1);
    await expectOAuthError(await exchange(client, params, codeVerifier), 'invalid_grant');
    expect(await grantIds()).toEqual(before);
    // The first exchange's tokens are dead too.
    await expectOAuthError(await refreshWith(h, as, client, first.refresh_token!, 'basic'), 'invalid_grant');
  });

  it('refuses an expired code', async () => {
    const client = demoClient(h, 'dialogflow');
    const { params, code } = await codeFor(client);
    await h.store.merge(paths.oauth(hashSecret(code)), {
      expireAt: new Date(Date.now() - 1000).toISOString(),
    });
    const before = await grantIds();
    await expectOAuthError(await exchange(client, params, undefined, { auth: 'post' }), 'invalid_grant');
    expect(await grantIds()).toEqual(before);
  });

  it('refuses a code issued to another client, and a changed redirect URI', async () => {
    const alexa = demoClient(h, 'alexa');
    const other = demoClient(h, 'alexa', 'coffee-companion');
    const { params, codeVerifier } = await codeFor(alexa);
    await expectOAuthError(await exchange(other, params, codeVerifier), 'invalid_grant');
    const second = await codeFor(alexa);
    const response = await exchangeCode(h, as, alexa, second.params, second.codeVerifier, {
      redirectUri: alexa.redirectUris[1]!,
    });
    expect(response.status).toBe(400);
  });

  it('refuses unknown and malformed codes', async () => {
    const client = demoClient(h, 'dialogflow');
    for (const code of ['x'.repeat(43), 'short', '../../sessions/abc', 'é'.repeat(50)]) {
      const callback = new URL(client.redirectUris[0]!);
      callback.searchParams.set('code', code);
      const params = oauth.validateAuthResponse(
        as,
        { client_id: client.clientId },
        callback,
        oauth.skipStateCheck,
      );
      const response = await exchange(client, params, undefined, { auth: 'post' });
      expect(response.status).toBe(400);
      expect(['invalid_grant', 'invalid_request']).toContain(
        ((await response.json()) as { error: string }).error,
      );
    }
  });
});

describe('POST /oauth/token — client authentication', () => {
  it('answers a failed HTTP Basic with 401 invalid_client and WWW-Authenticate', async () => {
    const client = demoClient(h, 'alexa');
    const { params, codeVerifier } = await codeFor(client);
    const response = await exchange(client, params, codeVerifier, { secret: 'wrong-secret' });
    expect(response.headers.get('www-authenticate')).toBe('Basic realm="hearth"');
    await expectOAuthError(response, 'invalid_client', 401);
  });

  it('answers failed body credentials with invalid_client', async () => {
    const client = demoClient(h, 'dialogflow');
    const { params } = await codeFor(client);
    const response = await exchange(client, params, undefined, { auth: 'post', secret: 'wrong-secret' });
    await expectOAuthError(response, 'invalid_client', 400);
    expect(response.headers.get('www-authenticate')).toBeNull();
  });

  it('refuses an unknown client, another client’s secret, and a PKCE exchange without a secret', async () => {
    const alexa = demoClient(h, 'alexa');
    const coffee = demoClient(h, 'alexa', 'coffee-companion');
    const { params, codeVerifier } = await codeFor(alexa);
    const basic = (id: string, secret: string) =>
      `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
    const form = (extra: Record<string, string>) =>
      new URLSearchParams({
        grant_type: 'authorization_code',
        code: params.get('code')!,
        redirect_uri: alexa.redirectUris[0]!,
        code_verifier: codeVerifier!,
        ...extra,
      }).toString();
    const type = { 'content-type': 'application/x-www-form-urlencoded' };
    await expectOAuthError(
      await post(form({}), { ...type, authorization: basic('nope', 'x') }),
      'invalid_client',
      401,
    );
    await expectOAuthError(
      await post(form({}), { ...type, authorization: basic(alexa.clientId, coffee.clientSecret) }),
      'invalid_client',
      401,
    );
    await expectOAuthError(
      await post(form({}), { ...type, authorization: 'Basic !!!' }),
      'invalid_client',
      401,
    );
    await expectOAuthError(await post(form({ client_id: alexa.clientId }), type), 'invalid_client');
    // None of these used the code up: the right client still exchanges it.
    const ok = await exchange(alexa, params, codeVerifier);
    expect(ok.status).toBe(200);
  });
});

describe('POST /oauth/token — bad input is an RFC error, never a 500', () => {
  it.each([
    ['an empty body', '', undefined],
    ['a JSON body', '{"grant_type":"authorization_code"}', 'application/json'],
    ['a text body', 'grant_type=authorization_code', 'text/plain'],
    ['no grant type', 'code=abc', undefined],
    ['an unknown grant type', 'grant_type=password&username=a&password=b', undefined],
    ['client credentials', 'grant_type=client_credentials', undefined],
    ['repeated parameters', 'grant_type=refresh_token&grant_type=authorization_code', undefined],
    ['a huge value', `grant_type=refresh_token&refresh_token=${'x'.repeat(100_000)}`, undefined],
    ['broken escapes', 'grant_type=%ZZ&code=%', undefined],
    ['control characters', 'grant_type=authorization_code&code=%00%01&redirect_uri=%0A', undefined],
    ['a __proto__ parameter', '__proto__=x&constructor=y&grant_type=authorization_code', undefined],
  ])('%s', async (_name, body, type) => {
    const client = demoClient(h, 'dialogflow');
    const headers: Record<string, string> = {
      'content-type': type ?? 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
    };
    const response = await post(body, headers);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    const json = (await response.json()) as { error: string };
    expect(['invalid_request', 'unsupported_grant_type', 'unauthorized_client', 'invalid_grant']).toContain(
      json.error,
    );
  });

  it('refuses GET with 404 or 405, not a 500', async () => {
    const response = await h.app.request('/oauth/token');
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });
});
