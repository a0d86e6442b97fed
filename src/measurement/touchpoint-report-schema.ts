/**
 * The brand report's payload (DESIGN.md, "Brand report"): one cell per campaign, channel,
 * locale and closed ISO week; a cell with fewer than 50 distinct households is suppressed.
 */
import { z } from 'zod';
import { isoWeekSchema, OFFER_CHANNELS } from '../offers/offer-log-record.js';
import { LOCALES } from '../runtime/locales.js';

/** Fewer distinct households than this in a cell and the cell is suppressed (Ads Data Hub's threshold). */
export const MIN_HOUSEHOLDS_PER_CELL = 50;

const cellKey = {
  campaignId: z.string().min(1),
  channel: z.enum(OFFER_CHANNELS),
  locale: z.enum(LOCALES),
  week: isoWeekSchema,
};

/**
 * Lift of the conversion rate against the control group: rates of households shown the
 * campaign and of control households, their difference and its 95% confidence interval.
 */
export const liftSchema = z.object({
  treatedRate: z.number().min(0).max(1),
  controlRate: z.number().min(0).max(1),
  /** treatedRate - controlRate. */
  difference: z.number(),
  /** 95% confidence interval of the difference. */
  low: z.number(),
  high: z.number(),
});
export type Lift = z.infer<typeof liftSchema>;

export const shownCellSchema = z.object({
  ...cellKey,
  households: z.number().int().min(MIN_HOUSEHOLDS_PER_CELL),
  impressions: z.number().int().min(0),
  accepted: z.number().int().min(0),
  converted: z.number().int().min(0),
  /** Absent when the control households of the cell are too few to compare with. */
  lift: liftSchema.optional(),
});
export const suppressedCellSchema = z.object({ ...cellKey, suppressed: z.literal(true) });

/**
 * A campaign's lift in a week, pooled over its channels and locales: a cell's control
 * households are about one in twenty of its treated ones, so a cell rarely has the 50 on both
 * sides a lift needs, while a campaign's week often does. The same threshold on both sides.
 */
export const shownCampaignLiftSchema = z.object({
  campaignId: z.string().min(1),
  week: isoWeekSchema,
  households: z.number().int().min(MIN_HOUSEHOLDS_PER_CELL),
  controlHouseholds: z.number().int().min(MIN_HOUSEHOLDS_PER_CELL),
  lift: liftSchema,
});
export const suppressedCampaignLiftSchema = z.object({
  campaignId: z.string().min(1),
  week: isoWeekSchema,
  suppressed: z.literal(true),
});
export const campaignLiftSchema = z.union([shownCampaignLiftSchema, suppressedCampaignLiftSchema]);
export type CampaignLift = z.infer<typeof campaignLiftSchema>;

export const touchpointReportSchema = z.object({
  brandId: z.string().min(1),
  cells: z.array(z.union([shownCellSchema, suppressedCellSchema])),
  /** Per campaign and week, pooled over channels and locales (absent in reports made before it). */
  lifts: z.array(campaignLiftSchema).default([]),
});
export type TouchpointReport = z.output<typeof touchpointReportSchema>;
export type ReportCell = TouchpointReport['cells'][number];
