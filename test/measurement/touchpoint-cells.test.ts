import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newcombeDifferenceInterval } from '../../src/measurement/proportion-intervals.js';
import { type OfferLogEntry, weekCells } from '../../src/measurement/touchpoint-cells.js';
import { MIN_HOUSEHOLDS_PER_CELL, type ReportCell } from '../../src/measurement/touchpoint-report-schema.js';
import { LOCALES } from '../../src/runtime/locales.js';
import { cellEntries, offerLogRecord } from '../support/offer-log-fixture.js';

const scope = { brandId: 'frostline', week: '2026-W46' };
const AT = '2026-11-11T10:00:00.000Z';
const HOUR = 3600 * 1000;

type Shown = Exclude<ReportCell, { suppressed: true }>;
const isShown = (cell: ReportCell): cell is Shown => !('suppressed' in cell);

describe('a week of the touchpoint report', () => {
  it('counts distinct households, impressions, acceptances and conversions, with lift against the control group', () => {
    const entries = [
      ...cellEntries({
        prefix: 'a',
        treated: 60,
        controls: 55,
        accepted: 30,
        converted: 12,
        controlConverted: 5,
        at: AT,
        week: scope.week,
      }),
      // A second impression to 10 of the same households: impressions grow, households do not.
      ...cellEntries({ prefix: 'a', treated: 10, at: AT, week: scope.week }).map((e) => ({
        ...e,
        record: { ...e.record, offerId: `${e.record.offerId}-again` },
      })),
    ];
    expect(weekCells(scope, entries)).toEqual([
      {
        campaignId: 'winter-soup',
        channel: 'screen',
        locale: 'fr-FR',
        week: '2026-W46',
        households: 60,
        impressions: 70,
        accepted: 30,
        converted: 12,
        lift: expect.objectContaining({ treatedRate: 0.2, controlRate: 0.0909, difference: 0.1091 }),
      },
    ]);
  });

  it('suppresses a cell of fewer than 50 households, and gives no lift with fewer than 50 control households', () => {
    const cells = weekCells(scope, [
      ...cellEntries({ prefix: 'small', treated: 49, controls: 80, converted: 10, at: AT, week: scope.week }),
      ...cellEntries({
        prefix: 'big',
        treated: 50,
        controls: 49,
        converted: 10,
        channel: 'alexa',
        at: AT,
        week: scope.week,
      }),
    ]);
    expect(cells).toEqual([
      expect.objectContaining({ channel: 'alexa', households: 50, converted: 10 }),
      { campaignId: 'winter-soup', channel: 'screen', locale: 'fr-FR', week: '2026-W46', suppressed: true },
    ]);
    expect(cells[0]).not.toHaveProperty('lift');
  });

  it('counts only measured records of the brand and the week, and conversions within 3 days of the offer', () => {
    const base = cellEntries({ prefix: 'm', treated: 50, converted: 50, at: AT, week: scope.week });
    const late = base.map((e, i) =>
      i < 20
        ? { ...e, record: { ...e.record, convertedAt: new Date(Date.parse(AT) + 73 * HOUR).toISOString() } }
        : e,
    );
    const noise = [
      ...cellEntries({ prefix: 'u', treated: 60, measured: false, at: AT, week: scope.week }),
      ...cellEntries({ prefix: 'o', treated: 60, brandId: 'crema', at: AT, week: scope.week }),
      ...cellEntries({ prefix: 'w', treated: 60, at: '2026-11-18T10:00:00.000Z', week: '2026-W47' }),
      // Suppressed by another guard than the control group: neither treated nor control.
      ...cellEntries({
        prefix: 'q',
        treated: 60,
        decision: 'suppressed',
        reason: 'quietHours',
        at: AT,
        week: scope.week,
      }),
    ];
    expect(weekCells(scope, [...late, ...noise])).toEqual([
      expect.objectContaining({ households: 50, converted: 30 }),
    ]);
  });

  it("computes Newcombe's hybrid score interval (his 1998 example: 56/70 - 48/80 is 0.0524 to 0.3339)", () => {
    const { difference, low, high } = newcombeDifferenceInterval(56, 70, 48, 80);
    expect(difference).toBeCloseTo(0.2, 10);
    expect(low).toBeCloseTo(0.0524, 4);
    expect(high).toBeCloseTo(0.3339, 4);
  });
});

// Entries over a small space of keys and households, so that cells cross the threshold both ways.
const entryArb = fc
  .record({
    household: fc.integer({ min: 0, max: 120 }),
    brandId: fc.constantFrom('frostline', 'frostline', 'frostline', 'crema'),
    week: fc.constantFrom('2026-W46', '2026-W46', '2026-W46', '2026-W47'),
    campaignId: fc.constantFrom('winter-soup', 'winter-soup', 'winter-soup', 'espresso'),
    channel: fc.constantFrom('screen', 'screen', 'screen', 'alexa'),
    locale: fc.constantFrom(LOCALES[0], LOCALES[0], LOCALES[0], LOCALES[1]),
    decision: fc.constantFrom('shown', 'shown', 'shown', 'suppressed'),
    reason: fc.constantFrom('controlGroup', 'controlGroup', 'frequencyCap'),
    measured: fc.constantFrom(true, true, true, false),
    accepted: fc.boolean(),
    convertedAfterHours: fc.option(fc.integer({ min: 0, max: 100 })),
    n: fc.nat(),
  })
  .map(
    (e): OfferLogEntry => ({
      householdId: `h${e.household}`,
      record: offerLogRecord({
        offerId: `o${e.household}-${e.n}`,
        brandId: e.brandId,
        week: e.week,
        at: AT,
        campaignId: e.campaignId,
        channel: e.channel,
        locale: e.locale,
        decision: e.decision as 'shown' | 'suppressed',
        ...(e.decision === 'suppressed' ? { reason: e.reason as 'controlGroup' | 'frequencyCap' } : {}),
        measured: e.measured,
        ...(e.accepted && e.decision === 'shown' ? { acceptedAt: AT } : {}),
        ...(e.convertedAfterHours !== null
          ? { convertedAt: new Date(Date.parse(AT) + e.convertedAfterHours * HOUR).toISOString() }
          : {}),
      }),
    }),
  );
