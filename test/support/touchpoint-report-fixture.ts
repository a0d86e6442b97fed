/** A brand report as the measurement room would answer it, valid against its schema, for the dashboard's tests. */
import {
  type TouchpointReport,
  touchpointReportSchema,
} from '../../src/measurement/touchpoint-report-schema.js';

const WEEKS = ['2026-W43', '2026-W44', '2026-W45', '2026-W46'] as const;

/**
 * Crema's report: `decaf-evening` shown on screens and Alexa in en-US and fr-FR every week
 * (Google always suppressed, fr-FR's Alexa cell of 2026-W44 too), with the campaign's pooled
 * lift each week; `bulk-box` shown on screens in de-DE from 2026-W44 only, its 2026-W43
 * wholly suppressed, and its lift suppressed (too few control households).
 */
export function cremaReportFixture(brandId = 'crema'): TouchpointReport {
  const cells: TouchpointReport['cells'] = [];
  for (const [w, week] of WEEKS.entries()) {
    for (const locale of ['en-US', 'fr-FR'] as const) {
      for (const channel of ['screen', 'alexa', 'google'] as const) {
        if (channel === 'google' || (channel === 'alexa' && locale === 'fr-FR' && week === '2026-W44')) {
          cells.push({ campaignId: 'decaf-evening', channel, locale, week, suppressed: true });
          continue;
        }
        const households = channel === 'screen' ? 120 + 10 * w : 60 + 5 * w;
        const impressions = Math.round(households * 1.5);
        cells.push({
          campaignId: 'decaf-evening',
          channel,
          locale,
          week,
          households,
          impressions,
          accepted: Math.round(impressions * 0.2),
          converted: Math.round(impressions * 0.08),
          lift: { treatedRate: 0.09, controlRate: 0.05, difference: 0.04, low: 0.01 - 0.002 * w, high: 0.07 },
        });
      }
    }
    cells.push(
      week === '2026-W43'
        ? { campaignId: 'bulk-box', channel: 'screen', locale: 'de-DE', week, suppressed: true }
        : {
            campaignId: 'bulk-box',
            channel: 'screen',
            locale: 'de-DE',
            week,
            households: 77,
            impressions: 101,
            accepted: 19,
            converted: 7,
          },
    );
  }
  const lifts: TouchpointReport['lifts'] = WEEKS.flatMap((week, w) => [
    {
      campaignId: 'decaf-evening',
      week,
      households: 360 + 30 * w,
      controlHouseholds: 52 + w,
      lift: { treatedRate: 0.09, controlRate: 0.05, difference: 0.04, low: 0.01 - 0.002 * w, high: 0.07 },
    },
    { campaignId: 'bulk-box', week, suppressed: true as const },
  ]);
  return touchpointReportSchema.parse({ brandId, cells, lifts });
}
