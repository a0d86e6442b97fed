import { randomBytes, randomUUID } from 'node:crypto';
import { skillChannelsPath } from '../channels/skill-channels-record.js';
import { writeSeededGrants } from '../consent/seeded-choices.js';
import type { ConsumptionDocument, InventoryDocument } from '../household/context-documents.js';
import type { DeliveryAddressDocument } from '../household/delivery-address.js';
import type {
  BrandRecord,
  DeviceRecord,
  HouseholdRecord,
  MakerRecord,
} from '../household/household-record.js';
import { paths } from '../household/paths.js';
import { randomId } from '../ids/random-id.js';
import { hashSecret, randomSecret } from '../ids/secret-hash.js';
import type { LinkGrantRecord } from '../linking/link-grant-record.js';
import type { OAuthClientRecord } from '../linking/oauth-client-record.js';
import { loadDefaultLanguage } from '../runtime/default-language.js';
import { AlreadyExistsError, type DocumentStore } from '../store/document-store.js';
import { demoCapsuleHistory } from './demo-capsule-history.js';
import { DEMO_BRANDS, DEMO_HOUSEHOLDS, DEMO_MAKERS } from './demo-households.js';
import { DEMO_MARKER_PATH, type DemoMarker, parseDemoMarker } from './demo-marker.js';
import { DEMO_OAUTH_CLIENTS } from './demo-oauth-clients.js';

