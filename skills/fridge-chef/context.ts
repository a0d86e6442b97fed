/**
 * The household context documents fridge-chef reads, parsed from what the
 * consent gate hands out. A document that does not parse is treated as not
 * available: the skill then answers non-personally rather than guessing.
 */
import { z } from 'zod';

const inventorySchema = z.object({
  items: z.array(
    z.object({
      ingredient: z.string(),
      quantity: z.number().optional(),
      unit: z.string().optional(),
      expiresOn: z.iso.date().optional(),
    }),
  ),
});
export type Inventory = z.infer<typeof inventorySchema>;

const preferencesSchema = z.object({ shoppingList: z.array(z.string()).default([]) });
export type Preferences = z.infer<typeof preferencesSchema>;

/** The fridge inventory, if granted and well-formed. */
export function parseInventory(document: unknown): Inventory | undefined {
  const parsed = inventorySchema.safeParse(document);
  return parsed.success ? parsed.data : undefined;
}

/** The shopping preferences, if granted and well-formed. */
export function parsePreferences(document: unknown): Preferences | undefined {
  const parsed = preferencesSchema.safeParse(document);
  return parsed.success ? parsed.data : undefined;
}

/** Ingredient ids expiring within `days` days of `now` (ISO dates compared in UTC), soonest first. */
export function expiringSoon(inventory: Inventory, now: Date, days = 3): string[] {
  const limit = new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
  return inventory.items
    .filter((i): i is typeof i & { expiresOn: string } => i.expiresOn !== undefined && i.expiresOn <= limit)
    .sort((a, b) => a.expiresOn.localeCompare(b.expiresOn))
    .map((i) => i.ingredient);
}
