import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createHarness, type Harness } from '../support/app-harness.js';
import { grantingPolicy } from '../support/granting-gate.js';
import { makerOf, type Started, startPairing } from '../support/pairing-requests.js';
import { alexaTurnIsLinked } from '../support/platform-calls.js';
import { csrfOf, postForm, signIn } from '../support/sign-in.js';

/**
 * A household manages its appliances and account links from `/account`: the page
 * lists them, pairs an appliance from the code it shows, removes one, unlinks a
 * service, through the same domain code as the `/v1` routes.
 */
let h: Harness;
beforeAll(async () => {
  // Every purpose granted, so that a linked turn is told apart from an unlinked one by its answer.
  h = await createHarness({ consent: grantingPolicy() });
});
afterAll(() => h.close());

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

async function page(cookie: string): Promise<string> {
  const response = await h.app.request('http://localhost/account', { headers: { cookie } });
  expect(response.status).toBe(200);
  return response.text();
}

describe('the account page of a household', () => {
  it('lists its appliances and its links, named in its language', async () => {
    const fr = h.demo.households.find((x) => x.locale === 'fr-FR')!;
    const cookie = await signIn(h.app, h.store, { kind: 'household', householdId: fr.id });
    const shown = text(await page(cookie));
    for (const device of fr.devices) expect(shown).toContain(device.name);
    expect(shown).toContain('Services associés');
    expect(shown).toContain('Google Home');
    expect(shown).toMatch(/sur Amazon Alexa/);
    expect(shown).toMatch(/sur Google Assistant/);
    expect(shown).not.toContain('[missing');
  });

  it('unlinks one service at once, and leaves the others linked', async () => {
    const en = h.demo.households.find((x) => x.locale === 'en-US')!;
    const cookie = await signIn(h.app, h.store, { kind: 'household', householdId: en.id });
    const html = await page(cookie);
    expect(await alexaTurnIsLinked(h, 'fridge-chef', en.linkTokens.alexa['fridge-chef'])).toBe(true);
    const links = await (
      await h.app.request(`/v1/households/${en.id}/links`, { headers: bearer(en.token) })
    ).json();
    const grant = (links as { links: { grantId: string; platform: string; skillId?: string }[] }).links.find(
      (l) => l.platform === 'alexa' && l.skillId === 'fridge-chef',
    )!;
    expect(html).toContain(`/account/links/${grant.grantId}/unlink`);

    const unlinked = await postForm(h.app, `/account/links/${grant.grantId}/unlink`, cookie, {
      csrf: csrfOf(html),
    });
    expect(unlinked.status).toBe(303);
    expect(unlinked.headers.get('location')).toBe('/account');
    expect(await alexaTurnIsLinked(h, 'fridge-chef', en.linkTokens.alexa['fridge-chef'])).toBe(false);
    expect(await alexaTurnIsLinked(h, 'coffee-companion', en.linkTokens.alexa['coffee-companion'])).toBe(
      true,
    );
    expect(await page(cookie)).not.toContain(grant.grantId);
  });

  it('pairs an appliance from the code it shows, and removes it, its token then refused', async () => {
    const de = h.demo.households.find((x) => x.locale === 'de-DE')!;
    const cookie = await signIn(h.app, h.store, { kind: 'household', householdId: de.id });
    const maker = makerOf(h, 'fridge');
    const started = (await (
      await startPairing(h.app, maker.credential, { kind: 'fridge', name: 'Zweiter Kühlschrank' })
    ).json()) as Started;

    const html = await page(cookie);
    // Typed as people type codes: lower case, a space instead of the dash.
    const paired = await postForm(h.app, '/account/pairings', cookie, {
      csrf: csrfOf(html),
      code: started.code.toLowerCase().replace('-', ' '),
    });
    expect(paired.status).toBe(303);
    const after = await page(cookie);
    expect(text(after)).toContain('Zweiter Kühlschrank');

    const polled = (await (
      await h.app.request(`/v1/pairing/${started.pairingId}`, { headers: bearer(maker.credential) })
    ).json()) as { status: string; deviceId: string; token: string };
    expect(polled.status).toBe('paired');
    const home = () =>
      h.app.request(`/v1/screens/${polled.deviceId}/home`, { headers: bearer(polled.token) });
    expect((await home()).status).toBe(200);

    const removed = await postForm(h.app, `/account/devices/${polled.deviceId}/remove`, cookie, {
      csrf: csrfOf(after),
    });
    expect(removed.status).toBe(303);
    expect(text(await page(cookie))).not.toContain('Zweiter Kühlschrank');
    expect((await home()).status).toBe(401);
  });

  it('refuses a wrong or reused code on the page, in the household language, and a guesser is stopped', async () => {
    const it_ = h.demo.households.find((x) => x.locale === 'it-IT')!;
    const cookie = await signIn(h.app, h.store, { kind: 'household', householdId: it_.id });
    const csrf = csrfOf(await page(cookie));
    const statuses: number[] = [];
    let last = '';
    for (let i = 0; i < 7; i++) {
      const response = await postForm(h.app, '/account/pairings', cookie, { csrf, code: `ZZZZ-ZZ${i}Z` });
      statuses.push(response.status);
      last = text(await response.text());
      if (i === 0) expect(last).toContain('Questo codice non abbina alcun elettrodomestico');
    }
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect(last).toContain('Troppi codici');
  });

  it('acts on nothing without the session CSRF token, or for a stranger', async () => {
    const es = h.demo.households.find((x) => x.locale === 'es-ES')!;
    const cookie = await signIn(h.app, h.store, { kind: 'household', householdId: es.id });
    const device = es.devices[0]!;
    const forged = await postForm(h.app, `/account/devices/${device.id}/remove`, cookie, { csrf: 'nope' });
    expect(forged.status).toBe(403);
    const anonymous = await postForm(h.app, `/account/devices/${device.id}/remove`, '', { csrf: 'nope' });
    expect(anonymous.status).toBe(401);
    // Another household's device is not this household's to remove: nothing happens.
    const other = h.demo.households.find((x) => x.locale === 'en-GB')!;
    const html = await page(cookie);
    const foreign = await postForm(h.app, `/account/devices/${other.devices[0]!.id}/remove`, cookie, {
      csrf: csrfOf(html),
    });
    expect(foreign.status).toBe(303);
    expect(text(await page(cookie))).toContain(device.name);
    const theirs = await h.app.request(`/v1/screens/${other.devices[0]!.id}/home`, {
      headers: bearer(other.devices[0]!.token),
    });
    expect(theirs.status).toBe(200);
  });
});
