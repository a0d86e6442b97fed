import { randomBytes, randomUUID } from 'node:crypto';
import { skillChannelsPath } from '../channels/skill-channels.js';
import { SKILL_OF_DEVICE_KIND } from '../household/household-record.js';
import { paths } from '../household/paths.js';
import { randomId } from '../ids/random-id.js';
import { AlreadyExistsError, type DocData, type DocumentStore } from '../store/document-store.js';
import { DEMO_BRANDS, DEMO_HOUSEHOLDS, DEMO_MAKERS } from './demo-households.js';

/** Where the demo remembers what it seeded, in order: the households, brands and makers of demo.json. */
export const DEMO_MARKER_PATH = 'meta/demo';

export interface DemoMarker {
  seededAt: string;
  households: string[];
  brands: string[];
  makers: string[];
}

/** Top-level collections the demo writes; `--reset` clears them. */
const DEMO_COLLECTIONS = [
  'households',
  'brands',
  'applianceMakers',
  'skillChannels',
  'meta',
  'oauth',
  'audit',
  'reports',
];

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

/** Seeds the demo unless it is there already; returns whether it seeded. Safe when two processes race. */
export async function seedDemo({ store, now }: { store: DocumentStore; now: Date }): Promise<boolean> {
  if ((await store.get(DEMO_MARKER_PATH)).exists) return false;
  const at = now.toISOString();
  const batch = store.batch();
  const marker: DemoMarker = { seededAt: at, households: [], brands: [], makers: [] };

  for (const brand of DEMO_BRANDS) {
    batch.set(paths.brand(brand.id), { name: brand.name, skillId: brand.skillId, tokenGeneration: 1 });
    marker.brands.push(brand.id);
  }
  for (const brand of DEMO_BRANDS) {
    // How Alexa and Dialogflow reach the demo's skills; a real deployment writes its own.
    batch.set(skillChannelsPath(brand.skillId), {
      alexaApplicationId: `amzn1.ask.skill.${randomUUID()}`,
      dialogflowHeaders: { 'x-hearth-dialogflow-key': randomBytes(24).toString('base64url') },
    });
  }
  for (const maker of DEMO_MAKERS) {
    batch.set(paths.maker(maker.id), { name: maker.name, kinds: maker.kinds, tokenGeneration: 1 });
    marker.makers.push(maker.id);
  }
  for (const spec of DEMO_HOUSEHOLDS) {
    const hid = randomId('hh');
    marker.households.push(hid);
    const deviceGenerations: Record<string, number> = {};
    for (const device of spec.devices) {
      const deviceId = randomId('dev');
      deviceGenerations[deviceId] = 1;
      batch.set(paths.device(hid, deviceId), {
        kind: device.kind,
        skillId: SKILL_OF_DEVICE_KIND[device.kind],
        brandId: DEMO_BRANDS.find((b) => b.skillId === SKILL_OF_DEVICE_KIND[device.kind])?.id ?? 'unknown',
        locale: spec.locale,
        name: device.name,
        state: {},
        createdAt: at,
      });
    }
    batch.set(paths.household(hid), {
      name: spec.name,
      locale: spec.locale,
      timeZone: spec.timeZone,
      createdAt: at,
      demo: true,
      auth: { household: 1, links: 1, devices: deviceGenerations },
      // What the demo household agreed to; the consent gate honours it once the consent work lands.
      consents: {
        inventory: true,
        consumption: true,
        health: false,
        offers: Object.fromEntries(DEMO_BRANDS.map((b) => [b.id, true])),
        measurement: Object.fromEntries(DEMO_BRANDS.map((b) => [b.id, true])),
      },
    });
    batch.set(paths.context(hid, 'inventory'), {
      items: spec.fridge.map((item) => ({
        ingredient: item.ingredient,
        quantity: item.quantity,
        unit: item.unit,
        expiresOn: dateInZone(now, item.expiresInDays, spec.timeZone),
      })),
      updatedAt: at,
    });
    batch.set(paths.context(hid, 'consumption'), {
      capsules: Object.fromEntries(
        spec.capsules.map((c) => [c.variety, { stock: c.left, perDay: c.perDay, updatedAt: at }]),
      ),
      updatedAt: at,
    });
  }
  // The marker is created in the same atomic batch: when two processes seed at once, one batch fails whole.
  batch.create(DEMO_MARKER_PATH, marker as unknown as DocData);
  try {
    await batch.commit();
    return true;
  } catch (error) {
    if (error instanceof AlreadyExistsError) return false;
    throw error;
  }
}

/** Deletes everything the demo writes, so the next seed starts over. */
export async function resetDemo(store: DocumentStore): Promise<void> {
  for (const collection of DEMO_COLLECTIONS) {
    const docs = await store.query({ collection });
    for (const doc of docs) await store.recursiveDelete(doc.path);
  }
}
