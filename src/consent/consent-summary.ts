/**
 * A household's consent state as DESIGN.md's demo.json shows it: every purpose
 * granted now or not, per brand for offers and measurement.
 */
import { PURPOSES, type Purpose } from '../runtime/consent-gate.js';
import { type ConsentState, isGranted, isPerBrand } from './consent-rules.js';

export type ConsentSummary = Partial<Record<Purpose, boolean | Record<string, boolean>>>;

export function consentSummary(state: ConsentState, brandIds: readonly string[]): ConsentSummary {
  const summary: ConsentSummary = {};
  for (const purpose of PURPOSES) {
    summary[purpose] = isPerBrand(purpose)
      ? Object.fromEntries(brandIds.map((b) => [b, isGranted(state, purpose, b)]))
      : isGranted(state, purpose, '');
  }
  return summary;
}
