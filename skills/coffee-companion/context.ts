/**
 * The household context documents coffee-companion reads, parsed from what
 * the consent gate hands out. A document that does not parse counts as not
 * available, so the skill answers non-personally.
 */
import { z } from 'zod';

const consumptionSchema = z.object({
  stock: z.array(z.object({ variety: z.string(), count: z.number().int().nonnegative() })),
  /** Capsules brewed per day, all varieties, as estimated from telemetry. */
  perDay: z.number().positive().optional(),
});
export type Consumption = z.infer<typeof consumptionSchema>;

const preferencesSchema = z.object({
  usualOrder: z.object({ variety: z.string(), quantity: z.number().int().positive() }).optional(),
});
export type Preferences = z.infer<typeof preferencesSchema>;

/** Capsule stock and consumption, if granted and well-formed. */
export function parseConsumption(document: unknown): Consumption | undefined {
  const parsed = consumptionSchema.safeParse(document);
  return parsed.success ? parsed.data : undefined;
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
