import { OpenAPIHono } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKILLS } from '../../skills/index.js';
import { registerSigninRoutes } from '../../src/accounts/signin-routes.js';
import { createApp } from '../../src/app.js';
import { ledgerPolicy } from '../../src/consent/consent-policy.js';
import { NOTICE_VERSIONS } from '../../src/consent/consent-rules.js';
import { type LedgerEntryRecord, ledgerEntryRecordSchema } from '../../src/consent/ledger-entry-record.js';
import { readLedgerSnapshots, verifyLedger } from '../../src/consent/ledger-replay.js';
import { noticeServedRecordSchema } from '../../src/consent/notice-served-record.js';
import { consentStateOf } from '../../src/consent/record-choice.js';
import { householdRecordSchema } from '../../src/household/household-record.js';
import { paths } from '../../src/household/paths.js';
import type { HttpEnv } from '../../src/http/http-env.js';
import { createShippedOfferEngine } from '../../src/offers/shipped-offer-engine.js';
import { PRIMARY_LOCALES } from '../../src/runtime/locales.js';
import { registerPrivacyPage } from '../../src/web/privacy-routes.js';
import { createHarness, type Harness } from '../support/app-harness.js';
import { csrfOf, postForm, setCookies, signIn } from '../support/sign-in.js';
import { STORE_ADAPTERS } from '../support/store-adapters.js';

/**
 * The consent center `/privacy`: each purpose (per brand for offers and
 * measurement) with its notice, state and history; one-tap grant and
 * withdraw through the ledger, each grant answering the notice the page
 * recorded as served; stop all offers; the offers stopped for one brand or
 * one campaign, each allowed again in one tap; health's explicit consent; the
 * account page's appliance and link sections; export and erase when wired.
 */

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const household = (householdId: string) => ({ kind: 'household', householdId }) as const;

/** The section of one purpose (and brand) in the page. */
function rowOf(html: string, id: string): string {
  const row = html.match(new RegExp(`<section id="${id}"[\\s\\S]*?</section>`))?.[0];
  if (!row) throw new Error(`no row ${id} in the page`);
  return row;
}

/** The hidden fields of the form in `html` whose button has `label` as its visible text. */
function formFields(html: string, label: string): Record<string, string> {
  const form = (html.match(/<form[\s\S]*?<\/form>/g) ?? []).find((f) => f.includes(`>${label}</button>`));
  if (!form) throw new Error(`no form with a button ${label}`);
  return Object.fromEntries(
    [...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]),
  );
}

async function ledgerOf(h: Harness, hid: string): Promise<LedgerEntryRecord[]> {
  return (await readLedgerSnapshots(h.store, hid)).map((s) => ledgerEntryRecordSchema.parse(s.data));
}

const stateOf = async (h: Harness, hid: string) =>
  consentStateOf(householdRecordSchema.parse((await h.store.get(paths.household(hid))).data));

async function pageOf(h: Harness, cookie: string, query = ''): Promise<string> {
  const response = await h.app.request(`http://localhost/privacy${query}`, { headers: { cookie } });
  expect(response.status).toBe(200);
  return response.text();
}

