/**
 * Households for the consent properties: the demo's (with their seeded
 * consents through the ledger) and households created here with no consent
 * at all, each with a fridge and a coffee machine, device tokens, and the
 * markers of its number in every context document.
 */
import type { TokenSigner } from '../../src/auth/token-signer.js';
import type { DeviceRecord, HouseholdRecord } from '../../src/household/household-record.js';
import { householdRecordSchema } from '../../src/household/household-record.js';
import { paths } from '../../src/household/paths.js';
import { randomId } from '../../src/ids/random-id.js';
import type { Locale } from '../../src/runtime/locales.js';
import type { DocumentStore } from '../../src/store/document-store.js';
import type { Harness } from './app-harness.js';
import { plantMarkers } from './consent-markers.js';

/** A device screen of a household: the skill it serves and its token. */
export type PropertyScreen = { skillId: string; deviceId: string; token: string; generation: number };

export type PropertyHousehold = {
  /** The number its markers carry. */
  n: number;
  id: string;
  locale: Locale;
  screens: PropertyScreen[];
  /** Demo households only: the Alexa link token and user id per skill. */
  alexa?: Record<string, { accessToken: string; userId: string }>;
};

/** The appliances every household here has, and the skill and brand each serves. */
const APPLIANCES = [
  { kind: 'fridge', skillId: 'fridge-chef', brandId: 'frostline', name: 'Fridge' },
  { kind: 'coffee-machine', skillId: 'coffee-companion', brandId: 'crema', name: 'Coffee machine' },
] as const;

/** The demo's households as property households, numbered from 0, with their markers planted. */
export async function demoPropertyHouseholds(h: Harness, now: Date): Promise<PropertyHousehold[]> {
  const households: PropertyHousehold[] = [];
  for (const [n, hh] of h.demo.households.entries()) {
    const record = householdRecordSchema.parse((await h.store.get(paths.household(hh.id))).data);
    await plantMarkers(h.store, hh.id, n, now);
    households.push({
      n,
      id: hh.id,
      locale: hh.locale as Locale,
      screens: hh.devices.map((d) => ({
        skillId: d.skillId,
        deviceId: d.id,
        token: d.token,
        generation: record.auth.devices[d.id] ?? 1,
      })),
      alexa: Object.fromEntries(
        Object.entries(hh.linkTokens.alexa).map(([skillId, accessToken]) => [
          skillId,
          { accessToken, userId: hh.alexaUserId },
        ]),
      ),
    });
  }
  return households;
}

/** A household document alone, with no consent and no device: what the ledger's properties need. */
export async function createBareHousehold(store: DocumentStore, locale: Locale, now: Date): Promise<string> {
  const id = randomId('hh');
  await store.set(paths.household(id), bareHousehold(locale, now, {}));
  return id;
}

function bareHousehold(locale: Locale, now: Date, devices: Record<string, number>): HouseholdRecord {
  return {
    locale,
    timeZone: 'Europe/Paris',
    createdAt: now.toISOString(),
    auth: { household: 1, links: {}, devices },
  };
}

/**
 * A household with no consent (every purpose not granted until a choice is
 * recorded), a fridge and a coffee machine with tokens signed by `signer`,
 * and household `n`'s markers in its context documents.
 */
export async function createPropertyHousehold(
  store: DocumentStore,
  signer: TokenSigner,
  { n, locale, now }: { n: number; locale: Locale; now: Date },
): Promise<PropertyHousehold> {
  const id = randomId('hh');
  const at = now.toISOString();
  const devices = APPLIANCES.map((a) => ({ ...a, deviceId: randomId('dev') }));
  const batch = store.batch();
  for (const d of devices) {
    batch.set(paths.device(id, d.deviceId), {
      kind: d.kind,
      skillId: d.skillId,
      brandId: d.brandId,
      locale,
      name: d.name,
      state: {},
      createdAt: at,
    } satisfies DeviceRecord);
  }
  batch.set(
    paths.household(id),
    bareHousehold(locale, now, Object.fromEntries(devices.map((d) => [d.deviceId, 1]))),
  );
  await batch.commit();
  await plantMarkers(store, id, n, now);
  // Tokens expire on the wall clock, whatever the domain clock says.
  const exp = Math.floor(Date.now() / 1000) + 3600;
  return {
    n,
    id,
    locale,
    screens: devices.map((d) => ({
      skillId: d.skillId,
      deviceId: d.deviceId,
      token: signer.sign({ kind: 'device', householdId: id, deviceId: d.deviceId, generation: 1, exp }),
      generation: 1,
    })),
  };
}
