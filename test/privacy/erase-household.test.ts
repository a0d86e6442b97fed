/**
 * The erasure on both adapters, from a store holding a household in every place a household
 * can be: its tree, account-linking secrets, pairings, sessions, sign-in codes, a brand's
 * outbox, the purge cursor and the demo marker. Afterwards nothing names it, a neighbour is
 * untouched, and what is left is a tombstone (hash only) and a non-personal audit record;
 * an erasure cut short is finished by the purge.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_MARKER_PATH } from '../../src/demo/demo-marker.js';
import { purgeExpiredEvents } from '../../src/household/device-events/event-retention.js';
import {
  AUDIT_RETENTION_MS,
  deleteExpiredTopLevel,
  PURGE_CURSOR_PATH,
} from '../../src/household/expired-documents.js';
import { paths } from '../../src/household/paths.js';
import { hashSecret } from '../../src/ids/secret-hash.js';
import { eraseHousehold } from '../../src/privacy/erase-household.js';
import { ERASURE_CUT_SHORT_AFTER_MS, finishInterruptedErasures } from '../../src/privacy/finish-erasures.js';
import { NAMING_THE_HOUSEHOLD } from '../../src/privacy/naming-the-household.js';
import { TOMBSTONE_RETENTION_MS, tombstonePath } from '../../src/privacy/tombstone-record.js';
import type { DocData, DocumentStore, Query } from '../../src/store/document-store.js';
import { STORE_ADAPTERS } from '../support/store-adapters.js';
import { storeWith } from '../support/store-faults.js';

const NOW = new Date('2026-12-05T09:00:00.000Z');
const LATER = new Date(NOW.getTime() + 3600_000).toISOString();
const GONE = 'hh_erasedHousehold01';
const KEPT = 'hh_keptHousehold0002';

/** Every kind of document that names household `hid`, as the code that writes each does. */
async function seedHousehold(store: DocumentStore, hid: string): Promise<void> {
  const batch = store.batch();
  const under = (rest: string, data: DocData) => batch.set(`${paths.household(hid)}/${rest}`, data);
  batch.set(paths.household(hid), {
    locale: 'fr-FR',
    timeZone: 'Europe/Paris',
    createdAt: NOW.toISOString(),
  });
  under('context/inventory', { items: [{ ingredient: 'egg', quantity: 2 }] });
  under('devices/dev_1', { kind: 'fridge', state: { online: true } });
  under('links/lnk_1', { clientId: 'c', platform: 'alexa', createdAt: NOW.toISOString() });
  under('commands/cmd_1', { deviceId: 'dev_1', expireAt: LATER });
  under('events/ev_1', { deviceId: 'dev_1', expireAt: LATER });
  under('events/ev_2', { deviceId: 'dev_1', expireAt: LATER });
  under('consentLedger/l1', { purpose: 'inventory', granted: true });
  under('noticesServed/n1', { purpose: 'inventory' });
  under('limits/pairingFailures', { tokens: 4 });
  under('offerLog/o1', { offer: 'x' });
  under('orders/ord-prp_1', { variety: 'ristretto', status: 'placed' });
  under('proposals/prp_2', { variety: 'lungo', totalMinor: 2150 });
  batch.set(paths.deliveryAddress(hid), {
    name: 'Claire Martin',
    line1: '12 rue des Lilas',
    postalCode: '75011',
    city: 'Paris',
    country: 'FR',
    updatedAt: NOW.toISOString(),
  });
  under('somethingNew/x1', { note: 'a collection no list counts' });
  batch.set(paths.oauth(`code-${hid}`), { kind: 'code', householdId: hid, expireAt: LATER });
  batch.set(paths.oauth(`refresh-${hid}`), { kind: 'refresh', householdId: hid, expireAt: LATER });
  batch.set(paths.oauth(`user-${hid}`), { kind: 'platform-user', householdId: hid, grantId: 'lnk_1' });
  batch.set(paths.pairing(`pair-${hid}`), { status: 'claimed', householdId: hid, expireAt: LATER });
  batch.set(paths.session(`session-${hid}`), { subject: { kind: 'household', householdId: hid } });
  batch.set(paths.signin(`signin-${hid}`), { subject: { kind: 'household', householdId: hid } });
  batch.set(`${paths.brandOutbox('brand_1')}/out-${hid}`, { householdId: hid, order: 'o1' });
  batch.set(`${paths.brandOutbox('brand_1')}/ord-prp_1.order.placed-${hid}`, {
    householdId: hid,
    orderId: 'ord-prp_1',
  });
  await batch.commit();
}

