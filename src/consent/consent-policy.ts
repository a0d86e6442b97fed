import type { HouseholdRecord } from '../household/household-record.js';
import type { ConsentGate, Purpose } from '../runtime/consent-gate.js';

/** Who is asking: the brand whose skill or device asks (offers and measurement are granted per brand). */
export interface ConsentRequest {
  brandId: string;
  purposes: readonly Purpose[];
}

/**
 * Decides which of the asked purposes a household has granted now, from its
 * household document alone (the consent state lives there, so deciding costs
 * no read of its own). Routes and channels never read context any other way.
 */
export type ConsentPolicy = ((household: HouseholdRecord, request: ConsentRequest) => Purpose[]) & {
  /** Says so when it never grants anything, so that no context document is read at all. */
  readonly grantsNothing?: true;
};

/**
 * Until the consent work lands nothing is granted: every turn is non-personal
 * and every personal device event is discarded. Tests may pass their own
 * policy to exercise the personal paths; production has only this one.
 */
export const grantNothing: ConsentPolicy = Object.assign((): Purpose[] => [], {
  grantsNothing: true as const,
});

/** A gate that only decides (no documents): for writers such as device events, which read inside their transaction. */
export function decidingGate(
  policy: ConsentPolicy,
  household: HouseholdRecord,
  brandId: string,
): ConsentGate {
  return {
    async read(purposes) {
      const granted = policy(household, { brandId, purposes }).filter((p) => purposes.includes(p));
      return { granted, documents: {} };
    },
  };
}
