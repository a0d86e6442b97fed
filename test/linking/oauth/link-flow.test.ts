import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LINK_ACCESS_TOKEN_TTL_S } from '../../../src/linking/grants.js';
import { loadDefaultLanguage } from '../../../src/runtime/default-language.js';
import { alexaEnvelope, intentRequest, postSignedAlexa } from '../../support/alexa-requests.js';
import type { Harness } from '../../support/app-harness.js';
import { dialogflowWebhook } from '../../support/dialogflow-requests.js';
import { grantingPolicy } from '../../support/granting-gate.js';
import {
  approveLink,
  authorizationUrl,
  demoClient,
  googleHomeStatus,
  ISSUER,
  link,
  oauthHarness,
  sessionCookie,
} from '../../support/oauth-client.js';

let h: Harness;
let as: oauth.AuthorizationServer;
beforeAll(async () => {
  // Linked Dialogflow turns then read the household: their answers differ from anonymous ones.
  ({ h, as } = await oauthHarness({ consent: grantingPolicy() }));
});
afterAll(() => h.close());

const household = (locale: string) => h.demo.households.find((x) => x.locale === locale)!;
const pages = (locale: string) => loadDefaultLanguage().pageText(locale as 'en-US');

async function alexa(skillId: string, accessToken: string) {
  const response = await postSignedAlexa(
    h.app,
    skillId,
    alexaEnvelope({
      applicationId: h.demo.skills.find((s) => s.id === skillId)!.alexaApplicationId!,
      request: intentRequest('WhatCanICookIntent'),
      accessToken,
    }),
  );
  expect(response.status).toBe(200);
  const json = (await response.json()) as { response: { card?: { type: string } } };
  return { linked: json.response.card?.type !== 'LinkAccount' };
}

