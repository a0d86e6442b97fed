/** Small statistics of the benchmarks: medians, percentiles and ratios measured in rounds. */

/** The middle value (the mean of the two middle ones for an even count); throws for no values. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] as number) + upper) / 2;
}

/** The p-th percentile (0 < p <= 100) by nearest rank: a value that was really observed. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of no values');
  if (!(p > 0 && p <= 100)) throw new Error(`percentile ${p} is outside (0, 100]`);
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1] as number;
}

/**
 * The median over rounds of `numerators[i] / denominators[i]`: each ratio compares two runs of
 * the same round, so a change of machine load between rounds cancels out instead of skewing it.
 */
export function pairwiseMedianRatio(numerators: readonly number[], denominators: readonly number[]): number {
  if (numerators.length !== denominators.length) {
    throw new Error(`${numerators.length} numerators for ${denominators.length} denominators`);
  }
  return median(
    numerators.map((n, i) => {
      const d = denominators[i] as number;
      if (!(d > 0)) throw new Error(`round ${i + 1}: denominator ${d} is not positive`);
      return n / d;
    }),
  );
}

/** Rounds to `digits` decimals, for figures that carry no more precision than that. */
export function rounded(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
