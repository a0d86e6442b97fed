/**
 * The household context documents coffee-companion reads, parsed from what
 * the consent gate hands out. A document that does not parse counts as not
 * available, so the skill answers non-personally.
 */
import { z } from 'zod';

/** `context/consumption` as stored (DESIGN.md data model): stock and daily use per capsule variety. */
const consumptionDocumentSchema = z.object({
  capsules: z.record(
    z.string(),
    z.object({ stock: z.number().int().nonnegative(), perDay: z.number().nonnegative().optional() }),
  ),
});

/** The skill's view of it: stock per variety, and capsules brewed per day across varieties. */
export type Consumption = {
  stock: { variety: string; count: number }[];
  perDay?: number;
};

const preferencesSchema = z.object({
  usualOrder: z.object({ variety: z.string(), quantity: z.number().int().positive() }).optional(),
});
export type Preferences = z.infer<typeof preferencesSchema>;

/** Capsule stock and consumption, if granted and well-formed. */
export function parseConsumption(document: unknown): Consumption | undefined {
  const parsed = consumptionDocumentSchema.safeParse(document);
  if (!parsed.success) return undefined;
  const varieties = Object.entries(parsed.data.capsules).sort(([a], [b]) => a.localeCompare(b));
  const perDay = varieties.reduce((sum, [, v]) => sum + (v.perDay ?? 0), 0);
  return {
    stock: varieties.map(([variety, v]) => ({ variety, count: v.stock })),
    ...(perDay > 0 ? { perDay } : {}),
  };
}

/** Ordering preferences, if granted and well-formed. */
export function parsePreferences(document: unknown): Preferences | undefined {
  const parsed = preferencesSchema.safeParse(document);
  return parsed.success ? parsed.data : undefined;
}

/** The day the stock runs out at the estimated pace, or undefined without an estimate. */
export function runOutDate(consumption: Consumption, now: Date): Date | undefined {
  if (!consumption.perDay) return undefined;
  const total = consumption.stock.reduce((sum, s) => sum + s.count, 0);
  return new Date(now.getTime() + Math.floor(total / consumption.perDay) * 86_400_000);
}
