import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  storeHouseholdLookup,
  UnknownHouseholdError,
} from '../../src/cli/simulate/store-household-lookup.js';
import { DEMO_MARKER_PATH } from '../../src/demo/demo-marker.js';
import { seedDemo } from '../../src/demo/seed-demo.js';
import { openStore } from '../../src/store/open-store.js';

const seeded = mkdtempSync(join(tmpdir(), 'hearth-lookup-'));
const empty = mkdtempSync(join(tmpdir(), 'hearth-lookup-empty-'));
let demoHouseholds: { id: string; locale: string; timeZone: string }[] = [];

beforeAll(async () => {
  const store = await openStore({ kind: 'sqlite', file: join(seeded, 'hearth.db') });
  try {
    await seedDemo({ store, now: new Date('2026-11-20T09:00:00Z') });
    const marker = (await store.get(DEMO_MARKER_PATH)).data as { households: string[] };
    for (const id of marker.households) {
      const data = (await store.get(`households/${id}`)).data as { locale: string; timeZone: string };
      demoHouseholds.push({ id, locale: data.locale, timeZone: data.timeZone });
    }
  } finally {
    await store.close();
  }
});
afterAll(() => {
  vi.unstubAllEnvs();
  demoHouseholds = [];
  rmSync(seeded, { recursive: true, force: true });
  rmSync(empty, { recursive: true, force: true });
});

/** The configured store is the SQLite file of `dir`, whatever the machine's environment says. */
function useDataDir(dir: string): void {
  vi.stubEnv('HEARTH_DATA_DIR', dir);
  vi.stubEnv('HEARTH_STORE', 'sqlite');
}

describe('storeHouseholdLookup', () => {
  it("answers the first demo household of the conversation's locale", async () => {
    useDataDir(seeded);
    for (const locale of ['fr-FR', 'de-DE', 'en-GB'] as const) {
      const first = demoHouseholds.find((hh) => hh.locale === locale);
      expect(first).toBeDefined();
      expect(await storeHouseholdLookup(undefined, locale)).toEqual(first);
    }
  });

  it('answers the household --household names, in its own locale', async () => {
    useDataDir(seeded);
    const german = demoHouseholds.find((hh) => hh.locale === 'de-DE')!;
    expect(await storeHouseholdLookup(german.id, 'fr-FR')).toEqual(german);
  });

  it('refuses an unknown --household id with a clear error', async () => {
    useDataDir(seeded);
    const lookup = storeHouseholdLookup('hh_nobody', 'fr-FR');
    await expect(lookup).rejects.toBeInstanceOf(UnknownHouseholdError);
    await expect(storeHouseholdLookup('hh_nobody', 'fr-FR')).rejects.toThrow(
      'no household hh_nobody in the sqlite store',
    );
  });

  it('is anonymous without a store, and says to seed one when --household is given', async () => {
    useDataDir(empty);
    expect(await storeHouseholdLookup(undefined, 'fr-FR')).toBeUndefined();
    await expect(storeHouseholdLookup('hh_x', 'fr-FR')).rejects.toThrow(
      /no store at .*run "npm start" or "npx hearth seed"/,
    );
  });
});
