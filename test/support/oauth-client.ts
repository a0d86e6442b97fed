import * as oauth from 'oauth4webapi';
import { createSession } from '../../src/accounts/sessions.js';
import type { DemoOAuthClient } from '../../src/demo/demo-file.js';
import { createHarness, type Harness } from './app-harness.js';

/** The issuer an app mounted in a test has: the origin of the requests' URLs. */
export const ISSUER = new URL('http://localhost');

/** oauth4webapi's requests, routed into the app in-process. */
export function routedInto(h: Harness) {
  return {
    [oauth.customFetch]: async (url: string, init: oauth.CustomFetchOptions<string, unknown>) =>
      h.app.request(new Request(url, init as RequestInit)),
    [oauth.allowInsecureRequests]: true,
  };
}

/** The authorization server as a client finds it: RFC 8414 discovery from the issuer. */
export async function discover(h: Harness): Promise<oauth.AuthorizationServer> {
  const response = await oauth.discoveryRequest(ISSUER, { algorithm: 'oauth2', ...routedInto(h) });
  return oauth.processDiscoveryResponse(ISSUER, response);
}

/** A demo client by platform (and skill). */
export function demoClient(h: Harness, platform: 'alexa' | 'dialogflow' | 'google', skillId = 'fridge-chef') {
  const list =
    platform === 'google'
      ? h.demo.googleHome.oauthClients
      : h.demo.skills.find((s) => s.id === skillId)!.oauthClients;
  return list.find((c) => c.platform === platform)!;
}

/** A signed-in browser's cookie header for a household (or a brand). */
export async function sessionCookie(
  h: Harness,
  subject: { kind: 'household'; householdId: string } | { kind: 'brand'; brandId: string },
): Promise<{ cookie: string; csrf: string }> {
  const { cookie, session } = await createSession(h.store, subject);
  return { cookie: `hearth_session=${cookie}`, csrf: session.csrf };
}

/** The hidden fields of the consent page's form, as a browser would post them. */
export function formFields(page: string): Record<string, string> {
  const fromHtml = (v: string) =>
    v
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  return Object.fromEntries(
    [...page.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map((m) => [
      fromHtml(m[1]!),
      fromHtml(m[2]!),
    ]),
  );
}

export type AuthorizationRequest = {
  client: DemoOAuthClient;
  redirectUri?: string;
  state?: string;
  codeVerifier?: string;
  extra?: Record<string, string>;
};

/** The authorization endpoint's URL for a request (PKCE S256 when a verifier is given). */
export async function authorizationUrl(
  as: oauth.AuthorizationServer,
  {
    client,
    redirectUri = client.redirectUris[0]!,
    state = oauth.generateRandomState(),
    codeVerifier,
    extra = {},
  }: AuthorizationRequest,
): Promise<URL> {
  const url = new URL(as.authorization_endpoint!);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', client.clientId);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('state', state);
  if (codeVerifier) {
    url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(codeVerifier));
    url.searchParams.set('code_challenge_method', 'S256');
  }
  for (const [name, value] of Object.entries(extra)) url.searchParams.set(name, value);
  return url;
}

/** A browser posting the consent form it was shown (with its cookie), approving or denying. */
export async function postConsent(
  h: Harness,
  page: string,
  cookie: string,
  decision: 'approve' | 'deny' = 'approve',
  change: Record<string, string> = {},
): Promise<Response> {
  const body = new URLSearchParams({ ...formFields(page), decision, ...change });
  return h.app.request('http://localhost/oauth/authorize', {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
    body: body.toString(),
  });
}

/**
 * The whole browser part of linking: the authorization request, the consent
 * screen of the signed-in household, approval; resolves with the client's
 * callback URL (code and state) and the consent page seen.
 */
