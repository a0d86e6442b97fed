import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RETURN_COOKIE } from '../../../src/accounts/return-path.js';
import { paths } from '../../../src/household/paths.js';
import { loadDefaultLanguage } from '../../../src/runtime/default-language.js';
import type { Harness } from '../../support/app-harness.js';
import {
  authorizationUrl,
  demoClient,
  formFields,
  oauthHarness,
  postConsent,
  sessionCookie,
} from '../../support/oauth-client.js';

let h: Harness;
let as: oauth.AuthorizationServer;
let cookie: string;
beforeAll(async () => {
  ({ h, as } = await oauthHarness());
  ({ cookie } = await sessionCookie(h, { kind: 'household', householdId: household('en-US').id }));
});
afterAll(() => h.close());

const household = (locale: string) => h.demo.households.find((x) => x.locale === locale)!;
const pages = (locale: string) => loadDefaultLanguage().pageText(locale as 'en-US');
const alexaClient = () => demoClient(h, 'alexa');
const pkce = () => ({ codeVerifier: oauth.generateRandomCodeVerifier() });

async function oauthGrantsOf(householdId: string): Promise<string[]> {
  return (await h.store.query({ collection: paths.links(householdId) })).map((s) => s.id);
}

/** The error the client receives at its redirect URI. */
function redirectError(response: Response, redirectUri: string) {
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get('location')!);
  expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
  expect(location.searchParams.get('code')).toBeNull();
  return Object.fromEntries(location.searchParams);
}

describe('GET /oauth/authorize — requests that are not redirected anywhere', () => {
  it('shows an error page, never a redirect, for an unregistered redirect URI', async () => {
    for (const redirectUri of [
      'https://evil.example/api/skill/link/M2HEARTHDEMO',
      'https://pitangui.amazon.com/api/skill/link/M2HEARTHDEMO/',
      'https://pitangui.amazon.com/api/skill/link/OTHER',
      'http://pitangui.amazon.com/api/skill/link/M2HEARTHDEMO',
      // Another client's registered URI is not this client's.
      demoClient(h, 'dialogflow').redirectUris[0]!,
    ]) {
      const url = await authorizationUrl(as, { client: alexaClient(), redirectUri, ...pkce() });
      const response = await h.app.request(url, { headers: { cookie } });
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      expect(await response.text()).toContain(pages('en-US')('linking.error.badRedirect'));
    }
  });

  it('shows an error page for a missing, repeated or unknown client, or a missing redirect URI', async () => {
    const good = await authorizationUrl(as, { client: alexaClient(), ...pkce() });
    const variants = [
      (u: URL) => u.searchParams.delete('client_id'),
      (u: URL) => u.searchParams.set('client_id', 'nope'),
      (u: URL) => u.searchParams.set('client_id', '../sessions/x'),
      (u: URL) => u.searchParams.set('client_id', '__proto__'),
      (u: URL) => u.searchParams.append('client_id', 'coffee-companion-alexa'),
      (u: URL) => u.searchParams.delete('redirect_uri'),
      (u: URL) => u.searchParams.append('redirect_uri', alexaClient().redirectUris[1]!),
    ];
    for (const change of variants) {
      const url = new URL(good);
      change(url);
      const response = await h.app.request(url, { headers: { cookie } });
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
    }
  });

  it('answers in the browser’s language (or Google’s user_locale) before anyone is known', async () => {
    const url = await authorizationUrl(as, { client: alexaClient(), redirectUri: 'https://evil.example/' });
    const fr = await h.app.request(url, { headers: { 'accept-language': 'xx, fr-CH;q=0.9, en;q=0.5' } });
    expect(await fr.text()).toContain(pages('fr-FR')('linking.error.badRedirect'));
    url.searchParams.set('user_locale', 'es_ES');
    const es = await h.app.request(url, { headers: { 'accept-language': 'fr-FR' } });
    expect(await es.text()).toContain(pages('es-ES')('linking.error.badRedirect'));
  });
});

describe('GET /oauth/authorize — errors sent back to the client (RFC 6749 4.1.2.1)', () => {
  it('refuses a PKCE client’s request without a challenge: invalid_request, with the state', async () => {
    const client = alexaClient();
    const url = await authorizationUrl(as, { client, state: 'st-1' });
    const error = redirectError(await h.app.request(url, { headers: { cookie } }), client.redirectUris[0]!);
    expect(error).toMatchObject({ error: 'invalid_request', state: 'st-1' });
  });

  it('refuses the plain method and a challenge without a method', async () => {
    const client = alexaClient();
    for (const extra of <Record<string, string>[]>[
      { code_challenge: 'x'.repeat(43), code_challenge_method: 'plain' },
      { code_challenge: 'x'.repeat(43) },
      { code_challenge: 'short', code_challenge_method: 'S256' },
      { code_challenge_method: 'S256' },
    ]) {
      const url = await authorizationUrl(as, { client, state: 'st-2', extra });
      const error = redirectError(await h.app.request(url, { headers: { cookie } }), client.redirectUris[0]!);
      expect(error).toMatchObject({ error: 'invalid_request', state: 'st-2' });
    }
  });

  it('refuses other response types, a missing state, a malformed scope and repeated parameters', async () => {
    const client = alexaClient();
    const base = await authorizationUrl(as, { client, state: 'st-3', ...pkce() });
    const cases: [(u: URL) => void, string][] = [
      [(u) => u.searchParams.set('response_type', 'token'), 'unsupported_response_type'],
      [(u) => u.searchParams.delete('response_type'), 'invalid_request'],
      [(u) => u.searchParams.delete('state'), 'invalid_request'],
      [(u) => u.searchParams.set('state', 'tab\there'), 'invalid_request'],
      [(u) => u.searchParams.set('scope', 'a  "b"'), 'invalid_scope'],
      [(u) => u.searchParams.append('state', 'again'), 'invalid_request'],
      [(u) => u.searchParams.set('x', 'y'.repeat(10_000)), 'invalid_request'],
    ];
    for (const [change, expected] of cases) {
      const url = new URL(base);
      change(url);
      const error = redirectError(await h.app.request(url, { headers: { cookie } }), client.redirectUris[0]!);
      expect(error.error).toBe(expected);
    }
  });
});