const entriesArb = fc.array(entryArb, { minLength: 300, maxLength: 900 });

const keyOf = (c: { campaignId: string; channel: string; locale: string }) =>
  `${c.campaignId}|${c.channel}|${c.locale}`;
const inScope = (e: OfferLogEntry) =>
  e.record.brandId === scope.brandId && e.record.week === scope.week && e.record.measured;

describe('touchpoint cells (properties)', () => {
  it('draws weeks with cells on both sides of the threshold (so that the properties below test both)', () => {
    const samples = fc.sample(entriesArb, 200).map((entries) => weekCells(scope, entries));
    expect(samples.filter((cells) => cells.some(isShown)).length).toBeGreaterThan(20);
    expect(samples.filter((cells) => cells.some((c) => !isShown(c))).length).toBeGreaterThan(20);
  });

  it('never shows a cell of fewer than 50 households, and a suppressed cell carries no figures', () => {
    fc.assert(
      fc.property(entriesArb, (entries) => {
        for (const cell of weekCells(scope, entries)) {
          if (isShown(cell)) {
            expect(cell.households).toBeGreaterThanOrEqual(MIN_HOUSEHOLDS_PER_CELL);
            expect(cell.accepted).toBeLessThanOrEqual(cell.households);
            expect(cell.converted).toBeLessThanOrEqual(cell.households);
            expect(cell.households).toBeLessThanOrEqual(cell.impressions);
          } else {
            expect(Object.keys(cell).sort()).toEqual([
              'campaignId',
              'channel',
              'locale',
              'suppressed',
              'week',
            ]);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('adds up: each shown cell has the distinct households and the impressions of its records, and no cell is missing', () => {
    fc.assert(
      fc.property(entriesArb, (entries) => {
        const shown = entries.filter((e) => inScope(e) && e.record.decision === 'shown');
        const households = new Map<string, Set<string>>();
        const impressions = new Map<string, number>();
        for (const e of shown) {
          const key = keyOf(e.record);
          households.set(key, (households.get(key) ?? new Set()).add(e.householdId));
          impressions.set(key, (impressions.get(key) ?? 0) + 1);
        }
        const cells = weekCells(scope, entries);
        for (const [key, set] of households) {
          const cell = cells.find((c) => keyOf(c) === key);
          expect(cell).toBeDefined();
          if (set.size < MIN_HOUSEHOLDS_PER_CELL) expect(cell).toHaveProperty('suppressed', true);
          else expect(cell).toMatchObject({ households: set.size, impressions: impressions.get(key) });
        }
        const shownTotal = cells.filter(isShown).reduce((sum, c) => sum + c.impressions, 0);
        const expected = [...impressions]
          .filter(([k]) => (households.get(k)?.size ?? 0) >= 50)
          .reduce((s, [, n]) => s + n, 0);
        expect(shownTotal).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('depends only on the population: the order of records and records of other brands, weeks or unmeasured households change nothing', () => {
    fc.assert(
      fc.property(
        entriesArb.chain((entries) =>
          fc.tuple(fc.constant(entries), fc.shuffledSubarray(entries, { minLength: entries.length })),
        ),
        ([entries, shuffled]) => {
          const cells = weekCells(scope, entries);
          expect(weekCells(scope, shuffled)).toEqual(cells);
          expect(weekCells(scope, entries.filter(inScope))).toEqual(cells);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('gives lift only with 50 control households or more, its interval around the difference within [-1, 1]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 50, max: 400 }),
        fc.integer({ min: 0, max: 400 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (treated, control, treatedShare, controlShare) => {
          const converted = Math.floor(treated * treatedShare);
          const controlConverted = Math.floor(control * controlShare);
          const [cell] = weekCells(
            scope,
            cellEntries({
              prefix: 'p',
              treated,
              controls: control,
              converted,
              controlConverted,
              at: AT,
              week: scope.week,
            }),
          );
          if (!cell || !isShown(cell)) throw new Error('expected a shown cell');
          if (control < MIN_HOUSEHOLDS_PER_CELL) {
            expect(cell.lift).toBeUndefined();
            return;
          }
          const lift = cell.lift;
          if (!lift) throw new Error('expected lift');
          expect(lift.low).toBeGreaterThanOrEqual(-1);
          expect(lift.high).toBeLessThanOrEqual(1);
          expect(lift.low).toBeLessThanOrEqual(lift.difference);
          expect(lift.difference).toBeLessThanOrEqual(lift.high);
          expect(lift.treatedRate).toBeCloseTo(converted / treated, 4);
          expect(lift.controlRate).toBeCloseTo(controlConverted / control, 4);
        },
      ),
      { numRuns: 200 },
    );
  });
});
