import { describe, expect, it } from 'vitest';
import { median, pairwiseMedianRatio, percentile, rounded } from '../../bench/stats.js';

describe('bench statistics', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow(/no values/);
  });

  it('answers percentiles by nearest rank, always an observed value', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 .. 1, unsorted
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(() => percentile(values, 0)).toThrow(/outside/);
    expect(() => percentile([], 50)).toThrow(/no values/);
  });

  it('compares runs within a round, so a round on a busier machine does not skew the ratio', () => {
    // Round 2 ran with the machine twice as busy: both servers halved, the ratio held.
    expect(pairwiseMedianRatio([1000, 500, 1100], [2000, 1000, 2000])).toBe(0.5);
    // Ratio of the medians would say 1000 / 2000 as well here, but not when one round is an outlier:
    expect(pairwiseMedianRatio([1000, 400, 1000], [2000, 2000, 2000])).toBe(0.5);
  });

  it('refuses rounds that do not pair up or a zero denominator', () => {
    expect(() => pairwiseMedianRatio([1, 2], [1])).toThrow(/2 numerators for 1/);
    expect(() => pairwiseMedianRatio([1], [0])).toThrow(/round 1/);
  });

  it('rounds to a number of decimals', () => {
    expect(rounded(1.23456)).toBe(1.23);
    expect(rounded(1.23456, 3)).toBe(1.235);
  });
});
