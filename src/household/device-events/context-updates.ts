import type { DocData } from '../../store/document-store.js';
import { type CapsuleStock, type InventoryItem, parseContextDocument } from '../context-documents.js';
import type { IngredientLabel } from './ingredient-labels.js';

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

/** The food of a lot: an ingredient id of the vocabulary, or the label of food it does not know. */
export type InventoryFood = { ingredient: string } | { ingredient: null; label: string };

/** The food an appliance's label names: the id it normalised to, else the label kept as unknown. */
export function foodOf(normalised: IngredientLabel): InventoryFood {
  return 'id' in normalised ? { ingredient: normalised.id } : { ingredient: null, label: normalised.unknown };
}

/** Whether a lot is of the food: the same id, or both unknown with labels that fold alike. */
function isOf(item: InventoryItem, food: InventoryFood, fold: (label: string) => string): boolean {
  if (food.ingredient !== null) return item.ingredient === food.ingredient;
  return item.ingredient === null && fold(item.label) === fold(food.label);
}

/** A new lot of the food, with the same key order for every lot of its kind. */
function newLot(
  food: InventoryFood,
  lot: { quantity: number; unit: string; expiresOn: string },
): InventoryItem {
  const { quantity, unit, expiresOn } = lot;
  return food.ingredient === null
    ? { ingredient: null, label: food.label, quantity: round(quantity), unit, expiresOn }
    : { ingredient: food.ingredient, quantity: round(quantity), unit, expiresOn };
}

/**
 * Adds a lot: merges into the lot of the same food, unit and expiry date, else starts a new
 * one (an unknown food keeps the label of its first lot).
 */
export function addInventoryItem(
  items: readonly InventoryItem[],
  food: InventoryFood,
  added: { quantity: number; unit: string; expiresOn: string },
  fold: (label: string) => string,
): InventoryItem[] {
  const same = (i: InventoryItem) =>
    i.unit === added.unit && i.expiresOn === added.expiresOn && isOf(i, food, fold);
  const next: InventoryItem[] = items.some(same)
    ? items.map((i) => (same(i) ? { ...i, quantity: round(i.quantity + added.quantity) } : i))
    : [...items, newLot(food, added)];
  if (next.length <= MAX_INVENTORY_LOTS) return next;
  const dropped = new Set([...next].sort(byExpiry).slice(0, next.length - MAX_INVENTORY_LOTS));
  return next.filter((i) => !dropped.has(i));
}

/**
 * Removes a quantity of a food, earliest-expiring lot first (what people eat first),
 * across lots of the same unit; emptied lots go. Quantities never go negative: removing
 * more than there is empties the lots. The lots of the food are those of its id; when
 * there are none (unknown food, or a lot stored before labels were normalised, its label
 * as its ingredient), those whose label folds like the label the appliance sent.
 */
export function removeInventoryItem(
  items: readonly InventoryItem[],
  removed: { food: InventoryFood; label: string; quantity: number },
  fold: (label: string) => string,
): InventoryItem[] {
  const { ingredient } = removed.food;
  const ofId = ingredient === null ? [] : items.filter((i) => i.ingredient === ingredient);
  const said = ofId.length ? '' : fold(removed.label);
  const lots = (ofId.length ? ofId : items.filter((i) => fold(i.ingredient ?? i.label) === said)).sort(
    byExpiry,
  );
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
