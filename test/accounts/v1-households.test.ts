import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNIN_CODE_TTL_MS } from '../../src/accounts/signin-codes.js';
import { createApp } from '../../src/app.js';
import { householdRecordSchema } from '../../src/household/household-record.js';
import { bearer, createHarness, type Harness } from '../support/app-harness.js';
import { expectProblem } from '../support/http-expect.js';
import { pathOf, setCookies } from '../support/sign-in.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h?.close());

const brand = () => h.demo.brands[0]!;
const create = (body: unknown, token = brand().token, app = h.app) =>
  app.request('/v1/households', {
    method: 'POST',
    headers: bearer(token, true),
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('POST /v1/households', () => {
  it('creates a household for a brand token and answers its id and a sign-in link that works', async () => {
    const response = await create({ locale: 'fr-FR', timeZone: 'europe/paris', name: '  Famille Durand ' });
    expect(response.status).toBe(201);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { id: string; signInUrl: string };
    expect(Object.keys(body).sort()).toEqual(['id', 'signInUrl']);
    expect(body.id).toMatch(/^hh_[A-Za-z0-9]+$/);
    expect(body.signInUrl).toMatch(/^http:\/\/localhost\/signin\/[A-Za-z0-9_-]{43}$/);

    const record = householdRecordSchema.parse((await h.store.get(`households/${body.id}`)).data);
    expect(record).toEqual({
      name: 'Famille Durand',
      locale: 'fr-FR',
      timeZone: 'Europe/Paris',
      createdAt: expect.any(String),
      auth: { household: 1, links: {}, devices: {} },
    });

    const signedIn = await h.app.request(pathOf(body.signInUrl));
    expect(signedIn.status).toBe(303);
    const cookie = `hearth_session=${setCookies(signedIn).hearth_session!.value}`;
    const html = await (await h.app.request('/account', { headers: { cookie } })).text();
    expect(html).toContain('Famille Durand');
    expect(html).toContain('Votre compte');

    // Audited as the brand's act, the household named only by a hash.
    const ref = createHash('sha256').update(body.id).digest('base64url');
    const audit = (await h.store.query({ collection: 'audit' })).find(
      (r) => r.data?.subjectRef === ref && r.data?.type === 'household.created',
    );
    expect(audit?.data).toMatchObject({
      type: 'household.created',
      subjectKind: 'household',
      by: { kind: 'brand', brandId: brand().id },
    });
  });

  it('builds the link from the public base URL, never from the Host header, when one is configured', async () => {
    const app = createApp({ ...h.deps, publicUrl: () => 'https://hearth.example.org' });
    const response = await create({ locale: 'de-DE', timeZone: 'Europe/Berlin' }, brand().token, app);
    expect(response.status).toBe(201);
    const { signInUrl } = (await response.json()) as { signInUrl: string };
    expect(signInUrl).toMatch(/^https:\/\/hearth\.example\.org\/signin\//);
  });

  it.each<[string, unknown]>([
    ['no body', ''],
    ['an empty object', {}],
    ['an unknown locale', { locale: 'xx-XX', timeZone: 'UTC' }],
    ['an unknown time zone', { locale: 'en-US', timeZone: 'Mars/Olympus' }],
    ['an offset for a time zone', { locale: 'en-US', timeZone: '+01:00' }],
    ['a huge time zone', { locale: 'en-US', timeZone: 'Europe/'.repeat(200) }],
    ['an empty name', { locale: 'en-US', timeZone: 'UTC', name: '   ' }],
    ['a long name', { locale: 'en-US', timeZone: 'UTC', name: 'x'.repeat(121) }],
    ['an unknown field', { locale: 'en-US', timeZone: 'UTC', devices: {} }],
    ['a number for a locale', { locale: 1, timeZone: 'UTC' }],
    ['an array', [{ locale: 'en-US', timeZone: 'UTC' }]],
  ])('refuses %s with 400 and creates nothing', async (_name, body) => {
    const before = (await h.store.query({ collection: 'households' })).length;
    const response = await create(body);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect((await h.store.query({ collection: 'households' })).length).toBe(before);
  });

  it('refuses malformed JSON (400 invalid_json) and another content type (415)', async () => {
    await expectProblem(await create('{"locale":'), 400, 'invalid_json');
    const text = await h.app.request('/v1/households', {
      method: 'POST',
      headers: { ...bearer(brand().token), 'content-type': 'text/plain' },
      body: 'locale=en-US',
    });
    await expectProblem(text, 415, 'unsupported_media_type');
  });

  it('takes brand tokens only: a household, device or missing token is 401', async () => {
    const hh = h.demo.households[0]!;
    const body = { locale: 'en-US', timeZone: 'UTC' };
    await expectProblem(await create(body, hh.token), 401, 'unauthorized');
    await expectProblem(await create(body, hh.devices[0]!.token), 401, 'unauthorized');
    const anonymous = await h.app.request('/v1/households', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    await expectProblem(anonymous, 401, 'unauthorized');
  });
});

describe('POST /v1/households/:hid/signin-links', () => {
  it('gives a household token a fresh link of its own household, valid for 10 minutes', async () => {
    const hh = h.demo.households[1]!;
    const before = Date.now();
    const response = await h.app.request(`/v1/households/${hh.id}/signin-links`, {
      method: 'POST',
      headers: bearer(hh.token),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const link = (await response.json()) as { signInUrl: string; expiresAt: string };
    expect(Object.keys(link).sort()).toEqual(['expiresAt', 'signInUrl']);
    const ttl = Date.parse(link.expiresAt) - before;
    expect(ttl).toBeGreaterThan(SIGNIN_CODE_TTL_MS - 5000);
    expect(ttl).toBeLessThanOrEqual(SIGNIN_CODE_TTL_MS + 1000);
    const signedIn = await h.app.request(pathOf(link.signInUrl));
    expect(signedIn.status).toBe(303);
  });

  it("answers 404 for another household's id, 401 to other kinds of token, and 400 for a malformed id", async () => {
    const [hh, other] = [h.demo.households[2]!, h.demo.households[3]!];
    const post = (hid: string, token: string) =>
      h.app.request(`/v1/households/${hid}/signin-links`, { method: 'POST', headers: bearer(token) });
    await expectProblem(await post(other.id, hh.token), 404, 'not_found');
    await expectProblem(await post(hh.id, hh.devices[0]!.token), 401, 'unauthorized');
    await expectProblem(await post(hh.id, hh.alexaAccessToken!), 401, 'unauthorized');
    await expectProblem(await post(hh.id, brand().token), 401, 'unauthorized');
    await expectProblem(await post('__x__', hh.token), 400, 'validation_failed');
  });

  it('is in the OpenAPI document with POST /v1/households', async () => {
    const doc = (await (await h.app.request('/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(doc.paths).toHaveProperty(['/v1/households', 'post']);
    expect(doc.paths).toHaveProperty(['/v1/households/{hid}/signin-links', 'post']);
  });
});
