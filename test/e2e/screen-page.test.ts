import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { issueSigninCode } from '../../src/accounts/signin-codes.js';
import { createApp } from '../../src/app.js';
import { authored, authoredStart } from '../channels/screen/locale-responses.js';
import { bearer } from '../support/app-harness.js';
import { startBrowserHarness, watchProblems } from '../support/browser.js';
import { coffeeOf, fridgeOf } from '../support/http-expect.js';
import { setCookies, signIn } from '../support/sign-in.js';

const SCREENSHOTS = path.resolve('test/e2e/__screenshots__');

const harness = await startBrowserHarness();
const { h, baseUrl, browser } = harness;
afterAll(() => harness.close());

const byLocale = (locale: string) => h.demo.households.find((hh) => hh.locale === locale)!;

/** The demo household that owns a device. */
const ownerOf = (deviceId: string) =>
  h.demo.households.find((hh) => hh.devices.some((d) => d.id === deviceId))!;

/**
 * A fresh browser signed in as the device's household through a sign-in link, on the
 * device's screen page; it fails the test on script errors, CSP violations and dialogs
 * (an injected alert).
 */
async function openScreen(deviceId: string, viewport = { width: 1024, height: 600 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const { code } = await issueSigninCode(h.store, { kind: 'household', householdId: ownerOf(deviceId).id });
  const signedIn = await page.goto(`${baseUrl}/signin/${code}`);
  expect(signedIn?.url()).toBe(`${baseUrl}/account`);
  const problems = watchProblems(page);
  const response = await page.goto(`${baseUrl}/screens/${deviceId}`);
  return { page, response, problems, close: () => context.close() };
}

const replyText = (page: Page) => page.locator('#reply-text');

/** Layout shift not caused by input since the page loaded (the page's scripts run without DOM types here). */
function layoutShift(page: Page): Promise<number> {
  return page.evaluate<number>(`new Promise((resolve) => {
    let total = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
    setTimeout(() => resolve(total), 300);
  })`);
}

describe('the demo screen page in headless Chromium', () => {
  it('renders a French fridge home card, taps its action, answers a typed question', async () => {
    const hh = byLocale('fr-FR');
    const fridge = fridgeOf(hh);
    const { page, response, problems, close } = await openScreen(fridge.id);
    try {
      expect(response?.status()).toBe(200);
      expect(await page.getAttribute('html', 'lang')).toBe('fr-FR');
      await expect.poll(() => page.locator('h1').textContent()).toBe('Réfrigérateur de la cuisine');
      const home = await replyText(page).textContent();
      expect(home?.startsWith(authoredStart('fr-FR', 'fridge-chef', 'cook.general'))).toBe(true);
      expect(await page.locator('#card-title').textContent()).toBe(
        authored('fr-FR', 'fridge-chef', 'card.recipesTitle'),
      );
      expect(await page.locator('#card-items li').count()).toBe(3);
      expect(await layoutShift(page)).toBeLessThan(0.01);
      // The page's address carries no token; the token is only inside the page.
      expect(page.url()).toBe(`${baseUrl}/screens/${fridge.id}`);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'screen-fridge-fr-FR.png') });

      const firstRecipe = await page.locator('#card-items li .item-title').first().textContent();
      await page
        .locator('#card-actions')
        .getByRole('button', { name: authored('fr-FR', 'fridge-chef', 'card.details') })
        .click();
      await expect
        .poll(() => replyText(page).textContent())
        .toMatch(new RegExp(`^${authoredStart('fr-FR', 'fridge-chef', 'recipe.details')}`));
      expect(await page.locator('#card-title').textContent()).toBe(firstRecipe);

      await page.getByLabel('Posez une question').fill("qu'est-ce qui perime bientot");
      await page.keyboard.press('Enter');
      await expect
        .poll(() => replyText(page).textContent())
        .toBe(authored('fr-FR', 'fridge-chef', 'expiring.noAccess'));
      expect(await page.locator('#question').inputValue()).toBe('');
      expect(page.url()).toBe(`${baseUrl}/screens/${fridge.id}`);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('is usable with the keyboard alone, with a visible focus', async () => {
    const fridge = fridgeOf(byLocale('en-US'));
    const { page, problems, close } = await openScreen(fridge.id);
    try {
      await page.keyboard.press('Tab'); // the Home button
      await page.keyboard.press('Tab'); // the card's action
      const focused = await page.evaluate<{ text: string; outline: string; tag: string }>(`(() => {
        const el = document.activeElement;
        return { text: el.textContent, outline: getComputedStyle(el).outlineStyle, tag: el.tagName };
      })()`);
      expect(focused).toEqual({
        text: authored('en-US', 'fridge-chef', 'card.details'),
        outline: 'solid',
        tag: 'BUTTON',
      });
      await page.keyboard.press('Enter');
      await expect
        .poll(() => replyText(page).textContent())
        .toMatch(new RegExp(`^${authoredStart('en-US', 'fridge-chef', 'recipe.details')}`));
      // The pressed button went away with the old reply: focus moves to the new reply, not to the top.
      expect(await page.evaluate<string>('document.activeElement.id')).toBe('reply-text');
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('renders a German coffee machine, taps a suggestion, answers a typed question, goes home', async () => {
    const coffee = coffeeOf(byLocale('de-DE'));
    const { page, problems, close } = await openScreen(coffee.id, { width: 360, height: 740 });
    try {
      expect(await page.getAttribute('html', 'lang')).toBe('de-DE');
      expect(await replyText(page).textContent()).toBe(
        authored('de-DE', 'coffee-companion', 'stock.noAccess'),
      );
      expect(await page.locator('#card').isHidden()).toBe(true);
      // Responsive: nothing sticks out sideways on a narrow screen.
      expect(await page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth')).toBe(
        true,
      );

      await page
        .getByRole('button', { name: authored('de-DE', 'coffee-companion', 'suggestions.reorder') })
        .click();
      await expect
        .poll(() => replyText(page).textContent())
        .toBe(authored('de-DE', 'coffee-companion', 'reorder.needConsumption'));

      await page.getByLabel('Stell eine Frage').fill('wann gehen mir die Kapseln aus');
      await page.getByRole('button', { name: 'Fragen' }).click();
      await expect
        .poll(() => replyText(page).textContent())
        .toBe(authored('de-DE', 'coffee-companion', 'runOut.noAccess'));

      await page.getByRole('button', { name: 'Start' }).click();
      await expect
        .poll(() => replyText(page).textContent())
        .toBe(authored('de-DE', 'coffee-companion', 'stock.noAccess'));
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('shows hostile device names, typed markup and reply content as text, never as HTML', async () => {
    const hh = byLocale('en-GB');
    const fridge = fridgeOf(hh);
    const name = `</title><script>alert("name")</script><b>&amp;"'</b>]]>`;
    await h.store.merge(`households/${hh.id}/devices/${fridge.id}`, { name });
    const { page, problems, close } = await openScreen(fridge.id);
    try {
      expect(await page.locator('h1').textContent()).toBe(name);
      expect(await page.title()).toBe(`${name} · hearth`);

      const typed = '<img src=x onerror=alert(1)>';
      await page.locator('#question').fill(typed);
      await page.keyboard.press('Enter');
      await expect
        .poll(() => replyText(page).textContent())
        .toBe(authored('en-GB', 'fridge-chef', 'fallback.speech'));

      // Whatever a reply carries (a brand's text, a slot value) is drawn as text by the page's script.
      const hostile = '<img src=x onerror=alert(2)><script>alert(3)</script>&amp; "\' ]]> 😀 日本語';
      await page.route('**/v1/screens/*/home', (route) =>
        route.fulfill({
          json: {
            locale: 'en-GB',
            text: hostile,
            card: {
              title: hostile,
              items: [{ id: 'x', title: hostile, subtitle: hostile, badges: [hostile] }],
              actions: [{ id: 'a', label: hostile, intent: 'HelpIntent' }],
            },
            suggestions: [hostile],
            endSession: false,
          },
        }),
      );
      await page.locator('#home').click();
      await expect.poll(() => replyText(page).textContent()).toBe(hostile);
      expect(await page.locator('#card-title').textContent()).toBe(hostile);
      expect(await page.locator('#card-items .item-title').textContent()).toBe(hostile);
      expect(await page.locator('#card-items .badge').textContent()).toBe(hostile);
      expect(await page.locator('#card-actions button').textContent()).toBe(hostile);
      expect(await page.locator('#suggestion-list button').textContent()).toBe(hostile);
      expect(await page.locator('.screen img, .screen script').count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('signing in to a screen page in Chromium', () => {
  it('shows a stranger the sign-in prompt, never a token, and comes back to the page after the sign-in link', async () => {
    const fridge = fridgeOf(byLocale('it-IT'));
    const context = await browser.newContext({ locale: 'it-IT' });
    try {
      const page = await context.newPage();
      const prompt = await page.goto(`${baseUrl}/screens/${fridge.id}`);
      expect(prompt?.status()).toBe(401);
      expect(await page.locator('h1').textContent()).toBe('Accedi');
      expect(await page.content()).not.toContain('hth1.');
      const { code } = await issueSigninCode(h.store, {
        kind: 'household',
        householdId: ownerOf(fridge.id).id,
      });
      const back = await page.goto(`${baseUrl}/signin/${code}`);
      expect(back?.status()).toBe(200);
      // The address holds no code once signed in: the link's 303 led back to the page that asked.
      expect(page.url()).toBe(`${baseUrl}/screens/${fridge.id}`);
      await expect.poll(() => page.locator('h1').textContent()).toBe('Frigorifero');
      const cookies = await context.cookies();
      const session = cookies.find((c) => c.name === 'hearth_session');
      expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    } finally {
      await context.close();
    }
  });
});

describe('GET /screens/:deviceId', () => {
  const signedInAs = (householdId: string, app: { request: typeof h.app.request } = h.app) =>
    signIn(app, h.store, { kind: 'household', householdId });

  it('embeds a device token for one hour, never in a URL, under a strict CSP and no caching', async () => {
    const fridge = fridgeOf(byLocale('it-IT'));
    const cookie = await signedInAs(ownerOf(fridge.id).id);
    const response = await h.app.request(`/screens/${fridge.id}`, { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
    expect(csp).not.toContain('unsafe-inline');
    const html = await response.text();
    const config = JSON.parse(
      html.match(/<script type="application\/json" id="screen-config">(.*?)<\/script>/s)![1]!,
    ) as {
      token: string;
    };
    const check = h.deps.signer.verify(config.token, ['device']);
    expect(check.ok && check.claims.deviceId).toBe(fridge.id);
    const ttl = check.ok ? (check.claims.exp ?? 0) - Date.now() / 1000 : 0;
    expect(ttl).toBeGreaterThan(3500);
    expect(ttl).toBeLessThanOrEqual(3600);
    expect(html).not.toMatch(/href="[^"]*hth1\./);
    // The embedded token drives the screen routes.
    const home = await h.app.request(`/v1/screens/${fridge.id}/home`, { headers: bearer(config.token) });
    expect(home.status).toBe(200);
  });

  it('answers a browser not signed in with the sign-in prompt (401), which remembers the page, and no token', async () => {
    const fridge = fridgeOf(byLocale('fr-FR'));
    for (const cookie of [undefined, 'hearth_session=forged-session-cookie-value-0123456789']) {
      const response = await h.app.request(`/screens/${fridge.id}`, {
        headers: { 'accept-language': 'fr-FR', ...(cookie ? { cookie } : {}) },
      });
      expect(response.status).toBe(401);
      const html = await response.text();
      expect(html).toContain('Connexion');
      expect(html).not.toContain('hth1.');
      expect(html).not.toContain('screen-config');
      expect(decodeURIComponent(setCookies(response).hearth_return!.value)).toBe(`/screens/${fridge.id}`);
    }
  });

  it("answers 404 to another household's session and to a brand's, as for a device that does not exist", async () => {
    const fridge = fridgeOf(byLocale('de-DE'));
    const stranger = await signedInAs(byLocale('es-ES').id);
    const brand = await signIn(h.app, h.store, { kind: 'brand', brandId: h.demo.brands[0]!.id });
    const own = await signedInAs(ownerOf(fridge.id).id);
    for (const [cookie, path] of [
      [stranger, `/screens/${fridge.id}`],
      [brand, `/screens/${fridge.id}`],
      [own, '/screens/no-such-device'],
      [own, '/screens/constructor'],
      [own, '/screens/..%2F..%2Fmeta'],
    ] as const) {
      const response = await h.app.request(path, { headers: { cookie } });
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('hth1.');
    }
    // A malformed id is 404 before any sign-in check.
    expect((await h.app.request('/screens/..%2F..%2Fmeta')).status).toBe(404);
  });

  it('exists outside demo mode too, behind sign-in', async () => {
    const production = createApp({ ...h.deps, demo: false });
    const fridge = fridgeOf(byLocale('fr-FR'));
    expect((await production.request(`/screens/${fridge.id}`)).status).toBe(401);
    const cookie = await signedInAs(ownerOf(fridge.id).id, production);
    expect((await production.request(`/screens/${fridge.id}`, { headers: { cookie } })).status).toBe(200);
  });
});
