/**
 * Account linking as a person lives it, in headless Chromium against a listening
 * service: the Alexa app opens hearth's authorization URL in a browser that is not
 * signed in; the person opens the sign-in link from the companion app, comes back to
 * the consent screen in the household's language, approves, and the browser is sent
 * to Amazon's redirect URI with the code (caught here: no network). The skill's side
 * then exchanges the code with PKCE over HTTP (oauth4webapi), and the token works.
 */
import * as oauth from 'oauth4webapi';
import type { BrowserContext } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { issueSigninCode } from '../../src/accounts/signin-codes.js';
import type { DemoOAuthClient } from '../../src/demo/demo-file.js';
import { startBrowserHarness, watchProblems } from '../support/browser.js';
import { demoClient, googleHomeStatus } from '../support/oauth-client.js';

const harness = await startBrowserHarness();
const { h, baseUrl, browser } = harness;
afterAll(() => harness.close());

const issuer = new URL(baseUrl);
const http = { [oauth.allowInsecureRequests]: true };

async function authorizationServer(): Promise<oauth.AuthorizationServer> {
  const response = await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...http });
  return oauth.processDiscoveryResponse(issuer, response);
}

/** The authorization URL a platform opens for `client` (with `extra`, such as a PKCE challenge). */
function authorizationUrl(
  as: oauth.AuthorizationServer,
  client: DemoOAuthClient,
  state: string,
  extra: Record<string, string> = {},
): string {
  const url = new URL(as.authorization_endpoint!);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: client.clientId,
    redirect_uri: client.redirectUris[0]!,
    state,
    ...extra,
  }).toString();
  return url.toString();
}

/** Catches the browser's arrival at the client's redirect URI (no network here): the URL it arrived at, once it has. */
async function catchRedirect(context: BrowserContext, client: DemoOAuthClient): Promise<() => Promise<URL>> {
  let callback: URL | undefined;
  await context.route(`${new URL(client.redirectUris[0]!).origin}/**`, async (route) => {
    callback = new URL(route.request().url());
    await route.fulfill({ status: 200, contentType: 'text/plain', body: 'linked' });
  });
  return async () => {
    await expect.poll(() => callback?.toString(), { timeout: 10_000 }).toBeDefined();
    return callback!;
  };
}

describe('account linking in headless Chromium', () => {
  it('signs in on the way, shows the consent screen in French, and gives Alexa a working code', async () => {
    const fr = h.demo.households.find((x) => x.locale === 'fr-FR')!;
    const client = demoClient(h, 'alexa', 'fridge-chef');
    const as = await authorizationServer();
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const url = authorizationUrl(as, client, state, {
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });

    const context = await browser.newContext({ locale: 'fr-FR' });
    try {
      // Amazon's redirect URI: caught, as Amazon's servers would receive it.
      const arrived = await catchRedirect(context, client);
      const page = await context.newPage();
      const problems = watchProblems(page);

      const prompt = await page.goto(url);
      expect(prompt?.status()).toBe(401);
      const { code: signin } = await issueSigninCode(h.store, { kind: 'household', householdId: fr.id });
      await page.goto(`${baseUrl}/signin/${signin}`);
      // Back on the authorization request, now as the household.
      expect(page.url()).toBe(url);
      const main = await page.locator('main').textContent();
      expect(main).toContain('Famille Martin');
      expect(main).toContain('Frostline');
      expect(main).toContain('Amazon Alexa');

      await page.getByRole('button', { name: 'Associer' }).click();
      const callback = await arrived();
      expect(`${callback.origin}${callback.pathname}`).toBe(client.redirectUris[0]);

      const params = oauth.validateAuthResponse(as, { client_id: client.clientId }, callback, state);
      const response = await oauth.authorizationCodeGrantRequest(
        as,
        { client_id: client.clientId },
        oauth.ClientSecretBasic(client.clientSecret),
        params,
        client.redirectUris[0]!,
        verifier,
        http,
      );
      const tokens = await oauth.processAuthorizationCodeResponse(
        as,
        { client_id: client.clientId },
        response,
      );
      expect(tokens.expires_in).toBeGreaterThanOrEqual(360);
      const check = h.deps.signer.verify(tokens.access_token, ['link']);
      expect(check.ok && check.claims).toMatchObject({
        householdId: fr.id,
        platform: 'alexa',
        skillId: 'fridge-chef',
      });
      const links = await fetch(`${baseUrl}/v1/households/${fr.id}/links`, {
        headers: { authorization: `Bearer ${fr.token}` },
      });
      const grantId = check.ok ? check.claims.grantId : '';
      expect(
        ((await links.json()) as { links: { grantId: string }[] }).links.map((l) => l.grantId),
      ).toContain(grantId);
      // The 401 of the sign-in prompt is the one console error Chromium reports.
      expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('links Google Home for a signed-in household, whose token then works on /google/home', async () => {
    const de = h.demo.households.find((x) => x.locale === 'de-DE')!;
    const client = demoClient(h, 'google');
    const as = await authorizationServer();
    const state = oauth.generateRandomState();
    const url = authorizationUrl(as, client, state);

    const context = await browser.newContext();
    try {
      const arrived = await catchRedirect(context, client);
      const page = await context.newPage();
      const { code: signin } = await issueSigninCode(h.store, { kind: 'household', householdId: de.id });
      await page.goto(`${baseUrl}/signin/${signin}`);
      await page.goto(url);
      expect(await page.locator('main').textContent()).toContain('Google Home');
      await page.getByRole('button', { name: 'Verknüpfen' }).click();
      const params = oauth.validateAuthResponse(as, { client_id: client.clientId }, await arrived(), state);
      const response = await oauth.authorizationCodeGrantRequest(
        as,
        { client_id: client.clientId },
        oauth.ClientSecretPost(client.clientSecret),
        params,
        client.redirectUris[0]!,
        oauth.nopkce,
        http,
      );
      const tokens = await oauth.processAuthorizationCodeResponse(
        as,
        { client_id: client.clientId },
        response,
      );
      expect(await googleHomeStatus(h, tokens.access_token)).toBe(200);
    } finally {
      await context.close();
    }
  });
});
