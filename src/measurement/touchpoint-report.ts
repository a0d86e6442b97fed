/**
 * A brand's touchpoint report (DESIGN.md, "Brand report"), from the offer log of every
 * household, read with collection-group queries page by page: each reportable week is
 * computed once, stored (`reports/{brandId}/weeks/{week}`) and then always read back as
 * stored. No parameter narrows the population; the open week is never shown.
 */

import { addIsoWeeks, isoWeekStart, isoWeeksBetween } from '../offers/iso-week.js';
import { OFFER_LOG, type OfferLogRecord, offerLogRecordSchema } from '../offers/offer-log-record.js';
import { AlreadyExistsError, type DocumentStore } from '../store/document-store.js';
import { type ReportWeekRecord, reportWeekPath, reportWeekRecordSchema } from './report-week-record.js';
import { isReportable, latestReportableWeek, MAX_REPORT_WEEKS, reportableAt } from './reportable-weeks.js';
import { createWeekTally, type OfferLogEntry } from './touchpoint-cells.js';
import type { CampaignLift, ReportCell, TouchpointReport } from './touchpoint-report-schema.js';

/** How many offer-log records one query reads at most: the aggregation never holds more than a page of them. */
export const OFFER_LOG_PAGE_SIZE = 500;

/** Asked for a week that is open, or whose attribution window has not passed yet. */
export class WeekNotReportableError extends Error {
  override readonly name = 'WeekNotReportableError';
  constructor(
    readonly week: string,
    /** When the week becomes reportable. */
    readonly reportableAt: Date,
  ) {
    super(`week ${week} is reportable from ${reportableAt.toISOString()}`);
  }
}

/** The household and the record of an offer-log document, or undefined when it is not one. */
function entryOf(path: string, data: unknown): OfferLogEntry | undefined {
  const segments = path.split('/');
  if (segments.length !== 4 || segments[0] !== 'households' || segments[2] !== OFFER_LOG) return undefined;
  const parsed = offerLogRecordSchema.safeParse(data);
  return parsed.success ? { householdId: segments[1] as string, record: parsed.data } : undefined;
}

/** A week of a brand's report: its cells, and its campaigns' pooled lifts. */
export type WeekFigures = { cells: ReportCell[]; lifts: CampaignLift[] };

/** Computes a week's cells from the offer log, a page at a time (never stored here). */
export async function computeWeekCells(
  store: DocumentStore,
  brandId: string,
  week: string,
): Promise<ReportCell[]> {
  return (await computeWeek(store, brandId, week)).cells;
}

/** Computes a week's figures from the offer log, a page at a time (never stored here). */
export async function computeWeek(store: DocumentStore, brandId: string, week: string): Promise<WeekFigures> {
  const tally = createWeekTally({ brandId, week });
  let startAfter: string | undefined;
  for (;;) {
    const page = await store.queryGroup({
      collectionId: OFFER_LOG,
      where: [
        { field: 'brandId', op: '==', value: brandId },
        { field: 'measured', op: '==', value: true },
        { field: 'week', op: '==', value: week },
      ],
      limit: OFFER_LOG_PAGE_SIZE,
      ...(startAfter !== undefined ? { startAfter } : {}),
    });
    for (const snap of page) {
      const entry = entryOf(snap.path, snap.data);
      if (entry) tally.add(entry);
    }
    if (page.length < OFFER_LOG_PAGE_SIZE) return { cells: tally.cells(), lifts: tally.lifts() };
    startAfter = page.at(-1)?.path;
  }
}

/**
 * A reportable week's cells: as stored, or computed, stored if absent and returned. When two
 * readers compute the same week at once, the one stored first wins and both return it.
 */
async function storedWeek(
  store: DocumentStore,
  brandId: string,
  week: string,
  now: Date,
  stored?: ReportWeekRecord,
): Promise<WeekFigures> {
  if (stored) return { cells: stored.cells, lifts: stored.lifts };
  const path = reportWeekPath(brandId, week);
  const record: ReportWeekRecord = {
    brandId,
    week,
    computedAt: now.toISOString(),
    ...(await computeWeek(store, brandId, week)),
  };
  try {
    await store.create(path, record);
    return { cells: record.cells, lifts: record.lifts };
  } catch (error) {
    if (!(error instanceof AlreadyExistsError)) throw error;
    const kept = reportWeekRecordSchema.parse((await store.get(path)).data);
    return { cells: kept.cells, lifts: kept.lifts };
  }
}

/** The stored record of a week, undefined when absent or unreadable (then computed again, and its create fails). */
function parseStored(data: unknown): ReportWeekRecord | undefined {
  const parsed = reportWeekRecordSchema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}

/** The week the brand's first measured offer was made in, if any (what counts starts there). */
async function firstMeasuredWeek(store: DocumentStore, brandId: string): Promise<string | undefined> {
  const [first] = await store.queryGroup({
    collectionId: OFFER_LOG,
    where: [
      { field: 'brandId', op: '==', value: brandId },
      { field: 'measured', op: '==', value: true },
    ],
    orderBy: [{ field: 'week', direction: 'asc' }],
    limit: 1,
  });
  const week = (first?.data as Partial<OfferLogRecord> | undefined)?.week;
  return typeof week === 'string' ? week : undefined;
}

/**
 * The brand's report at `now`: the cells of every reportable week since the week of its first
 * measured offer, the last `MAX_REPORT_WEEKS` at most, oldest first. Weeks are computed at
 * their first report and read back unchanged ever after.
 */
export async function buildTouchpointReport({
  store,
  brandId,
  now,
}: {
  store: DocumentStore;
  brandId: string;
  now: Date;
}): Promise<TouchpointReport> {
  const latest = latestReportableWeek(now);
  const first = await firstMeasuredWeek(store, brandId);
  if (first === undefined || first > latest) return { brandId, cells: [], lifts: [] };
  const bound = isoWeekStart(addIsoWeeks(latest, 1 - MAX_REPORT_WEEKS));
  const start = new Date(Math.max(isoWeekStart(first).getTime(), bound.getTime()));
  const weeks = isoWeeksBetween(start, isoWeekStart(latest));
  // One round trip for what is stored already; the rest is computed a week at a time.
  const stored = await store.getAll(weeks.map((week) => reportWeekPath(brandId, week)));
  const cells: ReportCell[] = [];
  const lifts: CampaignLift[] = [];
  for (const [i, week] of weeks.entries()) {
    const figures = await storedWeek(store, brandId, week, now, parseStored(stored[i]?.data));
    cells.push(...figures.cells);
    lifts.push(...figures.lifts);
  }
  return { brandId, cells, lifts };
}

/**
 * One week of the brand's report; `WeekNotReportableError` while the week is open or its
 * attribution window has not passed. `week` must be a valid ISO week (`parseIsoWeek`).
 */
export async function buildTouchpointWeekReport({
  store,
  brandId,
  week,
  now,
}: {
  store: DocumentStore;
  brandId: string;
  week: string;
  now: Date;
}): Promise<TouchpointReport> {
  if (!isReportable(week, now)) throw new WeekNotReportableError(week, reportableAt(week));
  const snap = await store.get(reportWeekPath(brandId, week));
  return { brandId, ...(await storedWeek(store, brandId, week, now, parseStored(snap.data))) };
}
