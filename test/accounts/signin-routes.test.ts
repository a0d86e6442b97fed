import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueSigninCode, SIGNIN_CODE_TTL_MS } from '../../src/accounts/signin-codes.js';
import { createApp } from '../../src/app.js';
import { createHarness, type Harness } from '../support/app-harness.js';
import { fridgeOf } from '../support/http-expect.js';
import { csrfOf, pathOf, postForm, setCookies, signIn } from '../support/sign-in.js';
import { capturingLogger } from '../support/store-faults.js';

const captured = capturingLogger();
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ logger: captured.logger });
});
afterAll(() => h?.close());

const byLocale = (locale: string) => h.demo.households.find((hh) => hh.locale === locale)!;
const household = (householdId: string) => ({ kind: 'household', householdId }) as const;
const failedText = (html: string) => html.match(/<main>([\s\S]*)<\/main>/)?.[1];

describe('GET /signin/:code', () => {
  it("signs a browser in with demo.json's link: an HttpOnly, SameSite=Lax session cookie, then 303 to /account", async () => {
    const hh = byLocale('fr-FR');
    const response = await h.app.request(pathOf(hh.signInUrl));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/account');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const session = setCookies(response).hearth_session!;
    expect(session.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.attributes).toMatch(/HttpOnly/);
    expect(session.attributes).toMatch(/SameSite=Lax/);
    expect(session.attributes).toMatch(/Path=\//);
    // Plain http (a local demo): no Secure, which the browser would refuse to send back.
    expect(session.attributes).not.toMatch(/Secure/);

    const account = await h.app.request('/account', {
      headers: { cookie: `hearth_session=${session.value}` },
    });
    expect(account.status).toBe(200);
    const html = await account.text();
    expect(html).toContain('<html lang="fr-FR">');
    expect(html).toContain('Votre compte');
    expect(html).toContain('Famille Martin');
    // The cookie's value is the credential: never stored, only its hash.
    const sessions = await h.store.query({ collection: 'sessions' });
    expect(JSON.stringify(sessions.map((s) => [s.id, s.data]))).not.toContain(session.value);
  });

  it('over https sets the __Host- cookie with Secure', async () => {
    const app = createApp({ ...h.deps, demo: false, publicUrl: () => 'https://hearth.example.org' });
    const { code } = await issueSigninCode(h.store, household(byLocale('de-DE').id));
    const response = await app.request(`https://hearth.example.org/signin/${code}`);
    expect(response.status).toBe(303);
    const cookie = setCookies(response)['__Host-hearth_session']!;
    expect(cookie.attributes).toMatch(/Secure/);
    expect(cookie.attributes).toMatch(/HttpOnly/);
    expect(cookie.attributes).toMatch(/SameSite=Lax/);
    expect(cookie.attributes).not.toMatch(/Domain/i);
    const account = await app.request('https://hearth.example.org/account', {
      headers: { cookie: `__Host-hearth_session=${cookie.value}` },
    });
    expect(account.status).toBe(200);
  });

  it('works once: used, unknown, expired and malformed codes get the same page (410), and no cookie', async () => {
    const hh = byLocale('en-US');
    const { code } = await issueSigninCode(h.store, household(hh.id));
    expect((await h.app.request(`/signin/${code}`)).status).toBe(303);
    const { code: expired } = await issueSigninCode(
      h.store,
      household(hh.id),
      new Date(Date.now() - SIGNIN_CODE_TTL_MS - 1000),
    );
    const pages = new Set<string>();
    for (const path of [
      `/signin/${code}`, // used
      `/signin/${'A'.repeat(43)}`, // unknown
      `/signin/${expired}`,
      '/signin/short',
      `/signin/${'x'.repeat(5000)}`,
      '/signin/%E2%80%AE%00',
      '/signin/__proto__',
    ]) {
      const response = await h.app.request(path);
      expect({ path: path.slice(0, 30), status: response.status }).toEqual({
        path: path.slice(0, 30),
        status: 410,
      });
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.getSetCookie()).toEqual([]);
      pages.add(failedText(await response.text()) ?? '');
    }
    expect(pages.size).toBe(1);
    expect([...pages][0]).toContain('This sign-in link does not work');
  });

  it('is single use when two requests race: one signs in, the other gets the failure page', async () => {
    const { code } = await issueSigninCode(h.store, household(byLocale('es-ES').id));
    const answers = await Promise.all([
      h.app.request(`/signin/${code}`),
      h.app.request(`/signin/${code}`),
      h.app.request(`/signin/${code}`),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([303, 410, 410]);
    expect(answers.filter((r) => r.headers.getSetCookie().length > 0)).toHaveLength(1);
  });

  it('is not used by a HEAD (a link checker): the GET after it still signs in', async () => {
    const { code } = await issueSigninCode(h.store, household(byLocale('it-IT').id));
    const head = await h.app.request(`/signin/${code}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.getSetCookie()).toEqual([]);
    expect((await h.app.request(`/signin/${code}`)).status).toBe(303);
  });

  it('goes back to the page that asked for sign-in (the remembered return path), and only to our own paths', async () => {
    const hh = byLocale('de-DE');
    const fridge = fridgeOf(hh);
    const prompt = await h.app.request(`/screens/${fridge.id}`);
    expect(prompt.status).toBe(401);
    const remembered = setCookies(prompt).hearth_return!;
    expect(decodeURIComponent(remembered.value)).toBe(`/screens/${fridge.id}`);

    const { code } = await issueSigninCode(h.store, household(hh.id));
    const back = await h.app.request(`/signin/${code}`, {
      headers: { cookie: `hearth_return=${remembered.value}` },
    });
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe(`/screens/${fridge.id}`);
    expect(setCookies(back).hearth_return?.attributes).toMatch(/Max-Age=0/);

    for (const foreign of ['//evil.example/x', 'https://evil.example', '/\\evil.example']) {
      const { code: next } = await issueSigninCode(h.store, household(hh.id));
      const response = await h.app.request(`/signin/${next}`, {
        headers: { cookie: `hearth_return=${encodeURIComponent(foreign)}` },
      });
      expect(response.headers.get('location')).toBe('/account');
    }
  });

  it('refuses the link of a household erased since it was issued, with the same page', async () => {
    const { code } = await issueSigninCode(h.store, household('hh_erased_since'));
    const response = await h.app.request(`/signin/${code}`);
    expect(response.status).toBe(410);
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it('signs a brand in; its account page is in the browser language', async () => {
    const brand = h.demo.brands[0]!;
    const response = await h.app.request(pathOf(brand.signInUrl));
    expect(response.status).toBe(303);
    const cookie = `hearth_session=${setCookies(response).hearth_session!.value}`;
    const account = await h.app.request('/account', {
      headers: { cookie, 'accept-language': 'it-CH, de;q=0.5' },
    });
    expect(account.status).toBe(200);
    const html = await account.text();
    expect(html).toContain('<html lang="it-IT">');
    expect(html).toContain('Frostline');
    expect(html).toContain('fridge-chef');
    // A brand has no API tokens of a household.
    expect(html).not.toContain('/account/api-tokens');
  });

  it('writes a non-personal audit record of each sign-in', async () => {
    const hh = byLocale('en-GB');
    await signIn(h.app, h.store, household(hh.id));
    const ref = createHash('sha256').update(hh.id).digest('base64url');
    const records = (await h.store.query({ collection: 'audit' })).filter(
      (r) => r.data?.type === 'signin' && r.data?.subjectRef === ref,
    );
    expect(records).toHaveLength(1);
    expect(records[0]!.data).toEqual({
      type: 'signin',
      subjectKind: 'household',
      subjectRef: ref,
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      expireAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(JSON.stringify(records[0]!.data)).not.toContain(hh.id);
  });

  it('ends the session a browser had when it signs in again', async () => {
    const first = await signIn(h.app, h.store, household(byLocale('fr-CA').id));
    const { code } = await issueSigninCode(h.store, household(byLocale('fr-FR').id));
    const again = await h.app.request(`/signin/${code}`, { headers: { cookie: first } });
    expect(again.status).toBe(303);
    expect((await h.app.request('/account', { headers: { cookie: first } })).status).toBe(401);
  });

  it('never logs a sign-in code or a session cookie: the access log names the route pattern', async () => {
    const { code } = await issueSigninCode(h.store, household(byLocale('fr-FR').id));
    const before = captured.lines.length;
    const response = await h.app.request(`/signin/${code}`);
    const cookie = setCookies(response).hearth_session!.value;
    await h.app.request(`/signin/${code}`); // used: the failure page
    await h.app.request('/account', { headers: { cookie: `hearth_session=${cookie}` } });
    const lines = captured.lines.slice(before).map((l) => JSON.stringify(l));
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) {
      expect(line).not.toContain(code);
      expect(line).not.toContain(cookie);
    }
    expect(captured.lines.slice(before).map((l) => l.route)).toContain('/signin/:code');
  });
});

describe('POST /signout', () => {
  it('ends the session with the CSRF token of its page, clears the cookie, and says so in the household language', async () => {
    const hh = byLocale('de-DE');
    const cookie = await signIn(h.app, h.store, household(hh.id));
    const csrf = csrfOf(await (await h.app.request('/account', { headers: { cookie } })).text());
    const response = await postForm(h.app, '/signout', cookie, { csrf });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/signed-out?lang=de-DE');
    expect(setCookies(response).hearth_session?.attributes).toMatch(/Max-Age=0/);
    expect((await h.app.request('/account', { headers: { cookie } })).status).toBe(401);
    const page = await h.app.request('/signed-out?lang=de-DE');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Sie sind abgemeldet');
  });

  it('refuses a post without the CSRF token, with a wrong one, as JSON or from another origin: the session stays', async () => {
    const cookie = await signIn(h.app, h.store, household(byLocale('en-US').id));
    const csrf = csrfOf(await (await h.app.request('/account', { headers: { cookie } })).text());
    const refused = [
      await postForm(h.app, '/signout', cookie, {}),
      await postForm(h.app, '/signout', cookie, { csrf: `${csrf}x` }),
      await postForm(h.app, '/signout', cookie, { csrf: '' }),
      await h.app.request('/signout', {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ csrf }),
      }),
      await h.app.request('/signout', {
        method: 'POST',
        headers: {
          cookie,
          origin: 'https://evil.example',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: `csrf=${csrf}`,
      }),
    ];
    for (const response of refused) {
      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.getSetCookie()).toEqual([]);
    }
    expect((await h.app.request('/account', { headers: { cookie } })).status).toBe(200);
  });

  it('answers a browser signed out already with the signed-out page', async () => {
    const response = await postForm(h.app, '/signout', 'hearth_session=gone', { csrf: 'x' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/^\/signed-out\?lang=en-US$/);
  });
});

describe('a session whose household is gone', () => {
  it('is signed out: /account answers the sign-in prompt and clears the cookie', async () => {
    const hid = 'hh_short_lived';
    await h.store.set(`households/${hid}`, {
      locale: 'en-US',
      timeZone: 'UTC',
      createdAt: new Date().toISOString(),
      auth: { household: 1, links: {}, devices: {} },
    });
    const cookie = await signIn(h.app, h.store, household(hid));
    expect((await h.app.request('/account', { headers: { cookie } })).status).toBe(200);
    await h.store.delete(`households/${hid}`);
    const response = await h.app.request('/account', { headers: { cookie } });
    expect(response.status).toBe(401);
    expect(setCookies(response).hearth_session?.attributes).toMatch(/Max-Age=0/);
    expect(await response.text()).toContain('open the sign-in link from your companion app');
  });
});
