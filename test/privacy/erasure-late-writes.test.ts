/**
 * Writes that were on their way when a household was erased bring nothing of it back: a
 * turn's writes queued after its reply and flushed after the erasure, and a device's event
 * batch applied after it (its device document is gone with the household).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { shippedIngredientLabels } from '../../src/domains/recipes/normalise-ingredient.js';
import { applyDeviceEvents } from '../../src/household/device-events/apply-events.js';
import { createEffectWriter } from '../../src/household/effect-writer.js';
import { paths } from '../../src/household/paths.js';
import { eraseHousehold } from '../../src/privacy/erase-household.js';
import type { ConsentGate } from '../../src/runtime/consent-gate.js';
import type { HouseholdWrite } from '../../src/runtime/effects.js';
import type { DocumentStore } from '../../src/store/document-store.js';
import { STORE_ADAPTERS } from '../support/store-adapters.js';
import { capturingLogger } from '../support/store-faults.js';

const NOW = new Date('2026-12-05T09:00:00.000Z');
const GONE = 'hh_erasedBeforeFlush1';
const KEPT = 'hh_keptThroughFlush02';
const grantAll: ConsentGate = { read: async (purposes) => ({ granted: [...purposes], documents: {} }) };

const turnWrites = (tag: string): HouseholdWrite[] => [
  { kind: 'record', collection: 'offerLog', id: `offer-${tag}`, data: { tag } },
  { kind: 'contextAdd', purpose: 'preferences', field: 'shoppingList', values: [`milk-${tag}`] },
  { kind: 'context', purpose: 'inventory', update: () => ({ items: [], note: tag }) },
];

/** Every document under the household that the writes above (or an event batch) could create. */
async function underHousehold(store: DocumentStore, hid: string): Promise<string[]> {
  const found = [(await store.get(paths.household(hid))).exists ? paths.household(hid) : ''];
  for (const collection of ['offerLog', 'context', 'events', 'devices']) {
    found.push(
      ...(await store.query({ collection: `${paths.household(hid)}/${collection}` })).map((s) => s.path),
    );
  }
  return found.filter(Boolean);
}

describe.each(STORE_ADAPTERS)('writes after an erasure on %s', (_name, open) => {
  let store: DocumentStore;
  let close: () => Promise<void>;
  beforeEach(async () => {
    ({ store, close } = await open());
    for (const hid of [GONE, KEPT]) {
      await store.set(paths.household(hid), { locale: 'fr-FR', timeZone: 'Europe/Paris' });
      await store.set(paths.device(hid, 'dev_1'), {
        kind: 'coffee-machine',
        state: {},
        createdAt: NOW.toISOString(),
      });
    }
  });
  afterEach(() => close());

  it('drops the queued writes of a household erased before the flush, and writes the others', async () => {
    const { logger, lines } = capturingLogger();
    const writer = createEffectWriter({ store, logger, flushIntervalMs: 60_000 });
    writer.defer(GONE, turnWrites('gone'), 'req-gone');
    writer.defer(KEPT, turnWrites('kept'), 'req-kept');
    await eraseHousehold(store, GONE, { now: NOW });
    await writer.flush();

    expect(await underHousehold(store, GONE)).toEqual([]);
    expect((await underHousehold(store, KEPT)).sort()).toEqual(
      [
        paths.household(KEPT),
        paths.record(KEPT, 'offerLog', 'offer-kept'),
        paths.context(KEPT, 'preferences'),
        paths.context(KEPT, 'inventory'),
        paths.device(KEPT, 'dev_1'),
      ].sort(),
    );
    expect(lines.find((l) => l.msg === 'deferred writes of an erased household dropped')).toMatchObject({
      writes: 2,
      requestIds: ['req-gone'],
    });
    expect(JSON.stringify(lines)).not.toContain(GONE);
    expect(lines.some((l) => l.msg === 'deferred writes lost after a retry')).toBe(false);
  });

  it('keeps nothing of an event batch applied after the erasure', async () => {
    await eraseHousehold(store, GONE, { now: NOW });
    const results = await applyDeviceEvents({
      store,
      householdId: GONE,
      deviceId: 'dev_1',
      gate: grantAll,
      now: NOW,
      ingredientLabels: shippedIngredientLabels(),
      events: [
        { eventId: 'e1', type: 'capsule.brewed', at: NOW.toISOString(), variety: 'espresso', count: 1 },
        { eventId: 'e2', type: 'device.state', at: NOW.toISOString(), online: true },
      ],
    });
    expect(results.map((r) => r.status)).toEqual(['discarded', 'discarded']);
    expect(await underHousehold(store, GONE)).toEqual([]);
  });
});
