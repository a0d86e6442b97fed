/**
 * `households/{hid}/context/{purpose}`: one document per purpose, one schema
 * per document, shared by every writer (device events, the demo seed, skills'
 * writes) and every reader (the consent gate hands handlers these parsed
 * types). Reading is lenient where a document holds a list: an entry that
 * does not parse is dropped, never the whole document.
 */
import { z } from 'zod';
import type { Purpose } from '../runtime/consent-gate.js';
import { paths } from './paths.js';

/** Keeps the entries of a list that parse; drops the rest. */
function lenientArray<T extends z.ZodType>(item: T) {
  return z.array(z.unknown()).transform((entries) =>
    entries.flatMap((entry) => {
      const parsed = item.safeParse(entry);
      return parsed.success ? [parsed.data as z.output<T>] : [];
    }),
  );
}

/**
 * Keeps the entries of a map whose key and value parse; drops the rest. Checked by hand
 * rather than with z.record, whose copy would turn a stored `__proto__` key into the
 * prototype; fromEntries defines own keys, so it stays data.
 */
function lenientRecord<T extends z.ZodType>(value: T, keyOk: (key: string) => boolean = () => true) {
  return z
    .custom<Record<string, unknown>>((v) => v !== null && typeof v === 'object' && !Array.isArray(v))
    .transform((entries) =>
      Object.fromEntries(
        Object.entries(entries).flatMap(([key, raw]) => {
          const parsed = value.safeParse(raw);
          return keyOk(key) && parsed.success ? [[key, parsed.data as z.output<T>] as const] : [];
        }),
      ),
    );
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Longest label of an unknown lot kept (device events bring at most 80 characters). */
export const MAX_INVENTORY_LABEL = 200;

const lot = {
  quantity: z.number().nonnegative(),
  unit: z.string().min(1),
  /** ISO date in the household's time zone; null when the appliance does not know it. */
  expiresOn: z.iso.date().nullable(),
};

/** A lot of an ingredient of the vocabulary. */
const knownInventoryItemSchema = z.object({
  /**
   * Ingredient id of the vocabulary (`zucchini`). Documents written before labels were
   * normalised may hold an appliance's label here: any text still reads (it ranks nothing).
   */
  ingredient: z.string().min(1),
  ...lot,
});

/** A lot of food whose label names no ingredient of the vocabulary: kept as the appliance said it, never guessed, never cooked with. */
const unknownInventoryItemSchema = z.object({
  ingredient: z.null(),
  /** The appliance's label (`Sauce maison de mamie`), as sent. */
  label: z.string().min(1).max(MAX_INVENTORY_LABEL),
  ...lot,
});

/** One lot in `context/inventory`: the same ingredient may have several lots with different expiry dates. */
export const inventoryItemSchema = z.union([knownInventoryItemSchema, unknownInventoryItemSchema]);
export type InventoryItem = z.infer<typeof inventoryItemSchema>;

/** `context/inventory` (purpose `inventory`): what is in the fridge. */
export const inventoryDocumentSchema = z.object({
  items: lenientArray(inventoryItemSchema),
  updatedAt: z.string().optional(),
});
export type InventoryDocument = z.output<typeof inventoryDocumentSchema>;

/** Capsules brewed and delivered on one calendar day of the household's time zone. */
export const capsuleDaySchema = z.object({
  brewed: z.number().int().nonnegative().default(0),
  delivered: z.number().int().nonnegative().default(0),
});
export type CapsuleDay = z.output<typeof capsuleDaySchema>;

/**
 * Stock and pace of one capsule variety. Device events are applied in event time, and
 * may arrive late (up to 7 days) or out of order, so the variety keeps what recomputing
 * needs: the capsules brewed and delivered per day over the last days kept, and the
 * stock at the start of the first of them (`baseline` on `since`); older days are folded
 * into the baseline. `stock` is always `baseline` plus what was delivered less what was
 * brewed since then. A document written before the history existed has only `stock`:
 * it counts as the baseline of the first day an event touches.
 */
export const capsuleStockSchema = z.object({
  stock: z.number().int().nonnegative(),
  /**
   * A prior pace in capsules a day (0 when unknown), used by the forecast only while no
   * full day of history exists; events never change it.
   */
  perDay: z.number().nonnegative().default(0),
  updatedAt: z.string(),
  /** The first day of `days` (household's time zone). */
  since: z.iso.date().optional(),
  /** Stock at the start of `since`. */
  baseline: z.number().int().nonnegative().optional(),
  /** Per day (`YYYY-MM-DD`, household's time zone); a missing day had no event. */
  days: lenientRecord(capsuleDaySchema, (day) => ISO_DAY.test(day)).optional(),
});
export type CapsuleStock = z.output<typeof capsuleStockSchema>;

/** `context/consumption` (purpose `consumption`): capsule stock and daily history per variety. */
export const consumptionDocumentSchema = z.object({
  capsules: lenientRecord(capsuleStockSchema),
  updatedAt: z.string().optional(),
});
export type ConsumptionDocument = z.output<typeof consumptionDocumentSchema>;

/** Most entries a shopping list keeps. */
export const MAX_SHOPPING_LIST = 100;

/** `context/preferences` (purpose `preferences`): the shopping list and the usual capsule order. */
export const preferencesDocumentSchema = z.object({
  /** Ingredient ids, or what was said when it matched no ingredient. */
  // Additions do not read the list first, so two at once may pass the bound by one: read leniently.
  shoppingList: lenientArray(z.string().min(1).max(200))
    .transform((list) => list.slice(0, MAX_SHOPPING_LIST))
    .default([]),
  usualOrder: z.object({ variety: z.string().min(1), quantity: z.number().int().positive() }).optional(),
  /**
   * The hash (`ids/secret-hash.ts`) of the voice code the household set to confirm orders
   * by voice; never the code. The orders code checks it whether or not preferences are granted.
   */
  voiceCodeHash: z.string().min(1).optional(),
  updatedAt: z.string().optional(),
});
export type PreferencesDocument = z.output<typeof preferencesDocumentSchema>;

/** `context/health` (purpose `health`, explicit consent): diet and allergens. */
export const healthDocumentSchema = z.object({
  diets: z.array(z.string()).default([]),
  allergens: z.array(z.string()).default([]),
  updatedAt: z.string().optional(),
});
export type HealthDocument = z.output<typeof healthDocumentSchema>;

/** `context/location` (purpose `location`): coarse location only. */
export const locationDocumentSchema = z.object({
  postcode: z.string().max(16).optional(),
  country: z.string().length(2).optional(),
  updatedAt: z.string().optional(),
});
export type LocationDocument = z.output<typeof locationDocumentSchema>;

/**
 * The lists of context documents that turns may add to without reading them
 * (`contextAdd`), with the schema of one entry: an addition is checked against
 * it before it is written, so no write can make its document unreadable.
 */
export const CONTEXT_LISTS: { readonly [P in ContextPurpose]?: Readonly<Record<string, z.ZodType>> } = {
  preferences: { shoppingList: z.string().min(1).max(200) },
};

/** Why an addition to a context list may not be written, or undefined when it may. */
export function contextAdditionProblem(
  purpose: string,
  field: string,
  values: readonly unknown[],
): string | undefined {
  const lists = Object.hasOwn(CONTEXT_LISTS, purpose) ? CONTEXT_LISTS[purpose as ContextPurpose] : undefined;
  const entry = lists && Object.hasOwn(lists, field) ? lists[field] : undefined;
  if (!entry) return `context/${purpose} has no list ${field} that turns may add to`;
  if (values.length === 0) return 'nothing to add';
  if (!values.every((v) => entry.safeParse(v).success))
    return `an entry does not fit context/${purpose}.${field}`;
  return undefined;
}

/** The schema of each purpose that has a context document. */
export const CONTEXT_DOCUMENT_SCHEMAS = {
  inventory: inventoryDocumentSchema,
  consumption: consumptionDocumentSchema,
  preferences: preferencesDocumentSchema,
  health: healthDocumentSchema,
  location: locationDocumentSchema,
} as const;

/** Purposes whose data lives in a context document (offers, measurement and auto_reorder have none). */
export type ContextPurpose = keyof typeof CONTEXT_DOCUMENT_SCHEMAS;

declare module '../runtime/consent-gate.js' {
  interface ContextDocuments {
    inventory: InventoryDocument;
    consumption: ConsumptionDocument;
    preferences: PreferencesDocument;
    health: HealthDocument;
    location: LocationDocument;
  }
}

/** Whether a purpose has a context document. */
export function hasContextDocument(purpose: Purpose): purpose is ContextPurpose {
  return Object.hasOwn(CONTEXT_DOCUMENT_SCHEMAS, purpose);
}

/** The path of a purpose's context document. */
export function contextPath(householdId: string, purpose: ContextPurpose): string {
  return paths.context(householdId, purpose);
}

/** A stored context document parsed with its schema; undefined when missing or malformed. */
export function parseContextDocument<P extends ContextPurpose>(
  purpose: P,
  data: unknown,
): z.output<(typeof CONTEXT_DOCUMENT_SCHEMAS)[P]> | undefined {
  if (data === undefined) return undefined;
  const parsed = CONTEXT_DOCUMENT_SCHEMAS[purpose].safeParse(data);
  return parsed.success ? (parsed.data as z.output<(typeof CONTEXT_DOCUMENT_SCHEMAS)[P]>) : undefined;
}
