/**
 * `reports/{brandId}/weeks/{week}`: a week's cells of a brand's touchpoint report, computed
 * once the week became reportable and created if absent, never written again: later reads
 * show these cells even when offer-log records of that week arrive late (or are erased).
 * Aggregates only: no household is named, and cells under the threshold carry no figures.
 */
import { z } from 'zod';
import { isoWeekSchema } from '../offers/offer-log-record.js';
import { campaignLiftSchema, shownCellSchema, suppressedCellSchema } from './touchpoint-report-schema.js';

export const reportWeekRecordSchema = z.object({
  brandId: z.string().min(1),
  week: isoWeekSchema,
  /** When the cells were computed (the domain clock). */
  computedAt: z.string().min(1),
  cells: z.array(z.union([shownCellSchema, suppressedCellSchema])),
  /** The campaigns' lifts of the week, pooled over channels and locales (none in weeks stored before them). */
  lifts: z.array(campaignLiftSchema).default([]),
});
export type ReportWeekRecord = z.output<typeof reportWeekRecordSchema>;

/** The path of a brand's stored week. */
export const reportWeekPath = (brandId: string, week: string) => `reports/${brandId}/weeks/${week}`;