describe('GET /oauth/authorize — who is signed in', () => {
  it('asks an anonymous browser to sign in (401) and remembers the request', async () => {
    const url = await authorizationUrl(as, {
      client: alexaClient(),
      ...pkce(),
      extra: { user_locale: 'de-DE' },
    });
    const response = await h.app.request(url);
    expect(response.status).toBe(401);
    expect(await response.text()).toContain(pages('de-DE')('linking.signin.title'));
    const setCookie = response.headers.get('set-cookie')!;
    expect(setCookie).toContain(`${RETURN_COOKIE}=${encodeURIComponent(`${url.pathname}${url.search}`)}`);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
  });

  it('treats an unknown or malformed session cookie as no session', async () => {
    const url = await authorizationUrl(as, { client: alexaClient(), ...pkce() });
    for (const value of ['x'.repeat(43), '../../etc', '']) {
      expect((await h.app.request(url, { headers: { cookie: `hearth_session=${value}` } })).status).toBe(401);
    }
  });

  it('tells a brand’s session that only households link (403)', async () => {
    const brand = await sessionCookie(h, { kind: 'brand', brandId: h.demo.brands[0]!.id });
    const url = await authorizationUrl(as, { client: alexaClient(), ...pkce() });
    const response = await h.app.request(url, { headers: { cookie: brand.cookie } });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain(pages('en-US')('linking.brandSession.body'));
  });
});

describe('POST /oauth/authorize — the consent form', () => {
  async function consentPage(client = alexaClient(), state = 'st-post') {
    const url = await authorizationUrl(as, { client, state, ...pkce() });
    const response = await h.app.request(url, { headers: { cookie } });
    expect(response.status).toBe(200);
    return response.text();
  }

  it('carries the request and the CSRF token, and nothing secret, in its fields', async () => {
    const fields = formFields(await consentPage());
    expect(Object.keys(fields).sort()).toEqual(
      [
        'client_id',
        'code_challenge',
        'code_challenge_method',
        'csrf',
        'redirect_uri',
        'response_type',
        'state',
      ].sort(),
    );
  });

  it('denied: redirects access_denied with the state, and makes no grant', async () => {
    const hid = household('en-US').id;
    const before = await oauthGrantsOf(hid);
    const response = await postConsent(h, await consentPage(), cookie, 'deny');
    const error = redirectError(response, alexaClient().redirectUris[0]!);
    expect(error).toMatchObject({ error: 'access_denied', state: 'st-post' });
    expect(await oauthGrantsOf(hid)).toEqual(before);
  });

  it('refuses a wrong or missing CSRF token with 403 and no code', async () => {
    const page = await consentPage();
    for (const csrf of [
      'nope',
      '',
      (await sessionCookie(h, { kind: 'household', householdId: household('en-US').id })).csrf,
    ]) {
      const response = await postConsent(h, page, cookie, 'approve', { csrf });
      expect(response.status).toBe(403);
      expect(response.headers.get('location')).toBeNull();
      expect(await response.text()).toContain(pages('en-US')('linking.error.csrf'));
    }
  });

  it('refuses a post from another origin even with the right token', async () => {
    const body = new URLSearchParams({ ...formFields(await consentPage()), decision: 'approve' });
    const response = await h.app.request('http://localhost/oauth/authorize', {
      method: 'POST',
      headers: {
        cookie,
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
      },
      body: body.toString(),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('location')).toBeNull();
  });

  it('checks the posted request again: a changed redirect URI is an error page', async () => {
    const response = await postConsent(h, await consentPage(), cookie, 'approve', {
      redirect_uri: 'https://evil.example/cb',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
  });

  it('asks to sign in again when the session is gone, remembering the request', async () => {
    const response = await postConsent(h, await consentPage(), 'hearth_session=gone', 'approve');
    expect(response.status).toBe(401);
    expect(response.headers.get('set-cookie')).toContain(`${RETURN_COOKIE}=`);
  });

  it('refuses a brand’s session, an unknown decision and a malformed form without a 500', async () => {
    const page = await consentPage();
    const brand = await sessionCookie(h, { kind: 'brand', brandId: h.demo.brands[0]!.id });
    expect((await postConsent(h, page, brand.cookie, 'approve', { csrf: brand.csrf })).status).toBe(403);
    expect((await postConsent(h, page, cookie, 'approve', { decision: 'maybe' })).status).toBe(400);
    const post = (body: string, type = 'application/x-www-form-urlencoded') =>
      h.app.request('http://localhost/oauth/authorize', {
        method: 'POST',
        headers: { cookie, 'content-type': type },
        body,
      });
    for (const [body, type] of [
      ['', undefined],
      ['decision=approve&decision=deny', undefined],
      ['%%%=%%%', undefined],
      [`state=${'x'.repeat(20_000)}`, undefined],
      ['{"decision":"approve"}', 'application/json'],
      ['\u0000\uffff', 'text/plain'],
    ] as const) {
      const response = await post(body, type);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(response.headers.get('location')).toBeNull();
    }
  });
});
