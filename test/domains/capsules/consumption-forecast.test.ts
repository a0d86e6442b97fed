import { fc } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  type CapsuleForecast,
  expectedThrough,
  forecastVariety,
  weekdayFactors,
} from '../../../src/domains/capsules/consumption-forecast.js';
import { reorderStatus } from '../../../src/domains/capsules/reorder-point.js';
import type { CapsuleStock } from '../../../src/household/context-documents.js';
import { addDays } from '../../../src/household/device-events/local-day.js';

// Friday 20 November 2026, 10:00 in Berlin.
const NOW = new Date('2026-11-20T09:00:00.000Z');
const TODAY = '2026-11-20';
const TZ = 'Europe/Berlin';

/** A variety with `days` completed days of history, brewing `perDay(day)` capsules each. */
function history(
  stock: number,
  days: number,
  brewedOn: (day: string, index: number) => number,
  today = TODAY,
): CapsuleStock {
  const entries = Array.from({ length: days }, (_, i) => addDays(today, -days + i)).map(
    (day, i) => [day, { brewed: brewedOn(day, i), delivered: 0 }] as const,
  );
  const brewed = entries.reduce((sum, [, d]) => sum + d.brewed, 0);
  return {
    stock,
    perDay: 0,
    updatedAt: NOW.toISOString(),
    since: addDays(today, -days),
    baseline: stock + brewed,
    days: Object.fromEntries(entries),
  };
}

const forecast = (entry: CapsuleStock, now = NOW, timeZone = TZ) =>
  forecastVariety('ristretto', entry, now, timeZone) as CapsuleForecast;

describe('forecastVariety', () => {
  it('is undefined for a variety the household does not have', () => {
    expect(forecastVariety('ristretto', undefined, NOW, TZ)).toBeUndefined();
  });

  it('uses the stored prior pace, flat, while no day of history is complete', () => {
    const f = forecast({ stock: 8, perDay: 2, updatedAt: NOW.toISOString() });
    expect(f).toMatchObject({ perDay: 2, daysObserved: 0, weekdayFactors: [1, 1, 1, 1, 1, 1, 1] });
    // 2 more today, then 2 a day: the 8th capsule is brewed on day 3.
    expect(f).toMatchObject({ daysLeft: 3, exhaustionOn: '2026-11-23' });
  });

  it('reads a steady pace exactly, and says when it runs out counting what was brewed today', () => {
    const entry = history(8, 28, () => 2);
    expect(forecast(entry)).toMatchObject({ perDay: 2, daysObserved: 28, daysLeft: 3 });
    entry.days![TODAY] = { brewed: 2, delivered: 0 };
    expect(forecast(entry)).toMatchObject({ brewedToday: 2, daysLeft: 4 });
  });

  it('learns a weekend habit: more expected on Saturdays, less on weekdays, the same week in total', () => {
    const entry = history(100, 42, (day) =>
      [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay()) ? 5 : 1,
    );
    const f = forecast(entry);
    // 15 a week; within a few percent (the shrunk factors and the recency weights leave some).
    expect(Math.abs(f.perDay - 15 / 7) / (15 / 7)).toBeLessThan(0.05);
    expect(f.weekdayFactors[6]).toBeGreaterThan(1.5);
    expect(f.weekdayFactors[3]).toBeLessThan(0.7);
    const week = f.weekdayFactors.reduce((a, b) => a + b, 0);
    expect(week).toBeCloseTo(7, 9);
  });

  it('shrinks the weekday pattern of a short history toward flat', () => {
    const observed = (days: number) =>
      Array.from({ length: days }, (_, i) => addDays(TODAY, -days + i)).map((day) => ({
        day,
        count: new Date(`${day}T00:00:00Z`).getUTCDay() === 6 ? 6 : 1,
      }));
    const short = weekdayFactors(observed(7))[6]!;
    const long = weekdayFactors(observed(42))[6]!;
    expect(short).toBeGreaterThan(1);
    expect(long).toBeGreaterThan(short);
  });

  it('follows a change of habit within two weeks (exponential weights, half-life 7 days)', () => {
    const entry = history(50, 42, (day) => (day >= addDays(TODAY, -14) ? 4 : 1));
    const f = forecast(entry);
    expect(f.perDay).toBeGreaterThan(2.5);
    expect(f.perDay).toBeLessThan(4);
  });

  it('counts days in the household time zone', () => {
    // 23:30 UTC on the 19th is already the 20th in Berlin, still the 19th in New York.
    const late = new Date('2026-11-19T23:30:00.000Z');
    expect(
      forecast(
        history(8, 7, () => 2),
        late,
        'Europe/Berlin',
      ).today,
    ).toBe('2026-11-20');
    expect(
      forecast(
        history(8, 7, () => 2),
        late,
        'America/New_York',
      ).today,
    ).toBe('2026-11-19');
  });

  it('says nothing of exhaustion for a variety nobody brews, and today for an empty stock', () => {
    expect(forecast(history(8, 14, () => 0))).toMatchObject({ perDay: 0, exhaustionOn: undefined });
    expect(forecast(history(0, 14, () => 2))).toMatchObject({ daysLeft: 0, exhaustionOn: TODAY });
  });

  const entries = fc
    .record({
      stock: fc.integer({ min: 0, max: 500 }),
      counts: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 0, maxLength: 42 }),
      prior: fc.double({ min: 0, max: 10, noNaN: true }),
      hour: fc.integer({ min: 0, max: 23 }),
    })
    .map(({ stock, counts, prior, hour }) => {
      const entry = history(stock, counts.length, (_, i) => counts[i] ?? 0);
      return { entry: { ...entry, perDay: prior }, now: new Date(Date.UTC(2026, 10, 20, hour)) };
    });

  it('never predicts a negative pace, factors or days left', () => {
    fc.assert(
      fc.property(entries, ({ entry, now }) => {
        const f = forecast(entry, now);
        expect(f.perDay).toBeGreaterThanOrEqual(0);
        expect(f.weekdayFactors.every((w) => w > 0)).toBe(true);
        if (f.daysLeft !== undefined) expect(f.daysLeft).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('lasts at least as long, and stands no lower against the reorder point, with more stock', () => {
    fc.assert(
      fc.property(entries, fc.integer({ min: 1, max: 100 }), ({ entry, now }, more) => {
        const less = forecast(entry, now);
        const richer = forecast({ ...entry, stock: entry.stock + more }, now);
        if (less.daysLeft !== undefined && richer.daysLeft !== undefined)
          expect(richer.daysLeft).toBeGreaterThanOrEqual(less.daysLeft);
        if (less.daysLeft === undefined) expect(richer.daysLeft).toBeUndefined();
        const terms = { leadTimeDays: 3, safetyDays: 2 };
        if (!reorderStatus(less, terms).belowReorderPoint)
          expect(reorderStatus(richer, terms).belowReorderPoint).toBe(false);
        expect(reorderStatus(richer, terms).reorderPoint).toBe(reorderStatus(less, terms).reorderPoint);
      }),
    );
  });

  it('expects more the longer the horizon', () => {
    fc.assert(
      fc.property(entries, fc.integer({ min: 0, max: 30 }), ({ entry, now }, days) => {
        const f = forecast(entry, now);
        expect(expectedThrough(f, days + 1)).toBeGreaterThanOrEqual(expectedThrough(f, days));
      }),
    );
  });
});
