/**
 * What fridge-chef makes of the context documents the consent gate hands out
 * (parsed with the data model's one schema of each, so nothing here re-parses).
 */
import type { InventoryDocument } from 'hearth/skill';

export type Inventory = InventoryDocument;

/** Ingredient ids expiring within `days` days of `now` (ISO dates compared in UTC), soonest first. */
export function expiringSoon(inventory: Inventory, now: Date, days = 3): string[] {
  const limit = new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
  return inventory.items
    .filter((i): i is typeof i & { expiresOn: string } => i.expiresOn !== null && i.expiresOn <= limit)
    .sort((a, b) => a.expiresOn.localeCompare(b.expiresOn))
    .map((i) => i.ingredient);
}
