import { describe, expect, it } from 'vitest';
import {
  describeProposal,
  formatPrice,
  formatWeekday,
} from '../../../src/domains/capsules/proposal-format.js';

/** Intl puts (narrow) no-break spaces before a trailing currency sign: compare with plain spaces. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatPrice', () => {
  it.each([
    ['fr-FR', 2150, 'EUR', '21,50 €'],
    ['de-DE', 2150, 'EUR', '21,50 €'],
    ['es-ES', 2090, 'EUR', '20,90 €'],
    ['it-IT', 2090, 'EUR', '20,90 €'],
    ['en-GB', 1800, 'GBP', '£18.00'],
    ['en-US', 2400, 'USD', '$24.00'],
    ['fr-CA', 3200, 'CAD', '32,00 $'],
  ])('%s: %i %s -> %s', (locale, minor, currency, expected) => {
    expect(plain(formatPrice(minor, currency, locale))).toBe(expected);
  });

  it('reads minor units with the currency’s own digits', () => {
    expect(formatPrice(1800, 'JPY', 'en-US')).toBe('¥1,800');
  });
});

describe('formatWeekday', () => {
  it.each([
    ['fr-FR', 'jeudi'],
    ['de-DE', 'Donnerstag'],
    ['en-US', 'Thursday'],
    ['es-ES', 'jueves'],
    ['it-IT', 'giovedì'],
  ])('%s', (locale, weekday) => {
    expect(formatWeekday('2026-11-26', locale)).toBe(weekday);
  });
});

describe('describeProposal', () => {
  it('gives the total and the delivery day in the locale', () => {
    const words = describeProposal(
      {
        brandId: 'crema',
        variety: 'ristretto',
        boxes: 1,
        capsules: 50,
        totalMinor: 2150,
        currency: 'EUR',
        market: 'DE',
        seller: 'Crema',
        deliveryOn: '2026-11-26',
        stockLeft: 9,
        daysLeft: 3,
      },
      'de-DE',
    );
    expect({ ...words, total: plain(words.total) }).toEqual({
      total: '21,50 €',
      deliveryWeekday: 'Donnerstag',
      deliveryDate: '26. November',
    });
  });
});
