/** The cohort's randomness: a small seeded generator, so that a seed always gives the same households. */
import { createHash } from 'node:crypto';

/** A generator of numbers in [0, 1) (mulberry32), seeded from SHA-256 of `parts`. */
export type Random = () => number;

export function seededRandom(...parts: (string | number)[]): Random {
  let state = createHash('sha256').update(parts.join('\u0000'), 'utf8').digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** True with probability `p`. */
export const chance = (random: Random, p: number): boolean => random() < p;

/** An integer in [min, max]. */
export const between = (random: Random, min: number, max: number): number =>
  min + Math.floor(random() * (max - min + 1));

/** One of `items`, each with its weight. */
export function weighted<T>(random: Random, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let pick = random() * total;
  for (const [item, w] of items) {
    pick -= w;
    if (pick < 0) return item;
  }
  const last = items.at(-1);
  if (!last) throw new Error('weighted: no items');
  return last[0];
}
