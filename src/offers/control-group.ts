/**
 * The global control group: households whose stable hash bucket falls under the control
 * share get no campaign offers, so that reports can measure lift against them. The bucket is
 * a SHA-256 of the household id, so a household stays in or out for good (until the share
 * changes), on every instance. Reorder proposals are a service and never withheld.
 */
import { createHash } from 'node:crypto';

/** Buckets a share is counted in: 0.05 is buckets 0 to 499. */
export const BUCKETS = 10_000;

/** The household's bucket, in [0, BUCKETS). */
export function controlBucket(householdId: string): number {
  return createHash('sha256').update(`control:${householdId}`).digest().readUInt32BE(0) % BUCKETS;
}

/** Whether the household is in the control group of the given share. */
export function inControlGroup(householdId: string, share = 0.05): boolean {
  return controlBucket(householdId) < Math.round(share * BUCKETS);
}

/**
 * The A/B variant of a campaign a household gets: stable per household and campaign,
 * weighted (`weights` in percent, summing to 100).
 */
export function assignVariant<V extends { id: string; weight: number }>(
  householdId: string,
  campaignId: string,
  variants: readonly V[],
): V | undefined {
  if (variants.length === 0) return undefined;
  const point =
    createHash('sha256').update(`variant:${campaignId}:${householdId}`).digest().readUInt32BE(0) % 100;
  let upTo = 0;
  for (const variant of variants) {
    upTo += variant.weight;
    if (point < upTo) return variant;
  }
  return variants.at(-1);
}
