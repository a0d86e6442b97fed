/**
 * The dashboard's figures, from the brand report (`TouchpointReport`): per campaign and ISO
 * week, the sums of the cells that are shown (impressions, accepted, converted: sums of
 * k-anonymous figures reveal no household), how many cells are suppressed, and the lift of the
 * shown cells combined. Nothing here reads households: only the report's payload.
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
  /** The shown cells' lifts combined (`combineLifts`), when any cell has one. */
  lift?: Lift;
}

export interface CampaignFigures {
  campaignId: string;
  weeks: CampaignWeek[];
  /** Every cell of the campaign, as reported, by week, channel and locale. */
  cells: ReportCell[];
}

/** 95% two-sided normal quantile: the report's intervals are 95%. */
const Z95 = 1.959964;

export const isShown = (cell: ReportCell): cell is ShownCell => !('suppressed' in cell);

/**
 * Lifts of several cells (channels, locales) as one: the difference weighted by each cell's
 * households, with the standard error of a stratified estimate (each cell's read off its own
 * 95% interval). The rates are weighted the same way.
 */
export function combineLifts(cells: readonly { households: number; lift: Lift }[]): Lift | undefined {
  const total = cells.reduce((sum, c) => sum + c.households, 0);
  if (cells.length === 0 || total === 0) return undefined;
  let difference = 0;
  let treatedRate = 0;
  let controlRate = 0;
  let variance = 0;
  for (const { households, lift } of cells) {
    const w = households / total;
    difference += w * lift.difference;
    treatedRate += w * lift.treatedRate;
    controlRate += w * lift.controlRate;
    const se = (lift.high - lift.low) / (2 * Z95);
    variance += w * w * se * se;
  }
  const half = Z95 * Math.sqrt(variance);
  return { treatedRate, controlRate, difference, low: difference - half, high: difference + half };
}

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
          const lift = combineLifts(
            shown.flatMap((c) => (c.lift ? [{ households: c.households, lift: c.lift }] : [])),
          );
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
