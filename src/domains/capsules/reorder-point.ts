/**
 * When to reorder: early enough that a new box arrives before the last capsule is brewed
 * (Nespresso's patent, FIELD-NOTES Replenishment). The reorder point is what the household
 * is expected to brew from now until the box arrives (the market's lead time, in working
 * days) plus the market's safety days; the variety is below it when fewer capsules are left.
 */
import { addDays, daysBetween, weekdayOf } from '../../household/device-events/local-day.js';
import type { CapsuleCatalog } from './capsule-catalog-schema.js';
import { type CapsuleForecast, expectedThrough } from './consumption-forecast.js';

/** A market's delivery promise, as the catalog states it. */
export type MarketTerms = Pick<CapsuleCatalog['markets'][string], 'leadTimeDays' | 'safetyDays'>;

export interface ReorderStatus {
  /** Capsules expected to be brewed until the box arrives, plus the safety days. */
  reorderPoint: number;
  belowReorderPoint: boolean;
  /** The day a box ordered today arrives (household's time zone). */
  deliveryOn: string;
}

const isWeekend = (day: string) => {
  const weekday = weekdayOf(day);
  return weekday === 0 || weekday === 6;
};

/** `day` moved by `workingDays` days from Monday to Friday (public holidays are not known). */
export function addWorkingDays(day: string, workingDays: number): string {
  let current = day;
  for (let left = workingDays; left > 0; ) {
    current = addDays(current, 1);
    if (!isWeekend(current)) left--;
  }
  return current;
}

/** Where a variety stands against its market's reorder point. */
export function reorderStatus(forecast: CapsuleForecast, terms: MarketTerms): ReorderStatus {
  const deliveryOn = addWorkingDays(forecast.today, terms.leadTimeDays);
  const horizon = daysBetween(forecast.today, deliveryOn) + terms.safetyDays;
  // Sums of fractional paces carry binary noise (12.000000000000002): do not round that up.
  const reorderPoint = Math.max(0, Math.ceil(expectedThrough(forecast, horizon) - 1e-9));
  return { reorderPoint, belowReorderPoint: forecast.stock < reorderPoint, deliveryOn };
}
