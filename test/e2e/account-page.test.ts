import { afterAll, describe, expect, it } from 'vitest';
import { issueSigninCode } from '../../src/accounts/signin-codes.js';
import { startBrowserHarness, watchProblems } from '../support/browser.js';

const harness = await startBrowserHarness();
const { h, baseUrl, browser } = harness;
afterAll(() => harness.close());

const signinLinks = (hid: string, token: string) =>
  fetch(`${baseUrl}/v1/households/${hid}/signin-links`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });

describe('the account page in headless Chromium', () => {
  it('signs in with a link, creates an API token shown once, revokes it, and signs out', async () => {
    const hh = h.demo.households.find((x) => x.locale === 'en-US')!;
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const problems = watchProblems(page);
      const { code } = await issueSigninCode(h.store, { kind: 'household', householdId: hh.id });
      const landed = await page.goto(`${baseUrl}/signin/${code}`);
      expect(landed?.status()).toBe(200);
      // The code leaves the address bar with the 303.
      expect(page.url()).toBe(`${baseUrl}/account`);
      expect(await page.locator('h1').textContent()).toBe('Your account');
      expect(await page.locator('main').textContent()).toContain('The Johnsons');

      await page.getByLabel('Name of the token').fill('Kitchen companion');
      await page.getByRole('button', { name: 'Create a token' }).click();
      await expect.poll(() => page.locator('h1').textContent()).toBe('Your new API token');
      const token = await page.getByLabel('API token').inputValue();
      expect(token).toMatch(/^hth1\./);
      expect(page.url()).toBe(`${baseUrl}/account/api-tokens`);

      const used = await signinLinks(hh.id, token);
      expect(used.status).toBe(201);

      await page.getByRole('link', { name: 'Back to your account' }).click();
      await expect.poll(() => page.locator('h1').textContent()).toBe('Your account');
      expect(await page.locator('section[aria-labelledby="api-tokens"] ul.tokens').textContent()).toContain(
        'Kitchen companion',
      );
      // Shown once: the account page never carries it again.
      expect(await page.content()).not.toContain(token);

      await page.getByRole('button', { name: 'Revoke the token Kitchen companion' }).click();
      await expect.poll(() => page.locator('main').textContent()).toContain('No API tokens yet.');
      expect(page.url()).toBe(`${baseUrl}/account`);
      const refused = await signinLinks(hh.id, token);
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as { code: string }).code).toBe('token_revoked');

      await page.getByRole('button', { name: 'Sign out' }).click();
      await expect.poll(() => page.locator('h1').textContent()).toBe('You are signed out');
      expect(page.url()).toBe(`${baseUrl}/signed-out?lang=en-US`);
      expect((await context.cookies()).filter((c) => c.name === 'hearth_session')).toEqual([]);
      expect(problems).toEqual([]);
      // (Chromium reports the 401 of the next page as a console error.)
      const after = await page.goto(`${baseUrl}/account`);
      expect(after?.status()).toBe(401);
      expect(await page.locator('h1').textContent()).toBe('Sign in');
    } finally {
      await context.close();
    }
  });

  it('changes the delivery address with its form (country from the list), then removes it', async () => {
    const hh = h.demo.households.find((x) => x.locale === 'fr-FR')!;
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const problems = watchProblems(page);
      const { code } = await issueSigninCode(h.store, { kind: 'household', householdId: hh.id });
      await page.goto(`${baseUrl}/signin/${code}`);
      const section = page.locator('section[aria-labelledby="delivery-address"]');
      expect(await section.locator('address').textContent()).toContain('12 rue des Lilas');
      // The form comes filled with the address as set.
      expect(await page.getByLabel('Numéro et rue').inputValue()).toBe('12 rue des Lilas');
      await page.getByLabel('Nom du destinataire').fill('Claire et Paul Martin');
      await page.getByLabel('Numéro et rue').fill('3 avenue Jean Jaurès');
      await page.getByLabel('Appartement, étage, bâtiment (facultatif)').fill('Bât. B, 2e étage');
      await page.getByLabel('Code postal').fill('1000');
      await page.getByLabel('Ville').fill('Bruxelles');
      await page.getByLabel('Pays').selectOption({ label: 'Belgique' });
      await page.getByRole('button', { name: 'Enregistrer l’adresse' }).click();
      await expect.poll(() => section.locator('address').textContent()).toContain('3 avenue Jean Jaurès');
      expect(page.url()).toBe(`${baseUrl}/account`);
      expect((await h.store.get(`households/${hh.id}/contract/deliveryAddress`)).data).toMatchObject({
        name: 'Claire et Paul Martin',
        line2: 'Bât. B, 2e étage',
        postalCode: '1000',
        city: 'Bruxelles',
        country: 'BE',
      });

      await page.getByRole('button', { name: 'Supprimer l’adresse' }).click();
      await expect.poll(() => section.textContent()).toContain('Pas encore d’adresse de livraison');
      expect((await h.store.get(`households/${hh.id}/contract/deliveryAddress`)).exists).toBe(false);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('cannot be posted to from another site: the cross-site form is refused and changes nothing', async () => {
    const hh = h.demo.households.find((x) => x.locale === 'de-DE')!;
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const { code } = await issueSigninCode(h.store, { kind: 'household', householdId: hh.id });
      await page.goto(`${baseUrl}/signin/${code}`);
      expect(await page.locator('h1').textContent()).toBe('Ihr Konto');
      // A page of another site posting a form at the account in the same browser: SameSite=Lax
      // keeps the cookie off the cross-site POST, its Origin is not ours, and it has no CSRF token.
      await page.goto('about:blank');
      await page.setContent(
        `<form method="post" action="${baseUrl}/account/api-tokens"><input name="label" value="evil"><button>go</button></form>`,
      );
      const [answer] = await Promise.all([
        page.waitForResponse(`${baseUrl}/account/api-tokens`),
        page.getByRole('button', { name: 'go' }).click(),
      ]);
      expect([401, 403]).toContain(answer.status());
      const record = (await h.store.get(`households/${hh.id}`)).data as { auth: { apiTokens?: object } };
      expect(Object.keys(record.auth.apiTokens ?? {})).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
