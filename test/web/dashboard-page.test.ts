import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TouchpointReport } from '../../src/measurement/touchpoint-report-schema.js';
import { PRIMARY_LOCALES } from '../../src/runtime/locales.js';
import { pageSafeSvg } from '../../src/web/dashboard-charts.js';
import { createHarness, type Harness } from '../support/app-harness.js';
import { signIn } from '../support/sign-in.js';
import { cremaReportFixture } from '../support/touchpoint-report-fixture.js';

/**
 * The brand dashboard `/brands/dashboard` through HTTP: who may see it, the charts drawn on the
 * server as SVG (no script, no inline style), a table of every chart's figures, and suppressed
 * cells said as such, in the browser's language; the report is taken from the app's `reports`.
 */

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const URL = 'http://localhost/brands/dashboard';

describe('the brand dashboard', () => {
  let h: Harness;
  const asked: { brandId: string; now: string }[] = [];
  beforeAll(async () => {
    h = await createHarness({
      reports: async (brandId, now) => {
        asked.push({ brandId, now: now.toISOString() });
        return cremaReportFixture(brandId);
      },
    });
  });
  afterAll(() => h.close());

  const brandCookie = () => signIn(h.app, h.store, { kind: 'brand', brandId: 'crema' });
  const page = async (cookie: string, language = 'en-US') => {
    const response = await h.app.request(URL, { headers: { cookie, 'accept-language': language } });
    return { response, html: await response.text() };
  };

  it('asks an anonymous visitor to sign in (401, the sign-in prompt) and comes back to it after sign-in', async () => {
    const response = await h.app.request(URL);
    expect(response.status).toBe(401);
    expect(text(await response.text())).toContain('Sign in');
    expect(response.headers.getSetCookie().join(';')).toContain('hearth_return=%2Fbrands%2Fdashboard');
    expect(asked).toEqual([]);
  });

  it('refuses a household session with 403, pointing to its own privacy page', async () => {
    const hh = h.demo.households.find((x) => x.locale === 'fr-FR');
    const cookie = await signIn(h.app, h.store, { kind: 'household', householdId: hh?.id ?? '' });
    const { response, html } = await page(cookie);
    expect(response.status).toBe(403);
    expect(html).toContain('Le tableau de bord est réservé aux marques');
    expect(html).toContain('href="/privacy"');
    expect(html).not.toContain('<svg');
    expect(asked).toEqual([]);
  });

  it('shows a signed-in brand its report: charts as SVG images named by their captions, and their tables', async () => {
    const { response, html } = await page(await brandCookie());
    expect(response.status).toBe(200);
    expect(asked.at(-1)).toEqual({ brandId: 'crema', now: '2026-11-20T09:00:00.000Z' });
    writeFileSync(path.join(h.dir, 'dashboard.html'), html);
    // Two campaigns, three charts each (bulk-box has no lift to draw: its table says so), each
    // with its table, and one table of every cell per campaign.
    const svgs = html.match(/<svg [^>]*>/g) ?? [];
    expect(svgs).toHaveLength(5);
    expect(html).not.toContain('aria-labelledby="chart-1-lift"');
    for (const svg of svgs) expect(svg).toMatch(/role="img" aria-labelledby="chart-\d-(volume|rates|lift)"/);
    for (const id of html.matchAll(/aria-labelledby="(chart-[^"]+)"/g))
      expect(html).toContain(`<figcaption id="${id[1]}">`);
    expect(html.match(/<table>/g)).toHaveLength(8);
    expect(html.match(/<caption>/g)).toHaveLength(8);
    expect(html).toContain('<th scope="col">Impressions</th>');
    expect(html).toContain('<th scope="row">Week 46, 2026</th>');
    expect(text(html)).toContain('decaf-evening: offers shown, accepted and converted per week');
    // 2026-W46 of decaf-evening: screens 150 households (225 impressions) x 2 locales, Alexa 75 (113) x 2.
    expect(html).toContain('<td>676</td>');
    // The lift is said with its interval, in percentage points.
    expect(text(html)).toContain('+4.0 pts');
    // No script and no inline style anywhere: the page's CSP allows neither.
    expect(html).not.toMatch(/<script|\sstyle="|\son[a-z]+=/i);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-[^']+' 'sha256-[^']+';/);
    expect(csp).not.toContain('unsafe');
  });

  it('says suppressed cells and wholly suppressed weeks as such, never as zeros', async () => {
    const { html } = await page(await brandCookie());
    const bulk = html.slice(html.indexOf('id="campaign-1"'), html.indexOf('id="campaign-2"'));
    expect(bulk).toContain('Campaign bulk-box');
    // bulk-box's 2026-W43 has no cell shown: every one of its tables says why.
    expect(
      bulk.match(
        /<th scope="row">Week 43, 2026<\/th><td class="suppressed" colspan="\d">Suppressed: every cell has fewer than 50 households<\/td>/g,
      ),
    ).toHaveLength(3);
    // ... and its lift, never measured, is said to lack control households.
    expect(bulk).toContain('Too few control households to compare');
    const decaf = html.slice(html.indexOf('id="campaign-2"'));
    // Every suppressed cell in the table of cells: Google in both locales each week, and one Alexa cell.
    expect(decaf.match(/Suppressed \(fewer than 50 households\)/g)).toHaveLength(9);
    expect(decaf).toMatch(
      /Week 44, 2026<\/th><td class="text">Alexa<\/td><td class="text">français \(France\)<\/td><td class="suppressed" colspan="5">/,
    );
  });

  it.each(PRIMARY_LOCALES)('is written in %s when the browser asks for it', async (locale) => {
    const { response, html } = await page(await brandCookie(), `${locale},en;q=0.5`);
    expect(response.status).toBe(200);
    expect(html).toContain(`<html lang="${locale}">`);
    expect(html).not.toMatch(/dashboard\.[a-zA-Z]/);
    if (locale !== 'en-US') expect(text(html)).not.toContain('Suppressed (fewer than');
  });

  it('shows a report without cells as nothing to report yet', async () => {
    const empty = await createHarness({ reports: async (brandId) => ({ brandId, cells: [], lifts: [] }) });
    try {
      const cookie = await signIn(empty.app, empty.store, { kind: 'brand', brandId: 'frostline' });
      const response = await empty.app.request(URL, { headers: { cookie } });
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('No week with offers has closed yet');
      expect(html).not.toContain('<svg');
    } finally {
      await empty.close();
    }
  });

  it('draws the real report from the store: the demo alone has no closed week with offers', async () => {
    const bare = await createHarness();
    try {
      const cookie = await signIn(bare.app, bare.store, { kind: 'brand', brandId: 'crema' });
      const response = await bare.app.request(URL, { headers: { cookie } });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('No week with offers has closed yet');
    } finally {
      await bare.close();
    }
  });

  it('never draws a report that breaks its schema: a 500 problem, not a page', async () => {
    const broken = await createHarness({
      reports: async (brandId) =>
        ({
          brandId,
          cells: [{ campaignId: 'x', channel: 'screen', locale: 'en-US', week: '2026-W01', households: 3 }],
        }) as unknown as TouchpointReport,
    });
    try {
      const cookie = await signIn(broken.app, broken.store, { kind: 'brand', brandId: 'crema' });
      const response = await broken.app.request(URL, { headers: { cookie } });
      expect(response.status).toBe(500);
      expect(await response.text()).not.toContain('<svg');
    } finally {
      await broken.close();
    }
  });
});

describe('pageSafeSvg', () => {
  it('turns style attributes into presentation attributes and drops the hover style sheet and private attributes', () => {
    const svg = pageSafeSvg(
      '<svg width="10" height="10" xmlns="http://www.w3.org/2000/svg"><text style="font-size:12px;font-family:sans-serif;cursor:pointer;" class="zr0-cls-1" ecmeta_series_index="0">a</text><style ><![CDATA[.zr0-cls-1:hover{fill:red}]]></style></svg>',
      'cap',
    );
    expect(svg).toBe(
      '<svg role="img" aria-labelledby="cap" focusable="false" width="10" height="10" xmlns="http://www.w3.org/2000/svg"><text font-size="12px" font-family="sans-serif">a</text></svg>',
    );
  });
});
