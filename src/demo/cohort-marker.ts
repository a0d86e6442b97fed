import { z } from 'zod';

/** Where the synthetic cohort remembers what it seeded (`hearth seed --cohort`). */
export const COHORT_MARKER_PATH = 'meta/cohort';

/**
 * `meta/cohort`: the seed the cohort was made from and how many households it has
 * (`hh_cohort_000001` to its size). A run adds the households it lacks, with the same
 * seed only; `hearth seed --reset` deletes them by these ids, and nothing else.
 */
export const cohortMarkerSchema = z.object({
  seed: z.string().min(1).max(100),
  size: z.number().int().min(0),
  seededAt: z.string(),
});
export type CohortMarker = z.infer<typeof cohortMarkerSchema>;
