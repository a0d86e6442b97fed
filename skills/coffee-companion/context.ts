/**
 * What coffee-companion makes of the context documents the consent gate hands
 * out (parsed with the data model's one schema of each).
 */
import { type ConsumptionDocument, forecastVariety } from 'hearth/skill';

/** The skill's view of consumption: stock per variety, and capsules brewed per day across varieties. */
export type Consumption = {
  stock: { variety: string; count: number }[];
  perDay?: number;
  /** The document, for the forecast. */
  document: ConsumptionDocument;
};

/** Stock per variety in a stable order, and the total daily pace when known (the stored prior). */
export function consumptionOf(document: ConsumptionDocument | undefined): Consumption | undefined {
  if (!document) return undefined;
  const varieties = Object.entries(document.capsules).sort(([a], [b]) => a.localeCompare(b));
  const perDay = varieties.reduce((sum, [, v]) => sum + v.perDay, 0);
  return {
    stock: varieties.map(([variety, v]) => ({ variety, count: v.stock })),
    ...(perDay > 0 ? { perDay } : {}),
    document,
  };
}

/**
 * The day the first variety runs out at the household's forecast pace (smoothed, with its
 * weekday pattern), as `now` plus whole days; undefined when no variety is being brewed.
 */
export function runOutDate(consumption: Consumption, now: Date, timeZone = 'UTC'): Date | undefined {
  const daysLeft = consumption.stock
    .map((s) => forecastVariety(s.variety, consumption.document.capsules[s.variety], now, timeZone)?.daysLeft)
    .filter((d): d is number => d !== undefined);
  if (daysLeft.length === 0) return undefined;
  return new Date(now.getTime() + Math.min(...daysLeft) * 86_400_000);
}
