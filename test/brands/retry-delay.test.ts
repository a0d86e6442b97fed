import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { RETRY_BASE_MS, RETRY_CAP_MS, retryDelayMs } from '../../src/brands/retry-delay.js';

describe('retryDelayMs: exponential backoff with full jitter', () => {
  it('draws from 0 up to the base after the first attempt, doubling after each one', () => {
    const top = (attempts: number) => retryDelayMs(attempts, { random: () => 0.999999 });
    expect(retryDelayMs(1, { random: () => 0 })).toBe(0);
    expect(top(1)).toBe(RETRY_BASE_MS - 1);
    expect(top(2)).toBe(2 * RETRY_BASE_MS - 1);
    expect(top(3)).toBe(4 * RETRY_BASE_MS - 1);
    expect(retryDelayMs(4, { random: () => 0.5 })).toBe(4 * RETRY_BASE_MS);
  });

  it('never waits longer than the cap, however many attempts failed', () => {
    const top = (attempts: number) => retryDelayMs(attempts, { random: () => 0.999999 });
    expect(top(9)).toBe(Math.floor(0.999999 * Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** 8)));
    expect(top(10)).toBe(Math.floor(0.999999 * RETRY_CAP_MS));
    expect(top(10_000)).toBe(Math.floor(0.999999 * RETRY_CAP_MS));
  });

  test.prop([
    fc.integer({ min: 1, max: 500 }),
    fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  ])('stays within [0, min(cap, base × 2^(attempts − 1)))', (attempts, draw) => {
    const delay = retryDelayMs(attempts, { random: () => draw });
    expect(delay).toBeGreaterThanOrEqual(0);
    expect(delay).toBeLessThan(Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** (attempts - 1)));
    expect(Number.isInteger(delay)).toBe(true);
  });

  test.prop([fc.integer({ min: 1, max: 60 })])(
    'the ceiling grows with the attempts until the cap',
    (attempts) => {
      const ceiling = (n: number) => retryDelayMs(n, { random: () => 0.999999 });
      expect(ceiling(attempts + 1)).toBeGreaterThanOrEqual(ceiling(attempts));
    },
  );
});