describe.each(STORE_ADAPTERS)('choices on the consent center, on %s', (_name, open) => {
  let h: Harness;
  let closeStore: () => Promise<void>;
  beforeAll(async () => {
    const opened = await open();
    closeStore = opened.close;
    h = await createHarness({ store: opened.store, consent: ledgerPolicy });
  });
  afterAll(async () => {
    await h.close();
    await closeStore();
  });

  it('records every notice it shows, in one document each, and a grant links to the notice it answers', async () => {
    const es = h.demo.households.find((x) => x.locale === 'es-ES')!;
    const cookie = await signIn(h.app, h.store, household(es.id));
    const before = await h.store.query({ collection: paths.noticesServed(es.id) });
    const html = await pageOf(h, cookie);
    const served = (await h.store.query({ collection: paths.noticesServed(es.id) })).filter(
      (s) => !before.some((b) => b.id === s.id),
    );
    // Six purposes, and offers and measurement for each of the two brands.
    expect(served).toHaveLength(10);
    for (const snap of served) {
      const notice = noticeServedRecordSchema.parse(snap.data);
      expect(notice).toMatchObject({ channel: 'web', locale: 'es-ES', skillId: null });
      expect(notice.version).toBe(NOTICE_VERSIONS[notice.purpose]);
      // Exactly the text the page shows (escaped as HTML there).
      expect(html).toContain(`<p>${notice.text.replaceAll('&', '&amp;').replaceAll('<', '&lt;')}</p>`);
    }

    const grant = formFields(rowOf(html, 'purpose-offers-crema'), 'Permitir');
    expect(grant).toMatchObject({ purpose: 'offers', brand: 'crema', action: 'grant', version: '1' });
    const answered = served.find((s) => s.id === grant.notice);
    expect(answered?.data).toMatchObject({ purpose: 'offers', brandId: 'crema' });

    const response = await postForm(h.app, '/privacy/consents', cookie, grant);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/privacy?done=grant&purpose=offers&brand=crema');
    const entry = (await ledgerOf(h, es.id)).at(-1)!;
    expect(entry).toMatchObject({
      purpose: 'offers',
      brandId: 'crema',
      action: 'grant',
      channel: 'web',
      noticeVersion: 1,
      actor: { kind: 'session' },
      proof: { input: 'Permitir', noticeId: grant.notice, locale: 'es-ES', skillId: null },
    });
    expect(entry.proof.noticeText).toBe((answered!.data as { text: string }).text);
    // The actor names the session by the hash the store keys it by, never by the cookie's value.
    const cookieValue = cookie.split('=')[1]!;
    expect(JSON.stringify(entry)).not.toContain(cookieValue);
    expect((await h.store.get(paths.session(entry.actor.id!))).exists).toBe(true);
    expect((await stateOf(h, es.id)).consents['offers:crema']?.granted).toBe(true);
    expect((await verifyLedger(h.store, es.id)).ok).toBe(true);

    const after = await pageOf(h, cookie, '?done=grant&purpose=offers&brand=crema');
    expect(after).toMatch(/<p class="status" role="status">Guardado: has permitido «[^»]+»\.<\/p>/);
    expect(rowOf(after, 'purpose-offers-crema')).toContain('>Retirar</button>');
    expect(text(rowOf(after, 'purpose-offers-crema'))).toContain('permitido en esta página');
  });

  it('withdraws in one tap, as easily as it was given, and a repeat appends nothing', async () => {
    const fr = h.demo.households.find((x) => x.locale === 'fr-FR')!;
    const cookie = await signIn(h.app, h.store, household(fr.id));
    const html = await pageOf(h, cookie);
    const row = rowOf(html, 'purpose-inventory');
    expect(text(row)).toContain('Votre choix : autorisé');
    const withdraw = formFields(row, 'Retirer');
    expect(withdraw.notice).toBeUndefined();

    const response = await postForm(h.app, '/privacy/consents', cookie, withdraw);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/privacy?done=withdraw&purpose=inventory');
    const ledger = await ledgerOf(h, fr.id);
    expect(ledger.at(-1)).toMatchObject({
      purpose: 'inventory',
      brandId: null,
      action: 'withdraw',
      channel: 'web',
      proof: { input: 'Retirer', noticeId: null },
    });
    expect((await stateOf(h, fr.id)).consents.inventory?.granted).toBe(false);

    const again = await postForm(h.app, '/privacy/consents', cookie, withdraw);
    expect(again.headers.get('location')).toBe('/privacy?done=unchanged&purpose=inventory');
    expect(await ledgerOf(h, fr.id)).toHaveLength(ledger.length);
    const shown = text(await pageOf(h, cookie, '?done=unchanged&purpose=inventory'));
    expect(shown).toContain('Rien n’a changé');
    expect(shown).toContain('retiré sur cette page');
    expect((await verifyLedger(h.store, fr.id)).ok).toBe(true);
  });
});

