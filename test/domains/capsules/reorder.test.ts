import { describe, expect, it } from 'vitest';
import { loadCapsuleCatalog } from '../../../src/domains/capsules/capsule-catalog.js';
import { type CapsuleForecast, forecastVariety } from '../../../src/domains/capsules/consumption-forecast.js';
import { marketOfLocale } from '../../../src/domains/capsules/market.js';
import {
  cheapestBoxes,
  proposeReorder,
  quoteReorder,
} from '../../../src/domains/capsules/propose-reorder.js';
import { addWorkingDays, reorderStatus } from '../../../src/domains/capsules/reorder-point.js';

const catalog = loadCapsuleCatalog();
// Friday 20 November 2026, 10:00 in Berlin.
const NOW = new Date('2026-11-20T09:00:00.000Z');
const TZ = 'Europe/Berlin';
const steady = (stock: number, perDay: number, variety = 'ristretto') =>
  forecastVariety(variety, { stock, perDay, updatedAt: NOW.toISOString() }, NOW, TZ) as CapsuleForecast;

describe('addWorkingDays', () => {
  it('skips Saturdays and Sundays', () => {
    expect(addWorkingDays('2026-11-20', 0)).toBe('2026-11-20');
    expect(addWorkingDays('2026-11-20', 1)).toBe('2026-11-23'); // Friday -> Monday
    expect(addWorkingDays('2026-11-20', 3)).toBe('2026-11-25');
    expect(addWorkingDays('2026-11-21', 1)).toBe('2026-11-23'); // Saturday -> Monday
    expect(addWorkingDays('2026-11-16', 5)).toBe('2026-11-23');
  });
});

describe('reorderStatus', () => {
  it('puts the point at what is brewed until the box arrives plus the safety days', () => {
    // DE: 3 working days (Wednesday 25th, 5 days away) + 2 safety days = 7 days, and the rest of today.
    expect(reorderStatus(steady(8, 2), catalog.markets.DE!)).toEqual({
      reorderPoint: 16,
      belowReorderPoint: true,
      deliveryOn: '2026-11-25',
    });
    expect(reorderStatus(steady(16, 2), catalog.markets.DE!).belowReorderPoint).toBe(false);
    expect(reorderStatus(steady(15, 2), catalog.markets.DE!).belowReorderPoint).toBe(true);
  });

  it('never puts a variety nobody brews below its point', () => {
    expect(reorderStatus(steady(0, 0), catalog.markets.FR!)).toMatchObject({
      reorderPoint: 0,
      belowReorderPoint: false,
    });
  });
});

describe('marketOfLocale', () => {
  it.each([
    ['fr-FR', 'FR'],
    ['en-US', 'US'],
    ['en-GB', 'GB'],
    ['fr-CA', 'CA'],
    ['de-DE', 'DE'],
    ['es-ES', 'ES'],
    ['it-IT', 'IT'],
    ['fr', undefined],
  ])('%s -> %s', (locale, market) => expect(marketOfLocale(locale)).toBe(market));
});

describe('cheapestBoxes', () => {
  const boxes = catalog.varieties.find((v) => v.id === 'ristretto')!.boxes;
  it('covers the quantity at the lowest total, then with the fewest capsules', () => {
    expect(cheapestBoxes(boxes, 'DE', 50)).toEqual({ size: 50, boxes: 1, totalMinor: 2150 });
    expect(cheapestBoxes(boxes, 'DE', 20)).toEqual({ size: 10, boxes: 2, totalMinor: 1180 });
    expect(cheapestBoxes(boxes, 'GB', 100)).toEqual({ size: 50, boxes: 2, totalMinor: 3600 });
    expect(cheapestBoxes(boxes, 'JP', 10)).toBeUndefined();
  });
});

describe('proposeReorder', () => {
  it('proposes the usual quantity below the reorder point, priced and dated for the market', () => {
    expect(proposeReorder({ catalog, forecast: steady(8, 2), market: 'DE', usualQuantity: 50 })).toEqual({
      brandId: 'crema',
      variety: 'ristretto',
      boxes: 1,
      capsules: 50,
      totalMinor: 2150,
      currency: 'EUR',
      market: 'DE',
      seller: 'Crema',
      deliveryOn: '2026-11-25',
      stockLeft: 8,
      daysLeft: 3,
    });
  });

  it('proposes about a month of the pace in the best-value box without a usual order', () => {
    // 60 capsules a month: one box of 50 at $0.48 a capsule rather than six of 10 at $0.65.
    expect(proposeReorder({ catalog, forecast: steady(3, 2), market: 'US' })).toMatchObject({
      boxes: 1,
      capsules: 50,
      totalMinor: 2400,
      currency: 'USD',
      deliveryOn: '2026-11-26',
    });
  });

  it('proposes nothing above the point, for an unknown variety or market, or without a forecast', () => {
    expect(proposeReorder({ catalog, forecast: steady(40, 2), market: 'DE' })).toBeUndefined();
    expect(proposeReorder({ catalog, forecast: steady(1, 2, 'caramel'), market: 'DE' })).toBeUndefined();
    expect(proposeReorder({ catalog, forecast: steady(1, 2), market: 'JP' })).toBeUndefined();
    expect(proposeReorder({ catalog, forecast: steady(1, 2), market: undefined })).toBeUndefined();
    expect(proposeReorder({ catalog, forecast: undefined, market: 'DE' })).toBeUndefined();
  });
});

describe('quoteReorder', () => {
  it('quotes what the household asks for whatever its stock, and without its consumption', () => {
    expect(
      quoteReorder({ catalog, variety: 'lungo', market: 'FR', quantity: 30, today: '2026-11-20' }),
    ).toMatchObject({ boxes: 3, capsules: 30, totalMinor: 1770, deliveryOn: '2026-11-24', stockLeft: 0 });
    // Neither a quantity nor a pace: one box, the best value.
    expect(quoteReorder({ catalog, variety: 'lungo', market: 'FR', today: '2026-11-20' })).toMatchObject({
      boxes: 1,
      capsules: 50,
    });
    // 8 a day: 240 a month, five boxes of 50.
    expect(proposeReorder({ catalog, forecast: steady(30, 8), market: 'FR' })).toMatchObject({
      boxes: 5,
      capsules: 250,
    });
  });
});
