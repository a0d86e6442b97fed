import type { HouseholdRecord } from '../household/household-record.js';
import type { ConsentGate, Purpose } from '../runtime/consent-gate.js';
import { grantedPurposes } from './consent-rules.js';
import { consentStateOf } from './record-choice.js';

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
 * The policy of the service: a purpose is granted when the household's
 * current state (the replay of its consent ledger, on the household document)
 * holds a grant on the purpose's current notice version, for the asking
 * skill's brand where the purpose is per brand, and for offers only while the
 * household does not object to marketing. Nothing is cached: the state comes
 * from the read the request makes, so a withdrawal holds from the next request
 * on, on every instance.
 */
export const ledgerPolicy: ConsentPolicy = (household, { brandId, purposes }) =>
  grantedPurposes(consentStateOf(household), brandId, purposes);

/**
 * Grants nothing and reads no context: tests of the non-personal paths, and
 * tools that must never see household data.
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
