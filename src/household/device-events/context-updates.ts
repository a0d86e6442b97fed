import type { DocData } from '../../store/document-store.js';
import { type CapsuleStock, type InventoryItem, parseContextDocument } from '../context-documents.js';

export type { CapsuleStock, InventoryItem };

/** Lots kept in the inventory document; past this the earliest-expiring lots go (they are most likely eaten). */
export const MAX_INVENTORY_LOTS = 500;
/** Varieties kept in the consumption document; a new variety past this is ignored. */
export const MAX_CAPSULE_VARIETIES = 100;
/** More capsules than anyone stores at home: a bound against runaway counters. */
export const MAX_CAPSULE_STOCK = 100_000;

/** Inventory lots as stored; lots that do not parse are dropped rather than failing the whole batch. */
export function parseInventoryItems(data: DocData | undefined): InventoryItem[] {
  return parseContextDocument('inventory', data ?? { items: [] })?.items ?? [];
}

/** Capsule stock per variety as stored; entries that do not parse are dropped. */
export function parseCapsules(data: DocData | undefined): Record<string, CapsuleStock> {
  return parseContextDocument('consumption', data ?? { capsules: {} })?.capsules ?? {};
}

// Quantities arrive as decimals (0.1 l); keep sums free of binary noise like 0.30000000000000004.
const round = (n: number) => Math.round(n * 1000) / 1000;

const byExpiry = (a: InventoryItem, b: InventoryItem) =>
  (a.expiresOn ?? '9999-12-31').localeCompare(b.expiresOn ?? '9999-12-31');

/** Adds a lot: merges into the lot with the same ingredient, unit and expiry date, else starts a new one. */
export function addInventoryItem(
  items: readonly InventoryItem[],
  added: { ingredient: string; quantity: number; unit: string; expiresOn: string },
): InventoryItem[] {
  const same = (i: InventoryItem) =>
    i.ingredient === added.ingredient && i.unit === added.unit && i.expiresOn === added.expiresOn;
  const next = items.some(same)
    ? items.map((i) => (same(i) ? { ...i, quantity: round(i.quantity + added.quantity) } : i))
    : [...items, { ...added, quantity: round(added.quantity) }];
  if (next.length <= MAX_INVENTORY_LOTS) return next;
  const dropped = new Set([...next].sort(byExpiry).slice(0, next.length - MAX_INVENTORY_LOTS));
  return next.filter((i) => !dropped.has(i));
}

/**
 * Removes a quantity of an ingredient, earliest-expiring lot first (what people eat
 * first), across lots of the same unit; emptied lots go. Quantities never go negative:
 * removing more than there is empties the lots.
 */
export function removeInventoryItem(
  items: readonly InventoryItem[],
  removed: { ingredient: string; quantity: number },
): InventoryItem[] {
  const lots = items.filter((i) => i.ingredient === removed.ingredient).sort(byExpiry);
  const unit = lots[0]?.unit;
  let left = removed.quantity;
  const taken = new Map<InventoryItem, number>();
  for (const lot of lots) {
    if (left <= 0 || lot.unit !== unit) break;
    const take = Math.min(lot.quantity, left);
    taken.set(lot, take);
    left = round(left - take);
  }
  return items.flatMap((item) => {
    const take = taken.get(item);
    if (take === undefined) return [item];
    const quantity = round(item.quantity - take);
    return quantity > 0 ? [{ ...item, quantity }] : [];
  });
}

/** The stock of a variety the document holds; never an inherited member such as `constructor`. */
export function ownCapsuleStock(
  capsules: Readonly<Record<string, CapsuleStock>>,
  variety: string,
): CapsuleStock | undefined {
  return Object.hasOwn(capsules, variety) ? capsules[variety] : undefined;
}
