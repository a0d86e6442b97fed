/**
 * The dashboard's figures, from the brand report (`TouchpointReport`): per campaign and ISO
 * week, the sums of the cells that are shown (impressions, accepted, converted: sums of
 * k-anonymous figures reveal no household), how many cells are suppressed, and the campaign's
 * lift of the week as the report pooled it (enough households on both sides). Nothing here reads households: only the report's payload.
 */
import type { Lift, ReportCell, TouchpointReport } from '../measurement/touchpoint-report-schema.js';

export type ShownCell = Extract<ReportCell, { impressions: number }>;

/** One campaign's week: sums over its shown cells, and the cells held back. */
export interface CampaignWeek {
  week: string;
  shownCells: number;
  suppressedCells: number;
  impressions: number;
  accepted: number;
  converted: number;
  /** The campaign's lift of the week, pooled over channels and locales by the report, when shown. */
  lift?: Lift;
}

export interface CampaignFigures {
  campaignId: string;
  weeks: CampaignWeek[];
  /** Every cell of the campaign, as reported, by week, channel and locale. */
  cells: ReportCell[];
}

export const isShown = (cell: ReportCell): cell is ShownCell => !('suppressed' in cell);

/** The report's figures per campaign (by id) and week (oldest first). */
export function campaignFigures(report: TouchpointReport): CampaignFigures[] {
  const byCampaign = new Map<string, ReportCell[]>();
  for (const cell of report.cells) {
    const list = byCampaign.get(cell.campaignId) ?? [];
    list.push(cell);
    byCampaign.set(cell.campaignId, list);
  }
  return [...byCampaign.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([campaignId, cells]) => {
      const weeks = [...new Set(cells.map((c) => c.week))].sort();
      return {
        campaignId,
        cells: [...cells].sort(
          (a, b) =>
            a.week.localeCompare(b.week) ||
            a.channel.localeCompare(b.channel) ||
            a.locale.localeCompare(b.locale),
        ),
        weeks: weeks.map((week) => {
          const inWeek = cells.filter((c) => c.week === week);
          const shown = inWeek.filter(isShown);
          const pooled = report.lifts.find((l) => l.campaignId === campaignId && l.week === week);
          const lift = pooled && 'lift' in pooled ? pooled.lift : undefined;
          return {
            week,
            shownCells: shown.length,
            suppressedCells: inWeek.length - shown.length,
            impressions: shown.reduce((s, c) => s + c.impressions, 0),
            accepted: shown.reduce((s, c) => s + c.accepted, 0),
            converted: shown.reduce((s, c) => s + c.converted, 0),
            ...(lift ? { lift } : {}),
          };
        }),
      };
    });
}
