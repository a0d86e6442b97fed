/**
 * The synthetic cohort through the brand report route: `seedCohort` (what `hearth seed
 * --cohort 2000` runs) gives both brands reports with real shapes, shown cells of at least 50
 * households and suppressed ones; every cell is one of the brand's own campaigns; the demo's
 * households alone would show none.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { seedCohort } from '../../src/demo/seed-cohort.js';
import type { TouchpointReport } from '../../src/measurement/touchpoint-report-schema.js';
import { touchpointReportSchema } from '../../src/measurement/touchpoint-report-schema.js';
import { loadDefaultLanguage } from '../../src/runtime/default-language.js';
import { bearer, createHarness } from '../support/app-harness.js';

const NOW = new Date('2026-12-04T11:00:00Z');
const h = await createHarness({ clock: () => NOW });
afterAll(() => h.close());
const token = (brandId: string) => h.demo.brands.find((b) => b.id === brandId)?.token ?? '';

async function report(brandId: string): Promise<TouchpointReport> {
  const response = await h.app.request(`/v1/brands/${brandId}/reports/touchpoints`, {
    headers: bearer(token(brandId)),
  });
  expect(response.status).toBe(200);
  return touchpointReportSchema.parse(await response.json());
}

describe('the brand report on the synthetic cohort', () => {
  it('shows shown and suppressed cells for each brand, only its own campaigns', async () => {
    await seedCohort({
      store: h.store,
      now: NOW,
      size: 2000,
      seed: 'hearth',
      language: loadDefaultLanguage(),
    });
    const own = { crema: ['decaf-evening', 'bulk-box'], frostline: ['cream-partner', 'weekly-deals'] };
    for (const brandId of ['crema', 'frostline'] as const) {
      const { cells } = await report(brandId);
      const shown = cells.filter((c) => !('suppressed' in c));
      const suppressed = cells.filter((c) => 'suppressed' in c);
      expect(shown.length, brandId).toBeGreaterThan(10);
      expect(suppressed.length, brandId).toBeGreaterThan(10);
      for (const cell of cells) expect(own[brandId]).toContain(cell.campaignId);
      for (const cell of shown) if ('households' in cell) expect(cell.households).toBeGreaterThanOrEqual(50);
      // Closed weeks only: the week of NOW never appears.
      expect(cells.some((c) => c.week === '2026-W49')).toBe(false);
    }
    // Lift needs 50 households on both sides: 5% of 2,000 households is about 100 in the control
    // group in all, 20 to 35 of them a campaign's in a week, so every week's lift is suppressed
    // here (test/measurement/campaign-lift.test.ts shows one once there are enough).
    const { lifts } = await report('crema');
    expect(lifts.length).toBeGreaterThan(0);
    expect(lifts.every((l) => 'suppressed' in l)).toBe(true);
  });
});
