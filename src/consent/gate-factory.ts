import { type ConsentGate, noConsentGate } from '../runtime/consent-gate.js';

/** Who is asking: the household, and the brand whose skill or device asks (offers and measurement are per brand). */
export interface GateRequest {
  householdId: string;
  brandId: string;
}

/** Makes the consent gate for one household and brand; routes and channels never read context any other way. */
export type ConsentGateFactory = (request: GateRequest) => ConsentGate;

/**
 * Until the consent work lands nothing is granted: every turn is non-personal
 * and every personal device event is discarded. Tests may pass their own
 * factory to exercise the personal paths; production has only this one.
 */
export const grantNothing: ConsentGateFactory = () => noConsentGate;
