/**
 * What coffee-companion makes of the context documents the consent gate hands
 * out (parsed with the data model's one schema of each).
 */
import type { ConsumptionDocument } from 'hearth/skill';

/** The skill's view of consumption: stock per variety, and capsules brewed per day across varieties. */
export type Consumption = {
  stock: { variety: string; count: number }[];
  perDay?: number;
};

/** Stock per variety in a stable order, and the total daily pace when known. */
export function consumptionOf(document: ConsumptionDocument | undefined): Consumption | undefined {
  if (!document) return undefined;
  const varieties = Object.entries(document.capsules).sort(([a], [b]) => a.localeCompare(b));
  const perDay = varieties.reduce((sum, [, v]) => sum + v.perDay, 0);
  return {
    stock: varieties.map(([variety, v]) => ({ variety, count: v.stock })),
    ...(perDay > 0 ? { perDay } : {}),
  };
}

/** The day the stock runs out at the estimated pace, or undefined without an estimate. */
export function runOutDate(consumption: Consumption, now: Date): Date | undefined {
  if (!consumption.perDay) return undefined;
  const total = consumption.stock.reduce((sum, s) => sum + s.count, 0);
  return new Date(now.getTime() + Math.floor(total / consumption.perDay) * 86_400_000);
}