async function dialogflow(skillId: string, accessToken: string) {
  const response = await h.app.request(`/google/${skillId}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...h.demo.skills.find((s) => s.id === skillId)!.dialogflowHeaders!,
    },
    body: JSON.stringify(dialogflowWebhook({ intent: 'WhatsInMyFridgeIntent', accessToken })),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { fulfillmentText: string }).fulfillmentText;
}

const googleHome = (accessToken: string) => googleHomeStatus(h, accessToken);

describe('discovery (RFC 8414)', () => {
  it('finds every endpoint from the issuer, with what each offers', () => {
    expect(as.issuer).toBe(ISSUER.origin);
    expect(as).toMatchObject({
      authorization_endpoint: 'http://localhost/oauth/authorize',
      token_endpoint: 'http://localhost/oauth/token',
      revocation_endpoint: 'http://localhost/oauth/revoke',
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    });
  });
});

describe('linking Alexa (code flow with PKCE, client_secret_basic)', () => {
  it('shows the consent screen in the household’s language, naming the skill, brand and platform', async () => {
    const fr = household('fr-FR');
    const { cookie } = await sessionCookie(h, { kind: 'household', householdId: fr.id });
    const client = demoClient(h, 'alexa');
    const url = await authorizationUrl(as, { client, codeVerifier: oauth.generateRandomCodeVerifier() });
    // The browser's language is not the household's: the household's wins.
    const response = await h.app.request(url, { headers: { cookie, 'accept-language': 'de-DE' } });
    expect(response.status).toBe(200);
    const page = await response.text();
    const t = pages('fr-FR');
    expect(page).toContain('<html lang="fr-FR">');
    expect(page).toContain('Chef du frigo');
    expect(page).toContain('Amazon Alexa');
    expect(page).toContain(t('linking.consent.unlink'));
    expect(page).toContain(t('linking.consent.approve'));
    expect(page).not.toContain('<script');
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("form-action 'self' https://pitangui.amazon.com");
    expect(csp).not.toMatch(/script-src|unsafe-inline/);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
  });

  it('issues a code to the redirect URI with the state, and tokens for it', async () => {
    const en = household('en-US');
    const client = demoClient(h, 'alexa');
    const tokens = await link(h, as, { client, householdId: en.id, auth: 'basic' });
    expect(tokens.token_type).toBe('bearer');
    expect(tokens.expires_in).toBeGreaterThan(LINK_ACCESS_TOKEN_TTL_S - 5);
    expect(tokens.expires_in).toBeLessThanOrEqual(LINK_ACCESS_TOKEN_TTL_S);
    expect(tokens.refresh_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Opaque, not a JWT (Google's linking checks expect that).
    expect(tokens.access_token.startsWith('hth1.')).toBe(true);
    expect(tokens.access_token.split('.')).toHaveLength(3);
  });

  it('gives a token that works on that skill’s Alexa requests and nowhere else', async () => {
    const en = household('en-US');
    const tokens = await link(h, as, { client: demoClient(h, 'alexa', 'fridge-chef'), householdId: en.id });
    expect(await alexa('fridge-chef', tokens.access_token)).toEqual({ linked: true });
    expect(await alexa('coffee-companion', tokens.access_token)).toEqual({ linked: false });
    const anonymous = await dialogflow('fridge-chef', 'none');
    expect(await dialogflow('fridge-chef', tokens.access_token)).toBe(anonymous);
    expect(await dialogflow('fridge-chef', en.linkTokens.dialogflow['fridge-chef']!)).not.toBe(anonymous);
    expect(await googleHome(tokens.access_token)).toBe(401);
  });
});

describe('linking Google (client_secret_post, no PKCE)', () => {
  it('links a Dialogflow agent: its token works on that skill’s Dialogflow turns', async () => {
    const de = household('de-DE');
    const tokens = await link(h, as, {
      client: demoClient(h, 'dialogflow'),
      householdId: de.id,
      auth: 'post',
    });
    const anonymous = await dialogflow('fridge-chef', 'none');
    expect(await dialogflow('fridge-chef', tokens.access_token)).not.toBe(anonymous);
    expect(await alexa('fridge-chef', tokens.access_token)).toEqual({ linked: false });
  });

  it('links Google Home: its token works on /google/home', async () => {
    const es = household('es-ES');
    const tokens = await link(h, as, { client: demoClient(h, 'google'), householdId: es.id, auth: 'post' });
    expect(await googleHome(tokens.access_token)).toBe(200);
    expect(await alexa('fridge-chef', tokens.access_token)).toEqual({ linked: false });
  });

  it('names Google Home on its consent screen, in the household’s language', async () => {
    const it_ = household('it-IT');
    const { cookie } = await sessionCookie(h, { kind: 'household', householdId: it_.id });
    const url = await authorizationUrl(as, {
      client: demoClient(h, 'google'),
      extra: { user_locale: 'en-US' },
    });
    const response = await h.app.request(url, { headers: { cookie } });
    const page = await response.text();
    expect(page).toContain('<html lang="it-IT">');
    expect(page).toContain(pages('it-IT')('linking.consent.allowsHome'));
  });

  it('each client’s grant stands alone: two links of one household give two grants', async () => {
    const en = household('en-US');
    const a = await link(h, as, { client: demoClient(h, 'alexa', 'coffee-companion'), householdId: en.id });
    const b = await link(h, as, { client: demoClient(h, 'alexa', 'coffee-companion'), householdId: en.id });
    expect(await alexa('coffee-companion', a.access_token)).toEqual({ linked: true });
    expect(await alexa('coffee-companion', b.access_token)).toEqual({ linked: true });
  });
});

describe('the redirect after approval', () => {
  it('carries the code and the state, not cached, to the exact redirect URI', async () => {
    const en = household('en-US');
    const { cookie } = await sessionCookie(h, { kind: 'household', householdId: en.id });
    const client = demoClient(h, 'alexa');
    const redirectUri = client.redirectUris[2]!;
    const { callback } = await approveLink(h, as, {
      client,
      cookie,
      redirectUri,
      state: 'a state with spaces & symbols',
      codeVerifier: oauth.generateRandomCodeVerifier(),
    });
    expect(`${callback.origin}${callback.pathname}`).toBe(redirectUri);
    expect(callback.searchParams.get('state')).toBe('a state with spaces & symbols');
    expect(callback.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
