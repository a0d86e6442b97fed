/**
 * A campaign's eligibility, evaluated on the consented context the turn read and the domain
 * events its handler raised. Each condition reads one purpose: the guards make sure it is
 * granted before this runs.
 */
import { localDay } from '../household/device-events/local-day.js';
import type { ContextDocuments } from '../runtime/consent-gate.js';
import type { OfferEvent } from '../runtime/offer-port.js';
import type { EligibilityCondition } from './campaign-schema.js';

type Facts = {
  documents: Partial<ContextDocuments>;
  events: readonly OfferEvent[];
  now: Date;
  timeZone: string;
};

function holds(condition: EligibilityCondition, { documents, events, now, timeZone }: Facts): boolean {
  if ('drinksVariety' in condition)
    return documents.consumption?.capsules[condition.drinksVariety] !== undefined;
  if ('belowReorderPoint' in condition) return events.some((e) => e.event === 'belowReorderPoint');
  const today = localDay(now, timeZone);
  const fresh = (id: string) =>
    documents.inventory?.items.some(
      (item) => item.ingredient === id && (!item.expiresOn || item.expiresOn >= today),
    ) ?? false;
  if ('hasIngredient' in condition) return fresh(condition.hasIngredient);
  // Missing: named by the recipe the household is looking at, or simply not in the fridge.
  const named = events.some(
    (e) => e.event === 'ingredientMissing' && e.ingredient === condition.missingIngredient,
  );
  return named || (documents.inventory !== undefined && !fresh(condition.missingIngredient));
}

/** Whether every condition holds. */
export function isEligible(conditions: readonly EligibilityCondition[], facts: Facts): boolean {
  return conditions.every((c) => holds(c, facts));
}