/** The calendar date `days` after `now` in `timeZone` (YYYY-MM-DD), as a fridge label would read. */
function dateInZone(now: Date, days: number, timeZone: string): string {
  const shifted = new Date(now.getTime() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(shifted);
}

/** The store holds something the demo would overwrite. */
export class DemoSeedConflictError extends Error {
  override readonly name = 'DemoSeedConflictError';
}

/** Seeds the demo unless it is there already; returns whether it seeded. Safe when two processes race. */
export async function seedDemo({ store, now }: { store: DocumentStore; now: Date }): Promise<boolean> {
  if ((await store.get(DEMO_MARKER_PATH)).exists) return false;
  const at = now.toISOString();
  const language = loadDefaultLanguage();
  const batch = store.batch();
  const marker: DemoMarker = {
    seededAt: at,
    households: [],
    brands: [],
    makers: [],
    skillChannels: [],
    oauthClients: [],
  };
  const channelSnaps = await store.getAll(DEMO_BRANDS.map((brand) => skillChannelsPath(brand.skillId)));
  // The demo's brands and makers have fixed ids: never seed over real ones (a set would reset their
  // token generation and bring revoked tokens back). Created, not set, so a race fails the batch too.
  const fixed = await store.getAll([
    ...DEMO_BRANDS.map((b) => paths.brand(b.id)),
    ...DEMO_MAKERS.map((m) => paths.maker(m.id)),
    ...DEMO_OAUTH_CLIENTS.map((client) => paths.oauthClient(client.clientId)),
  ]);
  const taken = fixed.find((snap) => snap.exists);
  if (taken)
    throw new DemoSeedConflictError(`${taken.path} exists and is not the demo's: refusing to seed over it`);

  for (const brand of DEMO_BRANDS) {
    batch.create(paths.brand(brand.id), {
      name: brand.name,
      skillId: brand.skillId,
      tokenGeneration: 1,
    } satisfies BrandRecord);
    marker.brands.push(brand.id);
  }
  for (const [i, brand] of DEMO_BRANDS.entries()) {
    // How Alexa and Dialogflow reach the demo's skills. A deployment's own settings are
    // never replaced (create, not set: one written since the read fails the batch).
    if (channelSnaps[i]?.exists) continue;
    batch.create(skillChannelsPath(brand.skillId), {
      alexaApplicationId: `amzn1.ask.skill.${randomUUID()}`,
      dialogflowHeaders: { 'x-hearth-dialogflow-key': randomBytes(24).toString('base64url') },
    });
    marker.skillChannels.push(brand.skillId);
  }
  for (const maker of DEMO_MAKERS) {
    batch.create(paths.maker(maker.id), {
      name: maker.name,
      kinds: [...maker.kinds],
      tokenGeneration: 1,
    } satisfies MakerRecord);
    marker.makers.push(maker.id);
  }
  for (const client of DEMO_OAUTH_CLIENTS) {
    const secret = randomSecret();
    batch.create(paths.oauthClient(client.clientId), {
      platform: client.platform,
      ...(client.skillId ? { skillId: client.skillId } : {}),
      secretHash: hashSecret(secret),
      redirectUris: client.redirectUris,
      pkceRequired: client.pkceRequired,
      createdAt: at,
    } satisfies OAuthClientRecord);
    marker.oauthClients.push({ clientId: client.clientId, secret });
  }
  for (const spec of DEMO_HOUSEHOLDS) {
    const hid = randomId('hh');
    // Every demo household has linked every demo client, as if it had gone through account linking.
    const links: Record<string, number> = {};
    for (const client of DEMO_OAUTH_CLIENTS) {
      const grantId = randomId('lnk');
      links[grantId] = 1;
      batch.set(paths.link(hid, grantId), {
        clientId: client.clientId,
        platform: client.platform,
        ...(client.skillId ? { skillId: client.skillId } : {}),
        createdAt: at,
      } satisfies LinkGrantRecord);
    }
    marker.households.push(hid);
    const deviceGenerations: Record<string, number> = {};
    for (const device of spec.devices) {
      const deviceId = randomId('dev');
      deviceGenerations[deviceId] = 1;
      // The demo's brand that makes this kind of appliance, and its skill.
      const brand = DEMO_BRANDS.find((b) => b.deviceKind === device.kind);
      if (!brand) throw new Error(`no demo brand makes ${device.kind}`);
      batch.set(paths.device(hid, deviceId), {
        kind: device.kind,
        skillId: brand.skillId,
        brandId: brand.id,
        locale: spec.locale,
        name: device.name,
        state: {},
        createdAt: at,
      } satisfies DeviceRecord);
    }
    batch.set(paths.household(hid), {
      name: spec.name,
      locale: spec.locale,
      timeZone: spec.timeZone,
      createdAt: at,
      demo: true,
      auth: { household: 1, links, devices: deviceGenerations },
      // What the demo household agreed to, written through the consent ledger's own entries.
      ...writeSeededGrants(batch, {
        householdId: hid,
        locale: spec.locale,
        at,
        language,
        actor: { kind: 'demo', id: null },
        grants: [
          ...spec.grants.purposes.map((purpose) => ({ purpose })),
          ...spec.grants.perBrand.flatMap((purpose) =>
            DEMO_BRANDS.map((b) => ({ purpose, brandId: b.id, brandName: b.name })),
          ),
        ],
      }),
    } satisfies HouseholdRecord);
    batch.set(paths.context(hid, 'inventory'), {
      items: spec.fridge.map((item) => ({
        ingredient: item.ingredient,
        quantity: item.quantity,
        unit: item.unit,
        expiresOn: dateInZone(now, item.expiresInDays, spec.timeZone),
      })),
      updatedAt: at,
    } satisfies InventoryDocument);
    batch.set(paths.deliveryAddress(hid), {
      ...spec.address,
      updatedAt: at,
    } satisfies DeliveryAddressDocument);
    batch.set(paths.context(hid, 'consumption'), {
      capsules: Object.fromEntries(
        spec.capsules.map((c) => [c.variety, demoCapsuleHistory(c, now, spec.timeZone)]),
      ),
      updatedAt: at,
    } satisfies ConsumptionDocument);
  }
  // The marker is created in the same atomic batch: when two processes seed at once, one batch fails whole.
  batch.create(DEMO_MARKER_PATH, marker);
  try {
    await batch.commit();
    return true;
  } catch (error) {
    // Another seed got there first (its marker exists now); anything else, such as
    // channel settings a deployment wrote meanwhile, is a real failure.
    if (error instanceof AlreadyExistsError && (await store.get(DEMO_MARKER_PATH)).exists) return false;
    throw error;
  }
}

/**
 * Deletes what the demo marker lists (its households with everything under them,
 * its brands, makers and channel settings) and the marker, so the next seed starts
 * over. Nothing the marker does not name is touched; without a marker, nothing is.
 */
export async function resetDemo(store: DocumentStore): Promise<void> {
  const snap = await store.get(DEMO_MARKER_PATH);
  if (!snap.exists) return;
  const marker = parseDemoMarker(snap.data);
  for (const hid of marker.households) await store.recursiveDelete(paths.household(hid));
  for (const brandId of marker.brands) await store.recursiveDelete(paths.brand(brandId));
  for (const makerId of marker.makers) await store.recursiveDelete(paths.maker(makerId));
  for (const skillId of marker.skillChannels) await store.delete(skillChannelsPath(skillId));
  for (const { clientId } of marker.oauthClients) await store.delete(paths.oauthClient(clientId));
  // Last: a reset that fails part way can run again from the same marker.
  await store.delete(DEMO_MARKER_PATH);
}
