/**
 * The brand report's arithmetic, free of the store: offer-log records of one brand and one
 * week in, the week's cells out (campaign x channel x locale). Pure, so that its rules are
 * tested as properties: every cell under the threshold is suppressed, counts add up, and the
 * same records always give the same cells.
 */
import type { OfferLogRecord } from '../offers/offer-log-record.js';
import { newcombeDifferenceInterval } from './proportion-intervals.js';
import { ATTRIBUTION_WINDOW_MS } from './reportable-weeks.js';
import {
  type CampaignLift,
  type Lift,
  MIN_HOUSEHOLDS_PER_CELL,
  type ReportCell,
} from './touchpoint-report-schema.js';

/** One offer-log record and the household it belongs to (from its path). */
export interface OfferLogEntry {
  readonly householdId: string;
  readonly record: OfferLogRecord;
}

/** What a week's report is cut from: one brand, one ISO week. */
export interface WeekScope {
  readonly brandId: string;
  readonly week: string;
}

type CellKey = Pick<ReportCell, 'campaignId' | 'channel' | 'locale' | 'week'>;

interface CellTally {
  readonly key: CellKey;
  /** Households shown the offer, those who accepted it and those who converted. */
  readonly treated: Set<string>;
  readonly accepted: Set<string>;
  readonly converted: Set<string>;
  /** Control-group households the offer was withheld from, and those who converted anyway. */
  readonly control: Set<string>;
  readonly controlConverted: Set<string>;
  impressions: number;
}

/** A tally with nothing counted yet (a pooled one's channel and locale are placeholders). */
function emptyTally(key: CellKey): CellTally {
  return {
    key,
    treated: new Set(),
    accepted: new Set(),
    converted: new Set(),
    control: new Set(),
    controlConverted: new Set(),
    impressions: 0,
  };
}

/** Whether the record converted within the attribution window of its decision. */
function convertedInWindow(record: OfferLogRecord): boolean {
  if (record.convertedAt === undefined) return false;
  const at = Date.parse(record.at);
  const converted = Date.parse(record.convertedAt);
  return Number.isFinite(at) && converted >= at && converted - at <= ATTRIBUTION_WINDOW_MS;
}

/** Whether an entry belongs to the week's population: the brand's, that week's, measured. */
export function countsFor(scope: WeekScope, { record }: OfferLogEntry): boolean {
  return record.brandId === scope.brandId && record.week === scope.week && record.measured;
}

/**
 * Tallies a week's offer log as it is read (page by page) and gives its cells. Records of
 * another brand or week, or of households that had not granted measurement, are not counted.
 */
export function createWeekTally(scope: WeekScope) {
  const tallies = new Map<string, CellTally>();
  /** The same households per campaign, pooled over channels and locales (for the campaign's lift). */
  const pooled = new Map<string, CellTally>();
  const pooledOf = (campaignId: string): CellTally => {
    let tally = pooled.get(campaignId);
    if (!tally) {
      tally = emptyTally({ campaignId, channel: 'screen', locale: 'en-US', week: scope.week });
      pooled.set(campaignId, tally);
    }
    return tally;
  };
  const tallyOf = (record: OfferLogRecord): CellTally => {
    const key = {
      campaignId: record.campaignId,
      channel: record.channel,
      locale: record.locale,
      week: scope.week,
    };
    const id = JSON.stringify([key.campaignId, key.channel, key.locale]);
    let tally = tallies.get(id);
    if (!tally) {
      tally = emptyTally(key);
      tallies.set(id, tally);
    }
    return tally;
  };

  return {
    /** Counts one entry (ignored when outside the scope, or neither shown nor withheld for the control group). */
    add(entry: OfferLogEntry): void {
      if (!countsFor(scope, entry)) return;
      const { householdId, record } = entry;
      for (const tally of [tallyOf(record), pooledOf(record.campaignId)]) {
        if (record.decision === 'shown') {
          tally.impressions++;
          tally.treated.add(householdId);
          if (record.acceptedAt !== undefined) tally.accepted.add(householdId);
          if (convertedInWindow(record)) tally.converted.add(householdId);
        } else if (record.reason === 'controlGroup') {
          tally.control.add(householdId);
          if (convertedInWindow(record)) tally.controlConverted.add(householdId);
        }
      }
    },
    /** The week's cells, in a stable order (campaign, channel, locale). */
    cells(): ReportCell[] {
      return [...tallies.values()].sort((a, b) => compareKeys(a.key, b.key)).map(cellOf);
    },
    /** Each campaign's lift of the week, pooled over channels and locales, by campaign. */
    lifts(): CampaignLift[] {
      return [...pooled.values()].sort((a, b) => cmp(a.key.campaignId, b.key.campaignId)).map(campaignLiftOf);
    },
  };
}

/** Treated households, and control households never shown the offer, with their conversions. */
function arms(tally: CellTally) {
  // A household both shown and withheld (it moved out of the control group) counts as shown.
  const control = [...tally.control].filter((hid) => !tally.treated.has(hid));
  const controlConverted = control.filter((hid) => tally.controlConverted.has(hid)).length;
  return { households: tally.treated.size, control: control.length, controlConverted };
}

/** A campaign's pooled lift: shown only with enough households on both sides. */
function campaignLiftOf(tally: CellTally): CampaignLift {
  const { campaignId, week } = tally.key;
  const { households, control, controlConverted } = arms(tally);
  if (households < MIN_HOUSEHOLDS_PER_CELL || control < MIN_HOUSEHOLDS_PER_CELL)
    return { campaignId, week, suppressed: true };
  return {
    campaignId,
    week,
    households,
    controlHouseholds: control,
    lift: liftOf(tally.converted.size, households, controlConverted, control),
  };
}

function compareKeys(a: CellKey, b: CellKey): number {
  return (
    a.week.localeCompare(b.week) ||
    cmp(a.campaignId, b.campaignId) ||
    cmp(a.channel, b.channel) ||
    cmp(a.locale, b.locale)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A cell from its tally: suppressed under the threshold; lift only with enough households on both sides. */
function cellOf(tally: CellTally): ReportCell {
  const { key } = tally;
  const { households, control, controlConverted } = arms(tally);
  if (households < MIN_HOUSEHOLDS_PER_CELL) return { ...key, suppressed: true };
  const lift =
    control >= MIN_HOUSEHOLDS_PER_CELL
      ? liftOf(tally.converted.size, households, controlConverted, control)
      : undefined;
  return {
    ...key,
    households,
    impressions: tally.impressions,
    accepted: tally.accepted.size,
    converted: tally.converted.size,
    ...(lift ? { lift } : {}),
  };
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * Lift of the conversion rate, shown against control households: the difference of the rates
 * and its 95% confidence interval by Newcombe's hybrid score method (Wilson intervals of each
 * rate, combined), which stays within [-1, 1] and behaves at rates near 0 or 1, where Wald's
 * interval does not.
 */
export function liftOf(
  treatedConverted: number,
  treated: number,
  controlConverted: number,
  control: number,
): Lift {
  const { difference, low, high } = newcombeDifferenceInterval(
    treatedConverted,
    treated,
    controlConverted,
    control,
  );
  return {
    treatedRate: round(treatedConverted / treated),
    controlRate: round(controlConverted / control),
    difference: round(difference),
    low: round(low),
    high: round(high),
  };
}

/** The cells of a week's entries all at once (what the paged tally gives, for tests and tools). */
export function weekCells(scope: WeekScope, entries: Iterable<OfferLogEntry>): ReportCell[] {
  const tally = createWeekTally(scope);
  for (const entry of entries) tally.add(entry);
  return tally.cells();
}