describe('the consent center', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ consent: ledgerPolicy });
  });
  afterAll(() => h.close());
  const byLocale = (locale: string) => h.demo.households.find((x) => x.locale === locale)!;

  it('asks anyone not signed in to sign in (401, and comes back here after), and refuses a brand (403)', async () => {
    const anonymous = await h.app.request('http://localhost/privacy', {
      headers: { 'accept-language': 'it-IT' },
    });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).toContain('<html lang="it-IT">');
    expect(decodeURIComponent(setCookies(anonymous).hearth_return?.value ?? '')).toBe('/privacy');

    const brand = h.demo.brands[0]!;
    const cookie = await signIn(h.app, h.store, { kind: 'brand', brandId: brand.id });
    const response = await h.app.request('http://localhost/privacy', {
      headers: { cookie, 'accept-language': 'de-DE' },
    });
    expect(response.status).toBe(403);
    const html = await response.text();
    expect(html).toContain('Nur Haushalte haben eine Datenschutzseite');
    expect(html).not.toContain('<form');
    const post = await postForm(h.app, '/privacy/objection', cookie, {
      csrf: csrfOf(await pageCsrfOf(cookie)),
    });
    expect(post.status).toBe(403);
  });

  /** A page of the brand's session carrying its CSRF token (its account page). */
  async function pageCsrfOf(cookie: string): Promise<string> {
    return (await h.app.request('http://localhost/account', { headers: { cookie } })).text();
  }

  it('is complete in every primary locale: one landmark, headings in order, a label on every control', async () => {
    const shownIn = new Map<string, string>();
    for (const locale of PRIMARY_LOCALES) {
      const hh = byLocale(locale);
      const cookie = await signIn(h.app, h.store, household(hh.id));
      const response = await h.app.request('http://localhost/privacy', { headers: { cookie } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(response.headers.get('cache-control')).toBe('no-store');
      const html = await response.text();
      expect(html).toContain(`<html lang="${locale}">`);
      expect(html).not.toMatch(/\[missing: (privacy|account)\./);
      expect(html).not.toContain('<script');
      expect(html.match(/<main>/g)).toHaveLength(1);
      const levels = [...html.matchAll(/<h([1-6])/g)].map((m) => Number(m[1]));
      expect(levels[0]).toBe(1);
      for (const [i, level] of levels.entries())
        if (i > 0) expect(level).toBeLessThanOrEqual(levels[i - 1]! + 1);
      // Every visible control is labelled: a button by its text (and aria-label), an input by its label.
      for (const input of html.match(/<input (?!type="hidden")[^>]*>/g) ?? []) {
        const id = input.match(/id="([^"]+)"/)?.[1];
        expect(html).toContain(`<label for="${id}">`);
      }
      for (const button of html.match(/<button[^>]*>[^<]*<\/button>/g) ?? [])
        expect(button).toMatch(/>[^<\s][^<]*<\/button>/);
      for (const form of html.match(/<form[\s\S]*?<\/form>/g) ?? [])
        expect(form).toMatch(/name="csrf" value="[A-Za-z0-9_-]{43}"/);
      shownIn.set(locale, text(html.match(/<h1>[^<]*<\/h1>/)![0]));
    }
    expect(new Set(shownIn.values()).size).toBe(PRIMARY_LOCALES.length);
  });

  it("shows the household's appliances and links with remove and unlink, which come back here", async () => {
    const en = byLocale('en-US');
    const cookie = await signIn(h.app, h.store, household(en.id));
    const html = await pageOf(h, cookie);
    for (const device of en.devices) expect(text(html)).toContain(device.name);
    expect(text(html)).toContain('Linked services');
    // Pairing is the account page's.
    expect(html).not.toContain('/account/pairings');
    const device = en.devices.find((d) => d.kind === 'coffee-machine')!;
    const form = html.match(
      new RegExp(`<form method="post" action="/account/devices/${device.id}/remove">.*?</form>`),
    )?.[0];
    expect(form).toContain('<input type="hidden" name="back" value="/privacy">');
    const remove = formFields(form!, 'Remove');
    const removed = await postForm(h.app, `/account/devices/${device.id}/remove`, cookie, remove);
    expect(removed.status).toBe(303);
    expect(removed.headers.get('location')).toBe('/privacy');
    expect((await h.store.get(paths.device(en.id, device.id))).exists).toBe(false);
    // Anything else in `back` goes to the account page: it is never a redirect to elsewhere.
    const other = await postForm(h.app, '/account/devices/gone/remove', cookie, {
      csrf: remove.csrf!,
      back: 'https://example.com/',
    });
    expect(other.headers.get('location')).toBe('/account');
  });

  it('asks explicit consent for health in its own box, and records it with the grant', async () => {
    const de = byLocale('de-DE');
    const cookie = await signIn(h.app, h.store, household(de.id));
    const html = await pageOf(h, cookie);
    const row = rowOf(html, 'purpose-health');
    expect(row).toContain('<label for="explicit-purpose-health">Ich willige ausdrücklich ein');
    expect(row).toMatch(
      /<input type="checkbox" id="explicit-purpose-health" name="explicit" value="yes" required>/,
    );
    const grant = formFields(row, 'Erlauben');
    const count = (await ledgerOf(h, de.id)).length;

    const unticked = await postForm(h.app, '/privacy/consents', cookie, grant);
    expect(unticked.status).toBe(400);
    const refused = await unticked.text();
    expect(rowOf(refused, 'purpose-health')).toContain(
      'role="alert">Um die Verwendung von Gesundheitsdaten zu erlauben',
    );
    expect(rowOf(refused, 'purpose-health')).toContain('aria-invalid="true"');
    expect(await ledgerOf(h, de.id)).toHaveLength(count);

    const ticked = await postForm(h.app, '/privacy/consents', cookie, { ...grant, explicit: 'yes' });
    expect(ticked.status).toBe(303);
    const entry = (await ledgerOf(h, de.id)).at(-1)!;
    expect(entry).toMatchObject({ purpose: 'health', action: 'grant', proof: { noticeId: grant.notice } });
    expect(entry.proof.input).toContain('Erlauben');
    expect(entry.proof.input).toContain('Ich willige ausdrücklich ein');
    expect((await stateOf(h, de.id)).consents.health?.granted).toBe(true);
  });

  it('stops all offers from every brand (art. 21), says so while it stands, and a brand allowed again lifts it', async () => {
    const itIT = byLocale('it-IT');
    const cookie = await signIn(h.app, h.store, household(itIT.id));
    const html = await pageOf(h, cookie);
    const object = await postForm(h.app, '/privacy/objection', cookie, { csrf: csrfOf(html) });
    expect(object.status).toBe(303);
    expect(object.headers.get('location')).toBe('/privacy?done=object&purpose=offers');
    expect((await ledgerOf(h, itIT.id)).at(-1)).toMatchObject({
      purpose: 'offers',
      brandId: null,
      action: 'object',
      channel: 'web',
      proof: { input: 'Ferma tutte le offerte' },
    });
    const after = await pageOf(h, cookie, '?done=object&purpose=offers');
    const shown = text(after);
    expect(shown).toContain('Salvato: ti opponi a tutte le offerte.');
    expect(shown).toContain('Ti opponi a tutte le offerte dal');
    expect(after).not.toContain('action="/privacy/objection"');
    for (const brand of ['frostline', 'crema'])
      expect(text(rowOf(after, `purpose-offers-${brand}`))).toContain('La tua scelta: non consentito');

    const grant = formFields(rowOf(after, 'purpose-offers-frostline'), 'Consenti');
    expect((await postForm(h.app, '/privacy/consents', cookie, grant)).status).toBe(303);
    const state = await stateOf(h, itIT.id);
    expect(state.marketingObjection).toBeUndefined();
    expect(await pageOf(h, cookie)).toContain('action="/privacy/objection"');
    expect((await verifyLedger(h.store, itIT.id)).ok).toBe(true);
  });

  it('refuses a bad form with a 4xx page, never a 500, and the ledger stays as it was', async () => {
    const gb = byLocale('en-GB');
    const cookie = await signIn(h.app, h.store, household(gb.id));
    const html = await pageOf(h, cookie);
    const grant = formFields(rowOf(html, 'purpose-location'), 'Allow');
    const count = (await ledgerOf(h, gb.id)).length;

    const forged = await postForm(h.app, '/privacy/consents', cookie, { ...grant, csrf: 'forged' });
    expect(forged.status).toBe(403);
    const crossSite = await postForm(h.app, '/privacy/consents', cookie, grant, 'https://evil.example');
    expect(crossSite.status).toBe(403);
    const anonymous = await postForm(h.app, '/privacy/consents', '', grant);
    expect(anonymous.status).toBe(401);

    const bad: Record<string, string>[] = [
      { ...grant, purpose: 'everything' },
      { ...grant, purpose: 'constructor' },
      { ...grant, brand: 'frostline' },
      { ...grant, purpose: 'offers' },
      { ...grant, purpose: 'offers', brand: 'nobody' },
      { ...grant, purpose: 'offers', brand: '../x' },
      { ...grant, action: 'object' },
      { ...grant, version: 'one' },
      { ...grant, version: '2' },
      { ...grant, notice: '' },
      { csrf: grant.csrf! },
    ];
    for (const fields of bad) {
      const response = await postForm(h.app, '/privacy/consents', cookie, fields);
      expect(response.status, JSON.stringify(fields)).toBe(400);
      expect(text(await response.text())).toContain('This choice cannot be made');
    }

    // A notice this household was not served, one of another purpose, or one served too long ago: 409.
    const old = 'ntc_servedlongago';
    await h.store.set(paths.noticeServed(gb.id, old), {
      purpose: 'location',
      brandId: null,
      version: NOTICE_VERSIONS.location,
      locale: 'en-GB',
      channel: 'web',
      text: 'an old notice',
      skillId: null,
      at: new Date(Date.now() - 3600_000).toISOString(),
    });
    const otherPurpose = formFields(rowOf(html, 'purpose-health'), 'Allow').notice!;
    for (const notice of ['ntc_neverserved', otherPurpose, old]) {
      const response = await postForm(h.app, '/privacy/consents', cookie, { ...grant, notice });
      expect(response.status).toBe(409);
      const page = await response.text();
      expect(page).toContain('role="alert">This notice has changed');
      // The page again, with the notice served anew: a grant from it goes through.
      const fresh = formFields(rowOf(page, 'purpose-location'), 'Allow');
      expect(fresh.notice).not.toBe(notice);
    }
    expect(await ledgerOf(h, gb.id)).toHaveLength(count);
    expect(
      (await h.app.request('http://localhost/privacy?done=grant&purpose=nope', { headers: { cookie } }))
        .status,
    ).toBe(200);
  });

  /** The objections to one brand or one campaign as the household document keeps them. */
  const offerObjectionsOf = async (hid: string) =>
    householdRecordSchema.parse((await h.store.get(paths.household(hid))).data).offerObjections;

  /** The section listing the offers stopped, and the hidden fields of the lift form of the item saying `item`. */
  const stoppedOf = (html: string) => {
    const section = html.match(/<section aria-labelledby="stopped">[\s\S]*?<\/section>/)?.[0];
    if (!section) throw new Error('no section of offers stopped in the page');
    return section;
  };
  const liftFields = (html: string, item: string): Record<string, string> => {
    const li = (stoppedOf(html).match(/<li>[\s\S]*?<\/li>/g) ?? []).find((l) => text(l).includes(item));
    if (!li) throw new Error(`no offers stopped saying ${item}`);
    expect(li).toContain('<form method="post" action="/privacy/objections/lift">');
    return Object.fromEntries(
      [...li.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]),
    );
  };

  it('lists the offers stopped for one brand or one campaign, and allows each again in one tap', async () => {
    const ca = byLocale('fr-CA');
    const cookie = await signIn(h.app, h.store, household(ca.id));
    const empty = stoppedOf(await pageOf(h, cookie));
    expect(empty).toContain('<h2 id="stopped">Offres que vous avez arrêtées</h2>');
    expect(empty).toContain('<p class="muted">Vous n’avez arrêté les offres d’aucune marque');
    expect(empty).not.toContain('<form');

    await h.store.merge(paths.household(ca.id), {
      offerObjections: { brands: ['crema'], campaigns: ['frostline:spinach-deal'] },
    });
    const ledger = (await ledgerOf(h, ca.id)).length;
    const html = await pageOf(h, cookie);
    expect(text(stoppedOf(html))).toContain('Toutes les offres de Crema');
    expect(stoppedOf(html)).toContain(
      'aria-label="Autoriser à nouveau : La campagne « spinach-deal » de Frostline"',
    );
    const campaign = liftFields(html, 'La campagne « spinach-deal » de Frostline');
    expect(campaign).toMatchObject({ brand: 'frostline', campaign: 'spinach-deal' });

    const lifted = await postForm(h.app, '/privacy/objections/lift', cookie, campaign);
    expect(lifted.status).toBe(303);
    expect(lifted.headers.get('location')).toBe('/privacy?done=lift&brand=frostline&campaign=spinach-deal');
    expect(await offerObjectionsOf(ca.id)).toEqual({ brands: ['crema'], campaigns: [] });
    const after = await pageOf(h, cookie, '?done=lift&brand=frostline&campaign=spinach-deal');
    expect(after).toContain(
      '<p class="status" role="status">Enregistré : vous autorisez à nouveau la campagne « spinach-deal » de Frostline.</p>',
    );
    expect(text(stoppedOf(after))).not.toContain('spinach-deal');

    // The same tap again (another tab, a double click): nothing changed, said so.
    const again = await postForm(h.app, '/privacy/objections/lift', cookie, campaign);
    expect(again.headers.get('location')).toBe('/privacy?done=unchanged&purpose=offers');

    const brand = liftFields(after, 'Toutes les offres de Crema');
    expect(brand.campaign).toBeUndefined();
    const liftedBrand = await postForm(h.app, '/privacy/objections/lift', cookie, brand);
    expect(liftedBrand.headers.get('location')).toBe('/privacy?done=lift&brand=crema');
    expect(await offerObjectionsOf(ca.id)).toEqual({ brands: [], campaigns: [] });
    const done = await pageOf(h, cookie, '?done=lift&brand=crema');
    expect(text(done)).toContain('Enregistré : vous autorisez à nouveau les offres de Crema.');
    expect(stoppedOf(done)).toContain('class="muted"');
    // Not the ledger's: the objection to all marketing and the consents are as they were.
    expect(await ledgerOf(h, ca.id)).toHaveLength(ledger);
  });

  it('lists the offers stopped in every primary locale, every string there', async () => {
    for (const locale of PRIMARY_LOCALES) {
      const hh = byLocale(locale);
      const before = await offerObjectionsOf(hh.id);
      await h.store.merge(paths.household(hh.id), {
        offerObjections: { brands: ['crema'], campaigns: ['frostline:spinach-deal'] },
      });
      try {
        const cookie = await signIn(h.app, h.store, household(hh.id));
        const section = stoppedOf(await pageOf(h, cookie));
        expect(section).not.toContain('[missing:');
        expect(section.match(/action="\/privacy\/objections\/lift"/g)).toHaveLength(2);
        expect(text(section)).toContain('Crema');
        expect(text(section)).toContain('spinach-deal');
      } finally {
        await h.store.merge(paths.household(hh.id), {
          offerObjections: before ?? { brands: [], campaigns: [] },
        });
      }
    }
  });

  it('names a campaign of the deployment by its title in the household’s language', async () => {
    const app = createApp({
      ...h.deps,
      offers: createShippedOfferEngine({ skills: SKILLS, store: h.store }),
    });
    for (const locale of PRIMARY_LOCALES) {
      const hh = byLocale(locale);
      const before = await offerObjectionsOf(hh.id);
      await h.store.merge(paths.household(hh.id), {
        offerObjections: { brands: [], campaigns: ['frostline:cream-partner'] },
      });
      try {
        const cookie = await signIn(app, h.store, household(hh.id));
        const response = await app.request('http://localhost/privacy', { headers: { cookie } });
        const section = text(stoppedOf(await response.text()));
        const title = h.deps.language.translator('fridge-chef', locale)('campaigns.cream-partner.title');
        expect(title).not.toContain('campaigns.');
        expect(section, locale).toContain(title);
        expect(section, locale).not.toContain('cream-partner');
        const status = await app.request(
          'http://localhost/privacy?done=lift&brand=frostline&campaign=cream-partner',
          {
            headers: { cookie },
          },
        );
        const said = (await status.text()).match(/<p class="status" role="status">([^<]*)<\/p>/)?.[1];
        expect(said, locale).toContain(title);
      } finally {
        await h.store.merge(paths.household(hh.id), {
          offerObjections: before ?? { brands: [], campaigns: [] },
        });
      }
    }
  });

  it('refuses a lift that names nothing the page lists with a 4xx page, and changes nothing', async () => {
    const ca = byLocale('fr-CA');
    const cookie = await signIn(h.app, h.store, household(ca.id));
    await h.store.merge(paths.household(ca.id), {
      offerObjections: { brands: ['frostline'], campaigns: [] },
    });
    const fields = liftFields(await pageOf(h, cookie), 'Toutes les offres de Frostline');

    expect(
      (await postForm(h.app, '/privacy/objections/lift', cookie, { ...fields, csrf: 'forged' })).status,
    ).toBe(403);
    expect((await postForm(h.app, '/privacy/objections/lift', '', fields)).status).toBe(401);
    const bad: Record<string, string>[] = [
      { csrf: fields.csrf! },
      { ...fields, brand: 'nobody' },
      { ...fields, brand: '../x' },
      { ...fields, brand: '' },
      { ...fields, campaign: '' },
      { ...fields, campaign: 'a/b' },
      { ...fields, brand: 'nobody', campaign: 'spinach-deal' },
    ];
    for (const form of bad) {
      const response = await postForm(h.app, '/privacy/objections/lift', cookie, form);
      expect(response.status, JSON.stringify(form)).toBe(400);
      expect(text(await response.text())).toContain('Ce choix est impossible');
    }
    // A brand's session has no consent center to lift from.
    const brandCookie = await signIn(h.app, h.store, { kind: 'brand', brandId: 'crema' });
    const brandPage = await (
      await h.app.request('http://localhost/account', { headers: { cookie: brandCookie } })
    ).text();
    const asBrand = await postForm(h.app, '/privacy/objections/lift', brandCookie, {
      ...fields,
      csrf: csrfOf(brandPage),
    });
    expect(asBrand.status).toBe(403);
    expect(await offerObjectionsOf(ca.id)).toEqual({ brands: ['frostline'], campaigns: [] });
    // An unknown status says nothing rather than something made up.
    const unknown = await pageOf(h, cookie, '?done=lift&brand=nobody');
    expect(unknown).not.toContain('role="status"');
  });

  it('offers export and erasure, wired by the app to the same code as /v1: the export is the documented one', async () => {
    const cookie = await signIn(h.app, h.store, household(byLocale('en-US').id));
    const html = await pageOf(h, cookie);
    expect(html).toContain('/privacy/export');
    expect(html).toContain('/privacy/erase');
    const response = await postForm(h.app, '/privacy/export', cookie, { csrf: csrfOf(html) });
    expect(response.status).toBe(200);
    const exported = (await response.json()) as { schema: string; household: { id: string } };
    expect(exported.schema).toBe('hearth.household-export/1');
    expect(exported.household.id).toBe(byLocale('en-US').id);
  });
});

