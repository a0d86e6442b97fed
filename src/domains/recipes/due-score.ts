/**
 * How urgently each ingredient of the household's inventory should be used up, after
 * Grocy's due score (FIELD-NOTES, "Recipes, more precisely"): an ingredient due soon
 * counts 1; one due today or tomorrow counts more, so that a recipe using the spinach
 * that goes off tomorrow comes before one using the carrots of next week. Grocy also
 * scores overdue and expired products (10, 20) because it ranks what to throw away too;
 * here an expired item is never cooked with: it is not present, and the reply mentions it.
 */

/** What ranking needs of an inventory item (`InventoryItem` of the household's context has it). */
export interface PantryItem {
  readonly ingredient: string;
  /** ISO date in the household's time zone; null when the appliance does not know it. */
  readonly expiresOn: string | null;
}

/** Due weights: today 3, tomorrow 2, from the day after to `dueSoonDays` 1, later or unknown 0. */
export const DUE_TODAY_WEIGHT = 3;
export const DUE_TOMORROW_WEIGHT = 2;
export const DUE_SOON_WEIGHT = 1;
/** Grocy's `stock_due_soon_days` default. */
export const DEFAULT_DUE_SOON_DAYS = 5;

/** A present (not expired) ingredient: when its soonest item is due, and what that weighs. */
export interface PantryEntry {
  /** Days from today to the soonest known expiry (0 today, 1 tomorrow); null when no item has a date. */
  readonly dueInDays: number | null;
  readonly weight: number;
}

/** The inventory as ranking reads it. */
export interface Pantry {
  /** Ingredients with at least one item that has not expired, by ingredient id. */
  readonly present: ReadonlyMap<string, PantryEntry>;
  /**
   * Ingredients with at least one expired item, sorted, once each: the reply mentions them
   * (the expired item is still in the fridge even when a fresh one of the same is too).
   */
  readonly expired: readonly string[];
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO calendar date, or null for anything else (`2026-02-30` too). */
export function epochDay(isoDate: string): number | null {
  const match = ISO_DATE.exec(isoDate);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return null;
  }
  return ms / DAY_MS;
}

/** The weight of an ingredient due in `dueInDays` (never negative: expired items are not present). */
export function dueWeight(dueInDays: number | null, dueSoonDays: number = DEFAULT_DUE_SOON_DAYS): number {
  if (dueInDays === null || dueInDays < 0) return 0;
  if (dueInDays === 0) return DUE_TODAY_WEIGHT;
  if (dueInDays === 1) return DUE_TOMORROW_WEIGHT;
  return dueInDays <= dueSoonDays ? DUE_SOON_WEIGHT : 0;
}

/** Throws for a `dueSoonDays` that is not a whole number of days, at least 1 (tomorrow). */
export function checkDueSoonDays(dueSoonDays: number): number {
  if (!Number.isInteger(dueSoonDays) || dueSoonDays < 1) {
    throw new RangeError(`dueSoonDays must be a whole number of days, at least 1 (got ${dueSoonDays})`);
  }
  return dueSoonDays;
}

/**
 * Reads the inventory on the household's `today` (an ISO date in its time zone). An item
 * expiring before today is expired; one expiring today is still good. Several items of one
 * ingredient count as one, due when the soonest of them is (use that one first). An item
 * whose date cannot be read counts as present with no known date: the date came through
 * the inventory's schema, and dropping the ingredient would hide food the household has.
 * `today` is the caller's clock: a date it cannot read is a programming error and throws.
 */
export function readPantry(
  items: readonly PantryItem[],
  today: string,
  dueSoonDays: number = DEFAULT_DUE_SOON_DAYS,
): Pantry {
  checkDueSoonDays(dueSoonDays);
  const todayDay = epochDay(today);
  if (todayDay === null) throw new RangeError(`today must be an ISO date (got ${JSON.stringify(today)})`);
  const soonest = new Map<string, number | null>();
  const expired = new Set<string>();
  for (const item of items) {
    const day = item.expiresOn === null ? null : epochDay(item.expiresOn);
    const dueInDays = day === null ? null : day - todayDay;
    if (dueInDays !== null && dueInDays < 0) {
      expired.add(item.ingredient);
      continue;
    }
    const known = soonest.get(item.ingredient);
    if (known === undefined || (dueInDays !== null && (known === null || dueInDays < known))) {
      soonest.set(item.ingredient, dueInDays);
    }
  }
  const present = new Map<string, PantryEntry>();
  for (const [ingredient, dueInDays] of soonest) {
    present.set(ingredient, { dueInDays, weight: dueWeight(dueInDays, dueSoonDays) });
  }
  return { present, expired: [...expired].sort(compareIds) };
}

/** Code-unit order of ids: the same on every machine and locale (ids are ASCII kebab-case). */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