/** Every document of the store, by path: the port has no listing, so the test walks what it wrote. */
async function documentsNaming(store: DocumentStore, hid: string): Promise<string[]> {
  const collections = [
    ...['context', 'devices', 'links', 'commands', 'events', 'consentLedger', 'noticesServed'].map(
      (c) => `${paths.household(hid)}/${c}`,
    ),
    ...['limits', 'offerLog', 'orders', 'proposals', 'contract', 'somethingNew'].map(
      (c) => `${paths.household(hid)}/${c}`,
    ),
    'households',
    'oauth',
    'pairings',
    'sessions',
    'signins',
    paths.brandOutbox('brand_1'),
    'meta',
    'audit',
    'erasures',
  ];
  const found: string[] = [];
  for (const collection of collections) {
    for (const snap of await store.query({ collection })) {
      if (`${snap.path} ${JSON.stringify(snap.data)}`.includes(hid)) found.push(snap.path);
    }
  }
  return found;
}

describe.each(STORE_ADAPTERS)('erasing a household on %s', (_name, open) => {
  let store: DocumentStore;
  let close: () => Promise<void>;
  beforeEach(async () => {
    ({ store, close } = await open());
    await store.set(paths.brand('brand_1'), { name: 'Brand', tokenGeneration: 1 });
    await seedHousehold(store, GONE);
    await seedHousehold(store, KEPT);
    await store.set(PURGE_CURSOR_PATH, {
      events: { after: GONE, at: NOW.toISOString() },
      commands: { after: KEPT, at: NOW.toISOString() },
    });
    await store.set(DEMO_MARKER_PATH, { seededAt: NOW.toISOString(), households: [KEPT, GONE], brands: [] });
  });
  afterEach(() => close());

  it('leaves no document naming it, counts what went, and touches no other household', async () => {
    const before = await documentsNaming(store, KEPT);
    expect(await documentsNaming(store, GONE)).toHaveLength(before.length);

    const counts = await eraseHousehold(store, GONE, { now: NOW });

    expect(await documentsNaming(store, GONE)).toEqual([]);
    expect(await documentsNaming(store, KEPT)).toEqual(before);
    expect(counts).toEqual({
      household: 1,
      context: 1,
      devices: 1,
      links: 1,
      commands: 1,
      events: 2,
      consentLedger: 1,
      noticesServed: 1,
      limits: 1,
      offerLog: 1,
      orders: 1,
      proposals: 1,
      contract: 1,
      oauth: 3,
      pairings: 1,
      sessions: 1,
      signins: 1,
      brandOutbox: 2,
      purgeCursor: 1,
      demoMarker: 1,
    });
    // The delivery address (contract data, apart from the context documents) went; the other household's stays.
    expect((await store.get(paths.deliveryAddress(GONE))).exists).toBe(false);
    expect((await store.get(paths.deliveryAddress(KEPT))).exists).toBe(true);
    // The uncounted collection went with the recursive delete all the same.
    expect(await store.query({ collection: `${paths.household(GONE)}/somethingNew` })).toEqual([]);
    expect((await store.get(PURGE_CURSOR_PATH)).data).toEqual({
      commands: { after: KEPT, at: NOW.toISOString() },
    });
    expect((await store.get(DEMO_MARKER_PATH)).data?.households).toEqual([KEPT]);
  });

  it('leaves a tombstone under the hash of the id and a non-personal audit record, both expiring', async () => {
    const counts = await eraseHousehold(store, GONE, { now: NOW });
    const tombstone = await store.get(tombstonePath(GONE));
    expect(tombstone.id).toBe(hashSecret(GONE));
    expect(tombstone.data).toEqual({
      status: 'erased',
      startedAt: NOW.toISOString(),
      erasedAt: NOW.toISOString(),
      expireAt: new Date(NOW.getTime() + TOMBSTONE_RETENTION_MS).toISOString(),
    });
    const audit = (await store.query({ collection: 'audit' })).map((a) => a.data);
    expect(audit).toEqual([
      {
        type: 'erasure',
        counts,
        at: NOW.toISOString(),
        expireAt: new Date(NOW.getTime() + AUDIT_RETENTION_MS).toISOString(),
      },
    ]);
    expect(JSON.stringify(audit)).not.toContain(hashSecret(GONE));

    // The hourly purge deletes both once they expire, not before.
    const dayBefore = (ms: number) => new Date(NOW.getTime() + ms - 24 * 3600_000);
    const pastExpiry = (ms: number) => new Date(NOW.getTime() + ms + 1000);
    await deleteExpiredTopLevel({ store, wallNow: dayBefore(TOMBSTONE_RETENTION_MS) });
    expect((await store.get(tombstonePath(GONE))).exists).toBe(true);
    await deleteExpiredTopLevel({ store, wallNow: pastExpiry(TOMBSTONE_RETENTION_MS) });
    expect((await store.get(tombstonePath(GONE))).exists).toBe(false);
    expect(await store.query({ collection: 'audit' })).toHaveLength(1);
    await deleteExpiredTopLevel({ store, wallNow: pastExpiry(AUDIT_RETENTION_MS) });
    expect(await store.query({ collection: 'audit' })).toHaveLength(0);
  });

  it('is idempotent: a second run deletes nothing more and writes no second audit record', async () => {
    await eraseHousehold(store, GONE, { now: NOW });
    expect(await eraseHousehold(store, GONE, { now: NOW })).toEqual({});
    expect(await store.query({ collection: 'audit' })).toHaveLength(1);
    expect(await documentsNaming(store, GONE)).toEqual([]);
  });

  it('finishes an erasure cut short on the purge, once it is old enough, and only one this code began', async () => {
    // Cut short right after the first commit: the household document and the tombstone.
    const startedAt = new Date(NOW.getTime() - ERASURE_CUT_SHORT_AFTER_MS - 1000).toISOString();
    const erasing = (hid: string, at: string) => ({
      status: 'erasing',
      householdId: hid,
      startedAt: at,
      expireAt: LATER,
    });
    await store.delete(paths.household(GONE));
    await store.set(tombstonePath(GONE), erasing(GONE, startedAt));
    // One that may still be running, and one whose id is not the hash of the id it holds.
    await store.set(tombstonePath('hh_running'), erasing('hh_running', NOW.toISOString()));
    await store.set(paths.erasure('forged'), erasing(KEPT, startedAt));

    expect(await finishInterruptedErasures({ store, wallNow: NOW })).toBe(1);
    expect(await documentsNaming(store, GONE)).toEqual([]);
    expect((await store.get(tombstonePath(GONE))).data).toMatchObject({ status: 'erased', startedAt });
    const audit = (await store.query({ collection: 'audit' })).map((a) => a.data);
    expect(audit).toEqual([expect.objectContaining({ type: 'erasure', finishedByPurge: true })]);
    expect((await store.get(paths.household(KEPT))).exists).toBe(true);
    expect((await store.get(tombstonePath('hh_running'))).data).toMatchObject({ status: 'erasing' });
    expect(await finishInterruptedErasures({ store, wallNow: NOW })).toBe(0);
  });

  it('never lets the purge cursor name a household erased while the purge ran', async () => {
    // The cursor says the events purge stopped at GONE: this run visits KEPT, then GONE last.
    let erased = false;
    const racing = storeWith(store, (method) =>
      method === 'query'
        ? async (query: unknown) => {
            if (!erased && (query as Query).collection === `${paths.household(GONE)}/events`) {
              erased = true;
              await eraseHousehold(store, GONE, { now: NOW });
            }
            return store.query(query as Query);
          }
        : undefined,
    );
    await purgeExpiredEvents({ store: racing, now: new Date(LATER) });
    expect(erased).toBe(true);
    expect(JSON.stringify((await store.get(PURGE_CURSOR_PATH)).data)).not.toContain(GONE);
    expect(await documentsNaming(store, GONE)).toEqual([]);
    // The next run visits KEPT and remembers it.
    await purgeExpiredEvents({ store, now: new Date(LATER) });
    expect((await store.get(PURGE_CURSOR_PATH)).data?.events).toMatchObject({ after: KEPT });
  });

  it('has one list of the collections outside households/ that name a household', () => {
    expect(NAMING_THE_HOUSEHOLD.map((n) => n.kind)).toEqual([
      'oauth',
      'pairings',
      'sessions',
      'signins',
      'brandOutbox',
    ]);
  });
});
