import { OpenAPIHono } from '@hono/zod-openapi';
import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpEnv } from '../../../src/http/http-env.js';
import { registerOAuthRoutes } from '../../../src/linking/oauth/register-oauth-routes.js';
import { createHarness, type Harness } from '../../support/app-harness.js';
import {
  approveLink,
  authorizationUrl,
  clientAuth,
  demoClient,
  discover,
  exchangeCode,
  link,
  routedInto,
  sessionCookie,
} from '../../support/oauth-client.js';
import { capturingLogger, hangingReads } from '../../support/store-faults.js';

describe('a store that does not answer', () => {
  let h: Harness;
  let app: OpenAPIHono<HttpEnv>;
  beforeAll(async () => {
    h = await createHarness();
    // The routes alone, on a store whose reads hang, with a short budget instead of 3 s.
    app = new OpenAPIHono<HttpEnv>();
    registerOAuthRoutes(app, { ...h.deps, store: hangingReads(h.store, () => true), budgetMs: 50 });
  });
  afterAll(() => h.close());

  const form = (body: Record<string, string>) => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(body).toString(),
  });

  it('answers the token endpoint 503 temporarily_unavailable instead of hanging', async () => {
    const client = demoClient(h, 'dialogflow');
    const response = await app.request(
      'http://localhost/oauth/token',
      form({
        grant_type: 'refresh_token',
        refresh_token: 'x'.repeat(43),
        client_id: client.clientId,
        client_secret: client.clientSecret,
      }),
    );
    expect(response.status).toBe(503);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toMatchObject({ error: 'temporarily_unavailable' });
  });

  it('answers the revocation endpoint and the authorization page likewise', async () => {
    const client = demoClient(h, 'dialogflow');
    const revoked = await app.request(
      'http://localhost/oauth/revoke',
      form({ token: 'x'.repeat(43), client_id: client.clientId, client_secret: client.clientSecret }),
    );
    expect(revoked.status).toBe(503);
    const as = await discover(h);
    const page = await app.request(await authorizationUrl(as, { client }));
    expect(page.status).toBe(503);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  });
});

describe('logs', () => {
  it('never hold a code, a token, a client secret or a PKCE verifier', async () => {
    const { logger, lines } = capturingLogger();
    const h = await createHarness({ logger });
    try {
      const as = await discover(h);
      const householdId = h.demo.households[0]!.id;
      const alexa = demoClient(h, 'alexa');
      const home = demoClient(h, 'google');
      const secrets: string[] = [alexa.clientSecret, home.clientSecret];

      // A full link with PKCE, a replay of its code, a refresh, a reuse, a failed client login.
      const { cookie } = await sessionCookie(h, { kind: 'household', householdId });
      const codeVerifier = oauth.generateRandomCodeVerifier();
      const { callback, state } = await approveLink(h, as, { client: alexa, cookie, codeVerifier });
      const params = oauth.validateAuthResponse(as, { client_id: alexa.clientId }, callback, state);
      const exchange = () => exchangeCode(h, as, alexa, params, codeVerifier);
      const tokens = (await (await exchange()).json()) as { access_token: string; refresh_token: string };
      expect((await exchange()).status).toBe(400);
      secrets.push(params.get('code')!, codeVerifier, tokens.access_token, tokens.refresh_token);

      const linked = await link(h, as, { client: home, householdId, auth: 'post' });
      const refresh = (token: string) =>
        oauth.refreshTokenGrantRequest(
          as,
          { client_id: home.clientId },
          clientAuth(home, 'post'),
          token,
          routedInto(h),
        );
      const next = (await (await refresh(linked.refresh_token!)).json()) as {
        access_token: string;
        refresh_token: string;
      };
      expect((await refresh(next.refresh_token)).status).toBe(200);
      expect((await refresh(linked.refresh_token!)).status).toBe(400);
      secrets.push(linked.access_token, linked.refresh_token!, next.access_token, next.refresh_token);
      await exchangeCode(h, as, home, params, undefined, { secret: 'a-wrong-secret' });

      expect(lines.some((l) => l.msg === 'authorization code replayed: its grant is revoked')).toBe(true);
      expect(lines.some((l) => l.msg === 'retired refresh token reused: its grant is revoked')).toBe(true);
      const logged = JSON.stringify(lines);
      for (const secret of [...secrets, 'a-wrong-secret']) expect(logged).not.toContain(secret);
    } finally {
      await h.close();
    }
  });
});