export async function approveLink(
  h: Harness,
  as: oauth.AuthorizationServer,
  request: AuthorizationRequest & { cookie: string },
): Promise<{ callback: URL; page: string; state: string }> {
  const state = request.state ?? oauth.generateRandomState();
  const url = await authorizationUrl(as, { ...request, state });
  const shown = await h.app.request(url, { headers: { cookie: request.cookie } });
  const page = await shown.text();
  if (shown.status !== 200) throw new Error(`consent page: ${shown.status} ${page.slice(0, 200)}`);
  const approved = await postConsent(h, page, request.cookie);
  if (approved.status !== 302) throw new Error(`approval: ${approved.status} ${await approved.text()}`);
  return { callback: new URL(approved.headers.get('location')!), page, state };
}

/** The code exchange as the client sends it (Basic by default; PKCE when a verifier is given). */
export function exchangeCode(
  h: Harness,
  as: oauth.AuthorizationServer,
  client: DemoOAuthClient,
  callback: URLSearchParams,
  codeVerifier: string | undefined,
  {
    auth = 'basic',
    secret,
    redirectUri = client.redirectUris[0]!,
  }: { auth?: 'basic' | 'post'; secret?: string; redirectUri?: string } = {},
): Promise<Response> {
  return oauth.authorizationCodeGrantRequest(
    as,
    { client_id: client.clientId },
    clientAuth(client, auth, secret),
    callback,
    redirectUri,
    codeVerifier ?? oauth.nopkce,
    routedInto(h),
  );
}

/** A refresh as the client sends it. */
export function refreshWith(
  h: Harness,
  as: oauth.AuthorizationServer,
  client: DemoOAuthClient,
  refreshToken: string,
  auth: 'basic' | 'post' = 'post',
): Promise<Response> {
  return oauth.refreshTokenGrantRequest(
    as,
    { client_id: client.clientId },
    clientAuth(client, auth),
    refreshToken,
    routedInto(h),
  );
}

/** A fresh code of `client` approved by the signed-in browser (PKCE when the client wants it). */
export async function authorizedCode(
  h: Harness,
  as: oauth.AuthorizationServer,
  client: DemoOAuthClient,
  cookie: string,
): Promise<{ params: URLSearchParams; codeVerifier: string | undefined; code: string }> {
  const codeVerifier = client.pkceRequired ? oauth.generateRandomCodeVerifier() : undefined;
  const { callback, state } = await approveLink(h, as, {
    client,
    cookie,
    ...(codeVerifier ? { codeVerifier } : {}),
  });
  const params = oauth.validateAuthResponse(as, { client_id: client.clientId }, callback, state);
  return { params, codeVerifier, code: params.get('code')! };
}

/** Links a client for a household end to end and returns its tokens. */
export async function link(
  h: Harness,
  as: oauth.AuthorizationServer,
  {
    client,
    householdId,
    auth = 'basic',
  }: { client: DemoOAuthClient; householdId: string; auth?: 'basic' | 'post' },
): Promise<oauth.TokenEndpointResponse> {
  const { cookie } = await sessionCookie(h, { kind: 'household', householdId });
  const { params, codeVerifier } = await authorizedCode(h, as, client, cookie);
  const response = await exchangeCode(h, as, client, params, codeVerifier, { auth });
  return oauth.processAuthorizationCodeResponse(as, { client_id: client.clientId }, response);
}

/** A test app (createHarness) and its authorization server as a client discovers it. */
export async function oauthHarness(
  overrides: Parameters<typeof createHarness>[0] = {},
): Promise<{ h: Harness; as: oauth.AuthorizationServer }> {
  const h = await createHarness(overrides);
  return { h, as: await discover(h) };
}

/** The client's authentication as oauth4webapi sends it. */
export function clientAuth(
  client: DemoOAuthClient,
  auth: 'basic' | 'post' = 'basic',
  secret = client.clientSecret,
) {
  return auth === 'basic' ? oauth.ClientSecretBasic(secret) : oauth.ClientSecretPost(secret);
}

/** The status of a Google Home SYNC with an access token: 200 while its grant stands, 401 once revoked. */
export async function googleHomeStatus(h: Harness, accessToken: string): Promise<number> {
  const response = await h.app.request('/google/home', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ requestId: 'r1', inputs: [{ intent: 'action.devices.SYNC' }] }),
  });
  return response.status;
}
