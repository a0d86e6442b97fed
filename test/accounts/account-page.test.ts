import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_API_TOKENS } from '../../src/accounts/api-tokens.js';
import { householdRecordSchema } from '../../src/household/household-record.js';
import { bearer, createHarness, type Harness } from '../support/app-harness.js';
import { expectProblem } from '../support/http-expect.js';
import { csrfOf, postForm, signIn } from '../support/sign-in.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h?.close());

const byLocale = (locale: string) => h.demo.households.find((hh) => hh.locale === locale)!;
const household = (householdId: string) => ({ kind: 'household', householdId }) as const;

/** A signed-in browser of a household: its cookie and the CSRF token of its account page. */
async function browserOf(hid: string) {
  const cookie = await signIn(h.app, h.store, household(hid));
  const page = await h.app.request('/account', { headers: { cookie } });
  return { cookie, csrf: csrfOf(await page.text()) };
}

const recordOf = async (hid: string) =>
  householdRecordSchema.parse((await h.store.get(`households/${hid}`)).data);

const tokenIn = (html: string) => html.match(/id="api-token"[^>]*value="([^"]+)"/)?.[1];

describe('GET /account', () => {
  it('answers 401 with a sign-in prompt in the browser language to anyone not signed in', async () => {
    for (const cookie of [
      undefined,
      'hearth_session=unknown-session-value-0123456789abcdef',
      'hearth_session=',
    ]) {
      const response = await h.app.request('/account', {
        headers: { 'accept-language': 'de-AT,de;q=0.9,en;q=0.5', ...(cookie ? { cookie } : {}) },
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await response.text();
      expect(html).toContain('<html lang="de-DE">');
      expect(html).toContain('Begleit-App');
      expect(html).not.toContain('<form');
    }
  });

  it('is served with a strict CSP (no script at all), no caching, and no framing', async () => {
    const { cookie } = await browserOf(byLocale('en-US').id);
    const response = await h.app.request('/account', { headers: { cookie } });
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).not.toContain('script-src');
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await response.text();
    expect(html).not.toContain('<script');
    // Every form posts with the session's CSRF token.
    const forms = html.match(/<form[\s\S]*?<\/form>/g) ?? [];
    expect(forms.length).toBeGreaterThanOrEqual(2);
    for (const form of forms) expect(form).toMatch(/name="csrf" value="[A-Za-z0-9_-]{43}"/);
  });

  it("shows the household's name and language, in its language, with an escaped name", async () => {
    const hh = byLocale('es-ES');
    const name = `<img src=x onerror=alert(1)>&"'`;
    await h.store.merge(`households/${hh.id}`, { name });
    const { cookie } = await browserOf(hh.id);
    const html = await (await h.app.request('/account', { headers: { cookie } })).text();
    expect(html).toContain('<html lang="es-ES">');
    expect(html).toContain('Tu cuenta');
    expect(html).toContain('Idioma: español');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&amp;&quot;&#39;');
    expect(html).not.toContain('<img');
  });
});

describe('API tokens on /account', () => {
  it('creates a token shown once, which works on /v1 until it is revoked on the page', async () => {
    const hh = byLocale('fr-FR');
    const { cookie, csrf } = await browserOf(hh.id);
    const created = await postForm(h.app, '/account/api-tokens', cookie, { csrf, label: ' Cuisine app ' });
    expect(created.status).toBe(200);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const token = tokenIn(await created.text())!;
    const check = h.deps.signer.verify(token, ['household']);
    expect(check.ok && check.claims).toMatchObject({ kind: 'household', householdId: hh.id });
    const tokenId = check.ok ? check.claims.tokenId! : '';
    expect(tokenId).toMatch(/^tok_/);

    // Only the label and the time are kept.
    const stored = (await h.store.get(`households/${hh.id}`)).data!;
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(JSON.stringify(stored)).not.toContain(token.split('.')[2]);
    expect((await recordOf(hh.id)).auth.apiTokens?.[tokenId]).toEqual({
      label: 'Cuisine app',
      createdAt: expect.any(String),
    });

    const link = await h.app.request(`/v1/households/${hh.id}/signin-links`, {
      method: 'POST',
      headers: bearer(token),
    });
    expect(link.status).toBe(201);

    const listed = await (await h.app.request('/account', { headers: { cookie } })).text();
    expect(listed).toContain('Cuisine app');
    expect(listed).toContain(`/account/api-tokens/${tokenId}/revoke`);
    // The page never shows the token again.
    expect(listed).not.toContain(token);

    const revoked = await postForm(h.app, `/account/api-tokens/${tokenId}/revoke`, cookie, { csrf });
    expect(revoked.status).toBe(303);
    expect(revoked.headers.get('location')).toBe('/account');
    expect((await recordOf(hh.id)).auth.apiTokens).toEqual({});
    await expectProblem(
      await h.app.request(`/v1/households/${hh.id}/signin-links`, { method: 'POST', headers: bearer(token) }),
      401,
      'token_revoked',
    );
    // The household's other tokens are untouched.
    const own = await h.app.request(`/v1/households/${hh.id}/signin-links`, {
      method: 'POST',
      headers: bearer(hh.token),
    });
    expect(own.status).toBe(201);
    expect(await (await h.app.request('/account', { headers: { cookie } })).text()).not.toContain(
      'Cuisine app',
    );
  });

  it('revokes one token and keeps the others', async () => {
    const hh = byLocale('it-IT');
    const { cookie, csrf } = await browserOf(hh.id);
    const make = async (label: string) =>
      tokenIn(await (await postForm(h.app, '/account/api-tokens', cookie, { csrf, label })).text())!;
    const [first, second] = [await make('one'), await make('two')];
    const idOf = (token: string) => {
      const check = h.deps.signer.verify(token, ['household']);
      return check.ok ? check.claims.tokenId! : '';
    };
    await postForm(h.app, `/account/api-tokens/${idOf(first)}/revoke`, cookie, { csrf });
    const use = (token: string) =>
      h.app.request(`/v1/households/${hh.id}/signin-links`, { method: 'POST', headers: bearer(token) });
    expect((await use(first)).status).toBe(401);
    expect((await use(second)).status).toBe(201);
  });

  it('refuses a missing, blank, long or control-character label with the page and its message (400)', async () => {
    const hh = byLocale('en-US');
    const { cookie, csrf } = await browserOf(hh.id);
    const before = (await recordOf(hh.id)).auth.apiTokens ?? {};
    const forms: Record<string, string>[] = [
      { csrf },
      { csrf, label: '   ' },
      { csrf, label: 'x'.repeat(81) },
      { csrf, label: 'a\u0000b' },
    ];
    for (const fields of forms) {
      const response = await postForm(h.app, '/account/api-tokens', cookie, fields);
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain('Give the token a name of 1 to 80 characters.');
      expect(html).toContain('aria-invalid="true"');
    }
    expect((await recordOf(hh.id)).auth.apiTokens ?? {}).toEqual(before);
  });

  it(`holds at most ${MAX_API_TOKENS} tokens per household (409 with the page)`, async () => {
    const hh = byLocale('en-GB');
    const { cookie, csrf } = await browserOf(hh.id);
    for (let i = 0; i < MAX_API_TOKENS; i++) {
      expect((await postForm(h.app, '/account/api-tokens', cookie, { csrf, label: `app ${i}` })).status).toBe(
        200,
      );
    }
    const refused = await postForm(h.app, '/account/api-tokens', cookie, { csrf, label: 'one more' });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain(`already has ${MAX_API_TOKENS} API tokens`);
    expect(Object.keys((await recordOf(hh.id)).auth.apiTokens ?? {})).toHaveLength(MAX_API_TOKENS);
  });

  it('shows a hostile label as text', async () => {
    const hh = byLocale('de-DE');
    const { cookie, csrf } = await browserOf(hh.id);
    const label = '<script>alert(1)</script>"\'&';
    const created = await (await postForm(h.app, '/account/api-tokens', cookie, { csrf, label })).text();
    expect(created).not.toContain('<script>');
    const listed = await (await h.app.request('/account', { headers: { cookie } })).text();
    expect(listed).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;');
    expect(listed).not.toContain('<script>');
  });

  it('refuses forms without the CSRF token or from another origin (403), and browsers not signed in (401)', async () => {
    const hh = byLocale('fr-CA');
    const { cookie, csrf } = await browserOf(hh.id);
    expect((await postForm(h.app, '/account/api-tokens', cookie, { csrf, label: 'kept' })).status).toBe(200);
    const before = await recordOf(hh.id);
    const [tokenId] = Object.keys(before.auth.apiTokens ?? {});

    const refusals = [
      await postForm(h.app, '/account/api-tokens', cookie, { label: 'no csrf' }),
      await h.app.request('/account/api-tokens', {
        method: 'POST',
        headers: {
          cookie,
          origin: 'https://evil.example',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ csrf, label: 'cross-site' }).toString(),
      }),
      await postForm(h.app, `/account/api-tokens/${tokenId}/revoke`, cookie, {}),
      await postForm(h.app, `/account/api-tokens/${tokenId}/revoke`, cookie, { csrf: 'A'.repeat(43) }),
    ];
    expect(refusals.map((r) => r.status)).toEqual([403, 403, 403, 403]);
    const anonymous = await postForm(h.app, '/account/api-tokens', 'hearth_session=nobody', {
      csrf,
      label: 'x',
    });
    expect(anonymous.status).toBe(401);
    expect(await recordOf(hh.id)).toEqual(before);
  });

  it('revoking a token that is not there (or an id no token has) goes back to the page, changing nothing', async () => {
    const hh = byLocale('fr-FR');
    const { cookie, csrf } = await browserOf(hh.id);
    const before = await recordOf(hh.id);
    for (const tokenId of ['tok_nothere', '__proto__', 'constructor', 'a.b', 'x'.repeat(300)]) {
      const response = await postForm(h.app, `/account/api-tokens/${tokenId}/revoke`, cookie, { csrf });
      expect(response.status).toBe(303);
    }
    expect(await recordOf(hh.id)).toEqual(before);
  });

  it('has no API tokens for a brand (404)', async () => {
    const cookie = await signIn(h.app, h.store, { kind: 'brand', brandId: h.demo.brands[1]!.id });
    const csrf = csrfOf(await (await h.app.request('/account', { headers: { cookie } })).text());
    expect((await postForm(h.app, '/account/api-tokens', cookie, { csrf, label: 'x' })).status).toBe(404);
    expect((await postForm(h.app, '/account/api-tokens/tok_x/revoke', cookie, { csrf })).status).toBe(404);
  });
});
