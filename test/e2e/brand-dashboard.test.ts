/**
 * The brand dashboard as a brand's analyst sees it, in headless Chromium against a listening
 * service: signed in with the brand's sign-in link, the page shows its server-drawn charts with
 * no script and no CSP violation, passes axe-core (no serious or critical violation), and looks
 * right in a screenshot (saved in the test's temp dir).
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { issueSigninCode } from '../../src/accounts/signin-codes.js';
import { startBrowserHarness, watchProblems } from '../support/browser.js';
import { cremaReportFixture } from '../support/touchpoint-report-fixture.js';

const harness = await startBrowserHarness({ reports: async (brandId) => cremaReportFixture(brandId) });
const { h, baseUrl, browser } = harness;
afterAll(() => harness.close());

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: unknown }[] };

/** axe-core's violations on the page as it is (evaluated over CDP: the page runs no script of its own). */
async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(`(async () => {
    const { violations } = await axe.run(document, { resultTypes: ['violations'] });
    return violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  })()`);
}

describe('the brand dashboard in headless Chromium', () => {
  it('shows the signed-in brand its charts and tables, passes axe, and is captured in a screenshot', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1100, height: 900 } });
    try {
      const page = await context.newPage();
      const problems = watchProblems(page);
      const anonymous = await page.goto(`${baseUrl}/brands/dashboard`);
      expect(anonymous?.status()).toBe(401);
      problems.length = 0; // (Chromium reports the 401 as a console error.)
      // The sign-in link comes back to the page that asked for it.
      const { code } = await issueSigninCode(h.store, { kind: 'brand', brandId: 'crema' });
      const landed = await page.goto(`${baseUrl}/signin/${code}`);
      expect(landed?.status()).toBe(200);
      expect(page.url()).toBe(`${baseUrl}/brands/dashboard`);
      expect(await page.locator('h1').textContent()).toBe('Bilan des points de contact');

      const charts = page.getByRole('img');
      expect(await charts.count()).toBe(5);
      // Each chart is named by its caption.
      await expect
        .poll(() =>
          page
            .getByRole('img', { name: 'decaf-evening : taux d’acceptation et de conversion par semaine' })
            .count(),
        )
        .toBe(1);
      const box = await charts.first().boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(400);
      // Six tables beside their charts; two more (every cell) inside closed <details>.
      expect(await page.getByRole('table').count()).toBe(6);
      expect(await page.locator('table').count()).toBe(8);
      expect(await page.locator('td.suppressed').first().textContent()).toContain('moins de 50 foyers');

      const violations = await axeViolations(page);
      expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
      expect(problems).toEqual([]);

      const file = path.join(h.dir, 'brand-dashboard.png');
      await page.screenshot({ path: file, fullPage: true });
      const png = readFileSync(file);
      expect(statSync(file).size).toBeGreaterThan(10_000);
      expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      if (process.env.HEARTH_KEEP_SCREENSHOT) {
        const { copyFileSync } = await import('node:fs');
        copyFileSync(file, process.env.HEARTH_KEEP_SCREENSHOT);
      }
    } finally {
      await context.close();
    }
  });
});
