import { existsSync } from 'node:fs';
import { loadConfig } from '../../config.js';
import { DEMO_MARKER_PATH, parseDemoMarker } from '../../demo/demo-marker.js';
import { householdRecordSchema } from '../../household/household-record.js';
import { paths } from '../../household/paths.js';
import type { TurnHousehold } from '../../runtime/turn.js';
import { openStore } from '../../store/open-store.js';
import type { HouseholdLookup } from './household-lookup.js';

/** Thrown when `--household <id>` names a household the store does not have. */
export class UnknownHouseholdError extends Error {
  override readonly name = 'UnknownHouseholdError';
}

/**
 * The simulator's household from the configured store (the one `npm start`
 * uses): the one named by `--household`, else the first demo household of the
 * conversation's locale. Without a seeded store the conversation is anonymous.
 */
export const storeHouseholdLookup: HouseholdLookup = async (id, locale) => {
  const config = loadConfig({ HEARTH_DEMO: 'true', ...process.env });
  // Simulating must not create an empty database as a side effect.
  if (config.store.kind === 'sqlite' && !existsSync(config.store.file)) {
    if (id)
      throw new UnknownHouseholdError(
        `no store at ${config.store.file}: run "npm start" or "npx hearth seed" first`,
      );
    return undefined;
  }
  const store = await openStore(config.store);
  try {
    const toHousehold = async (hid: string): Promise<TurnHousehold | undefined> => {
      const parsed = householdRecordSchema.safeParse((await store.get(paths.household(hid))).data);
      return parsed.success
        ? { id: hid, locale: parsed.data.locale, timeZone: parsed.data.timeZone }
        : undefined;
    };
    if (id) {
      const household = await toHousehold(id);
      if (!household) throw new UnknownHouseholdError(`no household ${id} in the ${config.store.kind} store`);
      return household;
    }
    for (const hid of parseDemoMarker((await store.get(DEMO_MARKER_PATH)).data).households) {
      const household = await toHousehold(hid);
      if (household?.locale === locale) return household;
    }
    return undefined;
  } finally {
    await store.close();
  }
};
