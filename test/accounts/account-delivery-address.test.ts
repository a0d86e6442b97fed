/**
 * A household sets, changes and removes its delivery address on `/account` (the same code
 * as `/v1/households/:hid/delivery-address`), in its language, every form with the
 * session's CSRF token; a refused address comes back as typed with why, and nothing is
 * written; a brand has no such form.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../src/household/paths.js';
import type { Locale } from '../../src/runtime/locales.js';
import { bearer, createHarness, type Harness } from '../support/app-harness.js';
import { csrfOf, postForm, signIn } from '../support/sign-in.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const byLocale = (locale: Locale) => h.demo.households.find((x) => x.locale === locale)!;

async function page(cookie: string): Promise<string> {
  const response = await h.app.request('http://localhost/account', { headers: { cookie } });
  expect(response.status).toBe(200);
  return response.text();
}

async function browserOf(hid: string) {
  const cookie = await signIn(h.app, h.store, { kind: 'household', householdId: hid });
  return { cookie, csrf: csrfOf(await page(cookie)) };
}

const addressOf = async (hid: string) => (await h.store.get(paths.deliveryAddress(hid))).data;

const MILANO = {
  name: 'Luca Bianchi',
  line1: 'Corso Buenos Aires 33',
  line2: '',
  postalCode: '20124',
  city: 'Milano',
  country: 'IT',
};

describe('the delivery address on the account page', () => {
  it.each([
    ['en-US', 'Delivery address', 'Street and house number', 'Emily Johnson'],
    ['fr-FR', 'Adresse de livraison', 'Numéro et rue', '12 rue des Lilas'],
    ['de-DE', 'Lieferadresse', 'Straße und Hausnummer', 'Lindenstraße 24'],
    ['es-ES', 'Dirección de entrega', 'Calle y número', 'Calle de Alcalá 112'],
    ['it-IT', 'Indirizzo di consegna', 'Via e numero civico', 'Via Paolo Sarpi 18'],
  ] as const)(
    '%s: shows the address set, in full, and the form in the household language',
    async (locale, title, street, shown) => {
      const hh = byLocale(locale);
      const { cookie } = await browserOf(hh.id);
      const html = await page(cookie);
      expect(text(html)).toContain(title);
      expect(html).toContain(street);
      expect(text(html)).toContain(shown);
      expect(html).toMatch(
        /<form method="post" action="\/account\/delivery-address"><input type="hidden" name="csrf"/,
      );
      expect(html).toContain('action="/account/delivery-address/remove"');
      expect(html).toContain('autocomplete="postal-code"');
      expect(html).not.toContain('[missing');
    },
  );

  it('changes the address (an empty second line is none), then the API reads the new one', async () => {
    const hh = byLocale('it-IT');
    const { cookie, csrf } = await browserOf(hh.id);
    const saved = await postForm(h.app, '/account/delivery-address', cookie, { csrf, ...MILANO });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/account');
    const { line2: _none, ...stored } = MILANO;
    expect(await addressOf(hh.id)).toEqual({ ...stored, updatedAt: expect.any(String) });
    const api = await h.app.request(`/v1/households/${hh.id}/delivery-address`, {
      headers: bearer(hh.token),
    });
    expect(await api.json()).toMatchObject(stored);
    expect(text(await page(cookie))).toContain('Corso Buenos Aires 33');
  });

  it('refuses an incomplete address with the page (400), in its language, as typed, writing nothing', async () => {
    const hh = byLocale('de-DE');
    const { cookie, csrf } = await browserOf(hh.id);
    const before = await addressOf(hh.id);
    const refused = await postForm(h.app, '/account/delivery-address', cookie, {
      csrf,
      ...MILANO,
      city: '',
      name: 'Eve <script>',
    });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('Diese Adresse ist unvollständig oder ungültig');
    expect(html).toContain('role="alert"');
    // What was typed is shown again, escaped.
    expect(html).toContain('value="Eve &lt;script&gt;"');
    expect(html).not.toContain('<script>');
    expect(await addressOf(hh.id)).toEqual(before);
  });

  it('removes the address, and says that nothing can be ordered until one is added', async () => {
    const hh = byLocale('es-ES');
    const { cookie, csrf } = await browserOf(hh.id);
    const removed = await postForm(h.app, '/account/delivery-address/remove', cookie, { csrf });
    expect(removed.status).toBe(303);
    expect(await addressOf(hh.id)).toBeUndefined();
    const html = await page(cookie);
    expect(text(html)).toContain('Aún no hay dirección de entrega');
    expect(html).not.toContain('action="/account/delivery-address/remove"');
  });

  it('acts on nothing without the CSRF token or from another origin (403), nor for a browser not signed in (401)', async () => {
    const hh = byLocale('fr-FR');
    const { cookie, csrf } = await browserOf(hh.id);
    const before = await addressOf(hh.id);
    const refusals = [
      await postForm(h.app, '/account/delivery-address', cookie, { ...MILANO }),
      await postForm(h.app, '/account/delivery-address/remove', cookie, { csrf: 'A'.repeat(43) }),
      await h.app.request('http://localhost/account/delivery-address', {
        method: 'POST',
        headers: {
          cookie,
          origin: 'https://evil.example',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ csrf, ...MILANO }).toString(),
      }),
    ];
    expect(refusals.map((r) => r.status)).toEqual([403, 403, 403]);
    const anonymous = await postForm(h.app, '/account/delivery-address/remove', 'hearth_session=nobody', {
      csrf,
    });
    expect(anonymous.status).toBe(401);
    expect(await addressOf(hh.id)).toEqual(before);
  });

  it('has no delivery address for a brand (no form, 404)', async () => {
    const cookie = await signIn(h.app, h.store, { kind: 'brand', brandId: h.demo.brands[1]!.id });
    const html = await (await h.app.request('http://localhost/account', { headers: { cookie } })).text();
    expect(html).not.toContain('/account/delivery-address');
    const posted = await postForm(h.app, '/account/delivery-address', cookie, {
      csrf: csrfOf(html),
      ...MILANO,
    });
    expect(posted.status).toBe(404);
  });
});
