/**
 * The global control group (issue 12, guard 6): a stable share of households that gets no
 * campaign offers, so that brands' reports can measure lift against it. Membership is a hash
 * bucket of the household id: the same on every instance and every turn, with nothing stored,
 * and independent of anything the household said or did. Reorder proposals are a service and
 * are never withheld; the demo's households are never in the group (their offers must show).
 */
import { createHash } from 'node:crypto';

/** How many buckets households are spread over: a share is counted in hundredths of a percent. */
export const CONTROL_BUCKETS = 10_000;

/** The default share of households in the control group (5%). */
export const DEFAULT_CONTROL_SHARE = 0.05;

/** The household's bucket in [0, CONTROL_BUCKETS): the first 32 bits of SHA-256 of its id, modulo the buckets. */
export function controlBucket(householdId: string): number {
  return createHash('sha256').update(householdId, 'utf8').digest().readUInt32BE(0) % CONTROL_BUCKETS;
}

/** Whether the household id falls in the control group of `share` (0 to 1) of the households. */
export function inControlGroup(householdId: string, share: number = DEFAULT_CONTROL_SHARE): boolean {
  return controlBucket(householdId) < Math.round(share * CONTROL_BUCKETS);
}

/** Whether a household is in the control group: never a demo household (`demo: true` on its record). */
export function householdInControlGroup(
  household: { id: string; demo?: boolean | undefined },
  share: number = DEFAULT_CONTROL_SHARE,
): boolean {
  return household.demo !== true && inControlGroup(household.id, share);
}

/**
 * The A/B variant of a campaign a household gets: stable per household and campaign,
 * weighted (`weight` in percent, summing to 100).
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
