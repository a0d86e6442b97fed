import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantNothing } from '../../src/consent/consent-policy.js';
import { readTurnHousehold } from '../../src/consent/read-turn-household.js';
import type { HouseholdRecord } from '../../src/household/household-record.js';
import type { Purpose } from '../../src/runtime/consent-gate.js';
import type { DocumentStore } from '../../src/store/document-store.js';
import { grantingPolicy } from '../support/granting-gate.js';
import { storeWith } from '../support/store-faults.js';
import { openTempSqliteStore } from '../support/temp-sqlite.js';

const HID = 'hh_read';
/** The subject of the household's current Alexa link token (generation 3). */
const LINK_TOKEN = {
  kind: 'link',
  householdId: HID,
  grantId: 'lnk_read',
  clientId: 'fridge-chef-alexa',
  skillId: 'fridge-chef',
  platform: 'alexa',
  generation: 3,
  exp: 2_000_000_000,
} as const;
const household = {
  locale: 'fr-FR',
  timeZone: 'Europe/Paris',
  createdAt: '2026-11-20T09:00:00.000Z',
  auth: { household: 1, links: { lnk_read: 3 }, devices: {} },
} satisfies HouseholdRecord;

describe('the one read of a turn', () => {
  let store: DocumentStore;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ store, dispose } = await openTempSqliteStore('hearth-read-'));
    await store.set(`households/${HID}`, household);
    await store.set(`households/${HID}/context/inventory`, {
      items: [{ ingredient: 'egg', quantity: 6, unit: 'piece', expiresOn: null }],
    });
    await store.set(`households/${HID}/context/health`, { diets: ['vegetarian'], allergens: ['peanuts'] });
  });
  afterAll(() => dispose());

  /** The store, recording the paths of every getAll. */
  function recorded() {
    const reads: string[][] = [];
    const recording = storeWith(store, (method) =>
      method === 'getAll'
        ? (paths) => {
            reads.push([...(paths as string[])]);
            return store.getAll(paths as string[]);
          }
        : undefined,
    );
    return { recording, reads };
  }

  const read = (s: DocumentStore, policy = grantingPolicy(), purposes: Purpose[] = ['inventory', 'health']) =>
    readTurnHousehold(s, policy, {
      householdId: HID,
      brandId: 'frostline',
      purposes,
      token: LINK_TOKEN,
    });

  it('reads the household and the granted, non-sensitive documents in one round trip', async () => {
    const { recording, reads } = recorded();
    const { result } = await read(recording, grantingPolicy(['inventory']));
    expect(reads).toEqual([[`households/${HID}`, `households/${HID}/context/inventory`]]);
    expect(result).toMatchObject({ status: 'ok', context: { granted: ['inventory'] } });
    expect(result.status === 'ok' && Object.keys(result.context.documents)).toEqual(['inventory']);
  });

  it('reads health data only once the policy has granted it, in a second round trip', async () => {
    const { recording, reads } = recorded();
    const { result } = await read(recording);
    expect(reads).toEqual([
      [`households/${HID}`, `households/${HID}/context/inventory`],
      [`households/${HID}/context/health`],
    ]);
    expect(result.status === 'ok' && result.context.documents.health?.allergens).toEqual(['peanuts']);
  });

  it('reads no context document at all under a policy that grants nothing', async () => {
    const { recording, reads } = recorded();
    const { result } = await read(recording, grantNothing);
    expect(reads).toEqual([[`households/${HID}`]]);
    expect(result).toMatchObject({ status: 'ok', context: { granted: [], documents: {} } });
  });

  it('hands out nothing for a token whose generation is no longer current', async () => {
    const { result } = await readTurnHousehold(store, grantingPolicy(), {
      householdId: HID,
      brandId: 'frostline',
      purposes: ['inventory'],
      token: { ...LINK_TOKEN, generation: 2 },
    });
    expect(result).toEqual({ status: 'revoked' });
  });
});
