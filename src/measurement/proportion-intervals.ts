/** Confidence intervals of proportions and of their difference (95%). */

/** The normal quantile of a two-sided 95% interval. */
const Z95 = 1.959963984540054;

/** Wilson's score interval of `successes` out of `n` (n > 0), within [0, 1]. */
export function wilsonInterval(successes: number, n: number, z = Z95): { low: number; high: number } {
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Newcombe's hybrid score interval (1998, method 10) of p1 - p2, for x1 of n1 and x2 of n2
 * (both n > 0): the difference, and bounds built from each proportion's Wilson interval.
 */
export function newcombeDifferenceInterval(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
): { difference: number; low: number; high: number } {
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const a = wilsonInterval(x1, n1);
  const b = wilsonInterval(x2, n2);
  const difference = p1 - p2;
  return {
    difference,
    low: Math.max(-1, difference - Math.sqrt((p1 - a.low) ** 2 + (b.high - p2) ** 2)),
    high: Math.min(1, difference + Math.sqrt((a.high - p1) ** 2 + (p2 - b.low) ** 2)),
  };
}
