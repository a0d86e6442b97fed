import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { touchpointReportSchema } from '../../src/measurement/touchpoint-report-schema.js';
import { bearer, createHarness, type Harness } from '../support/app-harness.js';
import { expectProblem } from '../support/http-expect.js';
import { cellEntries, writeOfferLog } from '../support/offer-log-fixture.js';

// The harness's domain clock is Friday 20 November 2026 (2026-W47): W46 is the latest reportable week.
const W46 = { at: '2026-11-11T10:00:00.000Z', week: '2026-W46' };
const W47 = { at: '2026-11-17T10:00:00.000Z', week: '2026-W47' };

let h: Harness;
const brand = (id: string) => h.demo.brands.find((b) => b.id === id)!;
const report = (brandId: string, token: string | undefined, query = '', app = h.app) =>
  app.request(`/v1/brands/${brandId}/reports/touchpoints${query}`, {
    headers: token === undefined ? {} : bearer(token),
  });

beforeAll(async () => {
  h = await createHarness();
  await writeOfferLog(h.store, [
    // Frostline, W46: a screen cell of 64 households (50 control households: lift), an Alexa cell of 12.
    ...cellEntries({
      prefix: 'fs',
      treated: 64,
      controls: 50,
      accepted: 20,
      converted: 16,
      controlConverted: 4,
      ...W46,
    }),
    ...cellEntries({ prefix: 'fa', treated: 12, converted: 12, channel: 'alexa', locale: 'en-US', ...W46 }),
    // Households that had not granted measurement: not counted, whatever their number.
    ...cellEntries({ prefix: 'fu', treated: 80, measured: false, channel: 'google', ...W46 }),
    // The open week.
    ...cellEntries({ prefix: 'fo', treated: 90, ...W47 }),
    // Crema's offers, in the same week, channel and locale.
    ...cellEntries({
      prefix: 'cs',
      treated: 70,
      brandId: 'crema',
      campaignId: 'espresso-week',
      skillId: 'coffee-companion',
      ...W46,
    }),
  ]);
});
afterAll(() => h?.close());

describe('GET /v1/brands/:brandId/reports/touchpoints', () => {
  it("answers the brand's reportable weeks: cells of 50 households or more, smaller ones suppressed", async () => {
    const response = await report('frostline', brand('frostline').token);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = touchpointReportSchema.strict().parse(await response.json());
    expect(body).toEqual({
      brandId: 'frostline',
      cells: [
        { campaignId: 'winter-soup', channel: 'alexa', locale: 'en-US', week: '2026-W46', suppressed: true },
        {
          campaignId: 'winter-soup',
          channel: 'screen',
          locale: 'fr-FR',
          week: '2026-W46',
          households: 64,
          impressions: 64,
          accepted: 20,
          converted: 16,
          lift: {
            treatedRate: 0.25,
            controlRate: 0.08,
            difference: 0.17,
            low: expect.any(Number),
            high: expect.any(Number),
          },
        },
      ],
      // Pooled over the week's two cells: 76 households shown, the 50 control households.
      lifts: [
        {
          campaignId: 'winter-soup',
          week: '2026-W46',
          households: 76,
          controlHouseholds: 50,
          lift: expect.objectContaining({ controlRate: 0.08 }),
        },
      ],
    });
    const lift = (body.cells[1] as { lift: { low: number; high: number } }).lift;
    expect(lift.low).toBeLessThan(0.17);
    expect(lift.high).toBeGreaterThan(0.17);
  });

  it("never shows another brand's offers", async () => {
    const body = touchpointReportSchema.parse(await (await report('crema', brand('crema').token)).json());
    expect(body.brandId).toBe('crema');
    expect(body.cells).toEqual([expect.objectContaining({ campaignId: 'espresso-week', households: 70 })]);
    const frostline = touchpointReportSchema.parse(
      await (await report('frostline', brand('frostline').token)).json(),
    );
    expect(frostline.cells.map((c) => c.campaignId)).not.toContain('espresso-week');
  });

  it('answers one reportable week with ?week=, and the same cells as stored after late records arrive', async () => {
    const one = await report('frostline', brand('frostline').token, '?week=2026-W46');
    expect(one.status).toBe(200);
    const body = touchpointReportSchema.parse(await one.json());
    expect(body.cells.map((c) => c.channel)).toEqual(['alexa', 'screen']);

    await writeOfferLog(
      h.store,
      cellEntries({ prefix: 'late', treated: 40, channel: 'alexa', locale: 'en-US', ...W46 }),
    );
    const again = touchpointReportSchema.parse(
      await (await report('frostline', brand('frostline').token, '?week=2026-W46')).json(),
    );
    expect(again).toEqual(body);
    // A week before the brand's first offer is reportable, and empty.
    const empty = await report('frostline', brand('frostline').token, '?week=2026-W30');
    expect(await empty.json()).toEqual({ brandId: 'frostline', cells: [], lifts: [] });
  });

  it('refuses the open week, and a closed week within its attribution window, saying when it will be reported', async () => {
    const open = await expectProblem(
      await report('frostline', brand('frostline').token, '?week=2026-W47'),
      409,
      'week_not_reportable',
    );
    expect(open.detail).toContain('2026-11-26T00:00:00.000Z');
    // Monday 23 November: W47 has closed, but its conversions may still come until Thursday.
    const monday = createApp({ ...h.deps, clock: () => new Date('2026-11-23T08:00:00Z') });
    await expectProblem(
      await report('frostline', brand('frostline').token, '?week=2026-W47', monday),
      409,
      'week_not_reportable',
    );
    await expectProblem(
      await report('frostline', brand('frostline').token, '?week=2027-W10'),
      409,
      'week_not_reportable',
    );
    // The full report never shows the open week either.
    const body = touchpointReportSchema.parse(
      await (await report('frostline', brand('frostline').token)).json(),
    );
    expect(body.cells.map((c) => c.week)).not.toContain('2026-W47');
  });

  it.each(['2026-W54', '2025-W53', '2026-48', 'W48', '2026-W48x', ''])(
    'refuses the week %j as invalid_week',
    async (week) => {
      await expectProblem(
        await report('frostline', brand('frostline').token, `?week=${encodeURIComponent(week)}`),
        400,
        'invalid_week',
      );
    },
  );

  it("answers 404 to another brand's token and for an unknown brand, 401 without a valid token", async () => {
    await expectProblem(await report('frostline', brand('crema').token), 404, 'not_found');
    await expectProblem(await report('no-such-brand', brand('crema').token), 404, 'not_found');
    await expectProblem(await report('frostline', undefined), 401, 'unauthorized');
    await expectProblem(await report('frostline', 'not-a-token'), 401, 'unauthorized');
    const household = h.demo.households[0]!.token;
    await expectProblem(await report('frostline', household), 401, 'unauthorized');
  });

  it('is in the OpenAPI document with its problem codes', async () => {
    const doc = (await (await h.app.request('/openapi.json')).json()) as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, unknown>; parameters: { name: string }[] }>
      >;
      info: { description: string };
    };
    const route = doc.paths['/v1/brands/{brandId}/reports/touchpoints']?.get;
    expect(Object.keys(route?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '400', '401', '404', '409']),
    );
    expect(route?.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['brandId', 'week']));
    for (const code of ['invalid_week', 'week_not_reportable'])
      expect(doc.info.description).toContain(`\`${code}\``);
  });
});
