/**
 * Marker values for the consent properties: every household's context
 * documents hold, for each purpose that has a document, one value that names
 * the purpose and the household (`zqinv12zq`) where the skills would mention
 * it (a fridge item, a capsule variety, the usual order). A marker seen in a
 * reply proves that the reply read that purpose of that household; a marker
 * in a log line proves that household data reached the logs.
 */
import { paths } from '../../src/household/paths.js';
import type { Purpose } from '../../src/runtime/consent-gate.js';
import type { DocData, DocumentStore, JsonValue } from '../../src/store/document-store.js';

/** The purposes that have a context document, each with the code its markers carry. */
const CODES = {
  inventory: 'inv',
  consumption: 'con',
  preferences: 'pref',
  health: 'hea',
  location: 'loc',
} as const satisfies Partial<Record<Purpose, string>>;
export type MarkedPurpose = keyof typeof CODES;
export const MARKED_PURPOSES = Object.keys(CODES) as MarkedPurpose[];

/** The marker of `purpose` for household number `n`. */
export function marker(purpose: MarkedPurpose, n: number): string {
  return `zq${CODES[purpose]}${n}zq`;
}

/** Any marker, as a reply or a log line may carry it (a sentence may capitalise it). */
const MARKER = /zq(inv|con|pref|hea|loc)(\d+)zq/gi;

/** The markers found in `text`: which purpose of which household each proves was read. */
export function markersIn(text: string): { purpose: MarkedPurpose; household: number }[] {
  return [...text.matchAll(MARKER)].map(([, code, n]) => ({
    purpose: MARKED_PURPOSES.find((p) => CODES[p] === code?.toLowerCase())!,
    household: Number(n),
  }));
}

/** The calendar day after `now` (UTC), as an expiry date the skills count as "expiring soon". */
function tomorrow(now: Date): string {
  return new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);
}

/**
 * Puts household `n`'s markers into its context documents, keeping what is
 * there (the demo's fridge and capsules): a fridge item listed first, a capsule
 * variety, the shopping list and the usual order, a diet and an allergen, a postcode.
 */
export async function plantMarkers(store: DocumentStore, hid: string, n: number, now: Date): Promise<void> {
  const [inventory, consumption] = await store.getAll([
    paths.context(hid, 'inventory'),
    paths.context(hid, 'consumption'),
  ]);
  const items = (inventory?.data?.items as JsonValue[] | undefined) ?? [];
  const capsules = (consumption?.data?.capsules as DocData | undefined) ?? {};
  const at = now.toISOString();
  const documents: Record<MarkedPurpose, DocData> = {
    inventory: {
      items: [
        { ingredient: marker('inventory', n), quantity: 1, unit: 'piece', expiresOn: tomorrow(now) },
        ...items,
      ],
      updatedAt: at,
    },
    consumption: {
      capsules: { ...capsules, [marker('consumption', n)]: { stock: 7, perDay: 1, updatedAt: at } },
      updatedAt: at,
    },
    preferences: {
      shoppingList: [marker('preferences', n)],
      usualOrder: { variety: marker('preferences', n), quantity: 2 },
      updatedAt: at,
    },
    health: { diets: [marker('health', n)], allergens: [marker('health', n)], updatedAt: at },
    location: { postcode: marker('location', n), country: 'FR', updatedAt: at },
  };
  const batch = store.batch();
  for (const purpose of MARKED_PURPOSES) batch.set(paths.context(hid, purpose), documents[purpose]);
  await batch.commit();
}
