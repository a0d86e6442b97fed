import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ATTRIBUTION_WINDOW_MS,
  isReportable,
  latestReportableWeek,
  reportableAt,
} from '../../src/measurement/reportable-weeks.js';
import {
  addIsoWeeks,
  isoWeekEnd,
  isoWeekOf,
  isoWeekStart,
  isoWeeksBetween,
  parseIsoWeek,
} from '../../src/offers/iso-week.js';

const instants = fc.date({
  min: new Date('1990-01-01T00:00:00Z'),
  max: new Date('2090-12-31T23:59:59Z'),
  noInvalidDate: true,
});

describe('ISO weeks (UTC)', () => {
  it.each([
    ['2026-11-20T09:00:00.000Z', '2026-W47'],
    ['2026-11-23T00:00:00.000Z', '2026-W48'],
    ['2026-11-22T23:59:59.999Z', '2026-W47'],
    ['2021-01-03T12:00:00.000Z', '2020-W53'],
    ['2024-12-30T00:00:00.000Z', '2025-W01'],
    ['2027-01-01T00:00:00.000Z', '2026-W53'],
  ])('puts %s in %s', (instant, week) => {
    expect(isoWeekOf(new Date(instant))).toBe(week);
  });

  it('starts a week on Monday 00:00 UTC and ends it 7 days later', () => {
    expect(isoWeekStart('2026-W48').toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(isoWeekEnd('2026-W48').toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(isoWeekStart('2020-W53').toISOString()).toBe('2020-12-28T00:00:00.000Z');
  });

  it.each(['2026-W48', '2020-W53', '2026-W53', '2026-W01'])('accepts the week %s', (week) => {
    expect(parseIsoWeek(week)).toBe(week);
  });

  it.each(['2025-W53', '2026-W54', '2026-W00', '2026-48', '2026-w48', '26-W48', ' 2026-W48', '2026-W4', ''])(
    'refuses %j',
    (text) => {
      expect(parseIsoWeek(text)).toBeUndefined();
    },
  );

  it('holds every instant between the start and the end of its week', () => {
    fc.assert(
      fc.property(instants, (instant) => {
        const week = isoWeekOf(instant);
        expect(parseIsoWeek(week)).toBe(week);
        expect(isoWeekStart(week).getTime()).toBeLessThanOrEqual(instant.getTime());
        expect(isoWeekEnd(week).getTime()).toBeGreaterThan(instant.getTime());
        expect(isoWeekOf(isoWeekStart(week))).toBe(week);
        expect(addIsoWeeks(addIsoWeeks(week, 1), -1)).toBe(week);
      }),
    );
  });

  it('lists the weeks between two instants, each once, consecutive and in order', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 0, max: 400 * 24 * 3600 * 1000 }), (from, span) => {
        const to = new Date(from.getTime() + span);
        const weeks = isoWeeksBetween(from, to);
        expect(weeks[0]).toBe(isoWeekOf(from));
        expect(weeks.at(-1)).toBe(isoWeekOf(to));
        for (let i = 1; i < weeks.length; i++) expect(weeks[i]).toBe(addIsoWeeks(weeks[i - 1] as string, 1));
        expect([...weeks].sort()).toEqual(weeks);
      }),
    );
    expect(isoWeeksBetween(new Date('2026-11-20T00:00:00Z'), new Date('2026-11-19T00:00:00Z'))).toEqual([]);
  });
});

describe('reportable weeks', () => {
  it('reports a week from Thursday 00:00 UTC after it: its end plus the 3-day attribution window', () => {
    expect(ATTRIBUTION_WINDOW_MS).toBe(3 * 24 * 3600 * 1000);
    expect(reportableAt('2026-W47').toISOString()).toBe('2026-11-26T00:00:00.000Z');
    expect(isReportable('2026-W47', new Date('2026-11-25T23:59:59.999Z'))).toBe(false);
    expect(isReportable('2026-W47', new Date('2026-11-26T00:00:00.000Z'))).toBe(true);
    expect(latestReportableWeek(new Date('2026-11-20T09:00:00Z'))).toBe('2026-W46');
    expect(latestReportableWeek(new Date('2026-11-26T00:00:00Z'))).toBe('2026-W47');
  });

  it('the latest reportable week is reportable and the week after it is not, at any instant', () => {
    fc.assert(
      fc.property(instants, (now) => {
        const latest = latestReportableWeek(now);
        expect(isReportable(latest, now)).toBe(true);
        expect(isReportable(addIsoWeeks(latest, 1), now)).toBe(false);
        // The open week is never reportable.
        expect(isReportable(isoWeekOf(now), now)).toBe(false);
      }),
    );
  });
});
