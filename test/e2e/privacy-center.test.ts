/**
 * The consent center as a person uses it, in headless Chromium against a
 * listening service with the real ledger policy: signed in with the
 * household's sign-in link from demo.json, the page passes axe-core (no
 * serious or critical violation), a withdrawal made with the keyboard alone is
 * recorded, and the very next screen turn of the household's fridge is no
 * longer personal; a brand objected to in an app is listed, and allowed again in one click.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { ledgerPolicy } from '../../src/consent/consent-policy.js';
import { ledgerEntryRecordSchema } from '../../src/consent/ledger-entry-record.js';
import { readLedgerSnapshots } from '../../src/consent/ledger-replay.js';
import { startBrowserHarness, watchProblems } from '../support/browser.js';
import { demoAlexaSpeech } from '../support/demo-alexa.js';
import { fridgeOf } from '../support/http-expect.js';
import { pathOf } from '../support/sign-in.js';

const harness = await startBrowserHarness({ consent: ledgerPolicy });
const { h, baseUrl, browser } = harness;
afterAll(() => harness.close());

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: unknown }[] };

/**
 * axe-core's results on the page as it is (evaluated over CDP: the page's CSP
 * runs no script of its own): the violations, and the ids of the rules that passed.
 */
async function axeResults(page: Page): Promise<{ violations: AxeViolation[]; passes: string[] }> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(`(async () => {
    const { violations, passes } = await axe.run(document, { resultTypes: ['violations'] });
    return {
      violations: violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })),
      passes: passes.map((p) => p.id),
    };
  })()`);
}

/** What Alexa says to "what's in my fridge" for the household (its linked account, a signed request). */
function fridgeVoiceTurn(hh: Parameters<typeof demoAlexaSpeech>[2]) {
  return demoAlexaSpeech(h.app, h.demo, hh, { skillId: 'fridge-chef', intent: 'WhatsInMyFridgeIntent' });
}

/** What the fridge's screen answers to "what's in my fridge". */
async function fridgeTurn(deviceId: string, token: string) {
  const response = await fetch(`${baseUrl}/v1/screens/${deviceId}/turns`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ intent: 'WhatsInMyFridgeIntent' }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { text: string; card?: { items: { title: string }[] } };
}

describe('the consent center in headless Chromium', () => {
  it('passes axe, withdraws inventory with the keyboard, and the next screen and voice turns are non-personal', async () => {
    const hh = h.demo.households.find((x) => x.locale === 'en-US')!;
    const fridge = fridgeOf(hh);
    const before = await fridgeTurn(fridge.id, fridge.token);
    const items = before.card?.items.map((i) => i.title) ?? [];
    expect(items.length).toBeGreaterThan(0);
    const spokenBefore = await fridgeVoiceTurn(hh);
    const spokenItems = items.filter((item) => spokenBefore.toLowerCase().includes(item.toLowerCase()));
    expect(spokenItems.length).toBeGreaterThan(0);

    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const problems = watchProblems(page);
      await page.goto(`${baseUrl}${pathOf(hh.signInUrl)}`);
      expect(page.url()).toBe(`${baseUrl}/account`);
      const opened = await page.goto(`${baseUrl}/privacy`);
      expect(opened?.status()).toBe(200);
      expect(await page.locator('h1').textContent()).toBe('Your privacy');
      expect(await page.locator('main').count()).toBe(1);

      // Every history open, so that its tables are checked too.
      await page.evaluate(`document.querySelectorAll('details').forEach((d) => { d.open = true; })`);
      const { violations, passes } = await axeResults(page);
      expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
      // It did look: labels, contrast, the landmark, the heading order, the buttons' names.
      for (const rule of ['label', 'color-contrast', 'landmark-one-main', 'heading-order', 'button-name'])
        expect(passes).toContain(rule);

      // Keyboard only: Tab to the inventory's withdraw button (its focus visible), then Space.
      const onWithdraw = `(() => {
        const el = document.activeElement;
        return el?.tagName === 'BUTTON' && el.closest('section')?.id === 'purpose-inventory';
      })()`;
      let tabs = 0;
      while (!(await page.evaluate<boolean>(onWithdraw))) {
        expect(++tabs, 'the withdraw button is reachable by Tab').toBeLessThan(100);
        await page.keyboard.press('Tab');
      }
      expect(await page.evaluate<string>('getComputedStyle(document.activeElement).outlineStyle')).not.toBe(
        'none',
      );
      expect(await page.evaluate<string>('document.activeElement.textContent')).toBe('Withdraw');
      await page.keyboard.press('Space');
      await page.waitForURL(`${baseUrl}/privacy?done=withdraw&purpose=inventory`);
      expect(await page.getByRole('status').textContent()).toMatch(/^Saved: you withdrew/);
      expect(await page.locator('#purpose-inventory').textContent()).toContain('Your choice: not allowed');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }

    const last = (await readLedgerSnapshots(h.store, hh.id)).at(-1);
    expect(ledgerEntryRecordSchema.parse(last?.data)).toMatchObject({
      purpose: 'inventory',
      action: 'withdraw',
      channel: 'web',
      actor: { kind: 'session' },
      proof: { input: 'Withdraw' },
    });

    const after = await fridgeTurn(fridge.id, fridge.token);
    expect(after.card).toBeUndefined();
    for (const item of items) expect(after.text).not.toContain(item);
    // The very next voice turn, on Alexa, is not personal either.
    const spokenAfter = (await fridgeVoiceTurn(hh)).toLowerCase();
    for (const item of spokenItems) expect(spokenAfter).not.toContain(item.toLowerCase());
  });
  it('lists a brand the household objected to in an app, and one click on Allow again lifts it', async () => {
    const hh = h.demo.households.find((x) => x.locale === 'en-GB')!;
    const objections = (init: RequestInit = {}) =>
      fetch(`${baseUrl}/v1/households/${hh.id}/objections`, {
        ...init,
        headers: { authorization: `Bearer ${hh.token}`, 'content-type': 'application/json' },
      });
    const objected = await objections({ method: 'POST', body: JSON.stringify({ brandId: 'crema' }) });
    expect(objected.status).toBe(200);

    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const problems = watchProblems(page);
      await page.goto(`${baseUrl}${pathOf(hh.signInUrl)}`);
      expect((await page.goto(`${baseUrl}/privacy`))?.status()).toBe(200);
      const stopped = page.getByRole('region', { name: 'Offers you stopped' });
      expect(await stopped.getByRole('listitem').allTextContents()).toEqual([
        expect.stringContaining('All offers from Crema'),
      ]);
      const { violations } = await axeResults(page);
      expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
      await stopped.getByRole('button', { name: 'Allow again: All offers from Crema' }).click();
      await page.waitForURL(`${baseUrl}/privacy?done=lift&brand=crema`);
      expect(await page.getByRole('status').textContent()).toBe(
        'Saved: you allowed offers from Crema again.',
      );
      const after = page.getByRole('region', { name: 'Offers you stopped' });
      expect(await after.getByRole('listitem').count()).toBe(0);
      expect(await after.textContent()).toContain(
        'You have not stopped the offers of any brand or campaign.',
      );
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
    expect(await (await objections()).json()).toEqual({ marketing: false, brands: [], campaigns: [] });
  });
});