describe('the consent center with export and erasure wired', () => {
  let h: Harness;
  const erased: string[] = [];
  let app: OpenAPIHono<HttpEnv>;
  beforeAll(async () => {
    h = await createHarness({ consent: ledgerPolicy });
    app = new OpenAPIHono<HttpEnv>();
    const deps = { store: h.store, language: h.deps.language, skills: h.deps.skills };
    registerSigninRoutes(app, deps);
    registerPrivacyPage(app, {
      ...deps,
      rights: {
        exportHousehold: async (hid) => (await h.store.get(paths.household(hid))).data,
        eraseHousehold: async (hid) => {
          erased.push(hid);
          await h.store.recursiveDelete(paths.household(hid));
        },
      },
    });
  });
  afterAll(() => h.close());

  it('downloads the export, and erases only once confirmed, then signs the browser out', async () => {
    const fr = h.demo.households.find((x) => x.locale === 'fr-FR')!;
    const cookie = await signIn(app, h.store, household(fr.id));
    const html = await (await app.request('http://localhost/privacy', { headers: { cookie } })).text();
    expect(html).toContain('<h2 id="export">Vos données</h2>');
    expect(html).toContain('<label for="erase-confirm">Je comprends que tout est effacé');

    const exported = await postForm(app, '/privacy/export', cookie, { csrf: csrfOf(html) });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toMatch(/^attachment; filename="hearth-export-/);
    expect(((await exported.json()) as { name: string }).name).toBe('Famille Martin');
    expect((await postForm(app, '/privacy/export', cookie, { csrf: 'no' })).status).toBe(403);

    const unconfirmed = await postForm(app, '/privacy/erase', cookie, { csrf: csrfOf(html) });
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toContain('role="alert">Cochez la case pour confirmer l’effacement.');
    expect(erased).toEqual([]);

    const done = await postForm(app, '/privacy/erase', cookie, { csrf: csrfOf(html), confirm: 'yes' });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Votre foyer est effacé');
    expect(erased).toEqual([fr.id]);
    expect(setCookies(done).hearth_session?.value).toBe('');
    expect((await app.request('http://localhost/privacy', { headers: { cookie } })).status).toBe(401);
  });
});
