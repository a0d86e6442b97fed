/**
 * `DELETE /v1/households/:hid` end to end, on SQLite and on the Firestore emulator: the demo
 * is seeded, one household is used a little on every channel (a screen turn that writes, device
 * events, a sign-in link used in a browser, an account link made through OAuth and used by
 * Alexa, a paired appliance, the purge's cursor on it), then erased through the route. Then every
 * document in the store is read (SQLite's table, Firestore's collections walked recursively) and
 * those whose path or content holds the household's id are counted: there must be none, and
 * every other household must have exactly the documents it had.
 */
import path from 'node:path';
import { Firestore } from '@google-cloud/firestore';
import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { QueuedEffectWriter } from '../../src/household/effect-writer.js';
import { PURGE_CURSOR_PATH } from '../../src/household/expired-documents.js';
import { findGrantOfPlatformUser } from '../../src/linking/platform-user.js';
import { SqliteDatabase } from '../../src/store/sqlite/sqlite-driver.js';
import { bearer, createHarness, type Harness } from '../support/app-harness.js';
import { openTestFirestoreStore } from '../support/firestore.js';
import { grantingPolicy } from '../support/granting-gate.js';
import { coffeeOf, expectProblem, expectScreenReply, fridgeOf } from '../support/http-expect.js';
import { demoClient, discover, link, refreshWith } from '../support/oauth-client.js';
import { pairDevice } from '../support/pairing-requests.js';
import { alexaTurnIsLinked } from '../support/platform-calls.js';
import { pathOf, setCookies } from '../support/sign-in.js';

type StoredDocument = { path: string; text: string };

/** Every row of the SQLite file's documents table, read with a connection of its own. */
function sqliteDocuments(h: Harness): () => Promise<StoredDocument[]> {
  return async () => {
    const db = new SqliteDatabase(path.join(h.dir, 'hearth.db'), { readonly: true });
    try {
      return db.prepare('SELECT path, data AS text FROM documents').all() as StoredDocument[];
    } finally {
      db.close();
    }
  };
}

/** Every document of the emulator's project, walking collections and subcollections (under missing documents too). */
function firestoreDocuments(projectId: string, host: string): () => Promise<StoredDocument[]> {
  return async () => {
    const raw = new Firestore({ projectId, host, ssl: false });
    const found: StoredDocument[] = [];
    const walk = async (collections: FirebaseFirestore.CollectionReference[]): Promise<void> => {
      for (const collection of collections) {
        for (const ref of await collection.listDocuments()) {
          const snap = await ref.get();
          if (snap.exists) found.push({ path: ref.path, text: JSON.stringify(snap.data()) });
          await walk(await ref.listCollections());
        }
      }
    };
    try {
      await walk(await raw.listCollections());
    } finally {
      await raw.terminate();
    }
    return found;
  };
}

const naming = (documents: readonly StoredDocument[], hid: string) =>
  documents.filter((d) => d.path.includes(hid) || d.text.includes(hid));

type Adapter = { open: () => Promise<{ h: Harness; documents: () => Promise<StoredDocument[]> }> };
const ADAPTERS: [string, Adapter][] = [
  [
    'SQLite',
    {
      open: async () => {
        const h = await createHarness({ consent: grantingPolicy() });
        return { h, documents: sqliteDocuments(h) };
      },
    },
  ],
  [
    'Firestore',
    {
      open: async () => {
        const { store, emulator } = await openTestFirestoreStore();
        const h = await createHarness({ consent: grantingPolicy(), store });
        return { h, documents: firestoreDocuments(emulator.projectId, emulator.host) };
      },
    },
  ],
];

describe.each(ADAPTERS)('DELETE /v1/households/:hid on %s', (name, adapter) => {
  let h: Harness;
  let documents: () => Promise<StoredDocument[]>;
  beforeAll(async () => {
    ({ h, documents } = await adapter.open());
  }, 60_000);
  afterAll(() => h.close());

  const erase = (hid: string, token: string | undefined) =>
    h.app.request(`/v1/households/${hid}`, { method: 'DELETE', headers: token ? bearer(token) : {} });

  it('refuses what is not the household erasing itself, with a problem and nothing erased', async () => {
    const [a, b] = h.demo.households as [
      Harness['demo']['households'][number],
      Harness['demo']['households'][number],
    ];
    await expectProblem(await erase(a.id, undefined), 401, 'unauthorized');
    await expectProblem(await erase(a.id, b.token), 404, 'not_found');
    await expectProblem(await erase('hh_doesNotExist', a.token), 404, 'not_found');
    await expectProblem(await erase('__proto__', a.token), 400, 'validation_failed');
    await expectProblem(await erase('x'.repeat(65), a.token), 400, 'validation_failed');
    await expectProblem(await erase(a.id, fridgeOf(a).token), 401, 'unauthorized');
    await expectProblem(await erase(a.id, a.alexaAccessToken), 401, 'unauthorized');
    expect(naming(await documents(), a.id).length).toBeGreaterThan(0);
  });

  it('leaves no document anywhere in the store that names the household', async () => {
    const [erased, ...others] = h.demo.households as [
      Harness['demo']['households'][number],
      ...Harness['demo']['households'],
    ];
    const hid = erased.id;

    // A screen turn whose reply depends on a write, then device events.
    await expectScreenReply(
      await h.app.request(`/v1/screens/${fridgeOf(erased).id}/turns`, {
        method: 'POST',
        headers: bearer(fridgeOf(erased).token, true),
        body: JSON.stringify({ intent: 'AddToShoppingListIntent', slots: { ingredient: 'milk' } }),
      }),
    );
    const at = new Date('2026-11-20T08:59:00Z').toISOString();
    const events = await h.app.request(`/v1/devices/${coffeeOf(erased).id}/events`, {
      method: 'POST',
      headers: bearer(coffeeOf(erased).token, true),
      body: JSON.stringify({
        events: [
          { eventId: 'b-1', type: 'capsule.brewed', at, variety: 'espresso', count: 1 },
          { eventId: 's-1', type: 'device.state', at, online: true },
        ],
      }),
    });
    expect(events.status).toBe(202);
    // A sign-in link, used by a browser: a session.
    const signinLink = await h.app.request(`/v1/households/${hid}/signin-links`, {
      method: 'POST',
      headers: bearer(erased.token, true),
      body: '{}',
    });
    expect(signinLink.status).toBe(201);
    const { signInUrl } = (await signinLink.json()) as { signInUrl: string };
    const signedIn = await h.app.request(`http://localhost${pathOf(signInUrl)}`);
    expect(signedIn.status).toBe(303);
    expect(Object.keys(setCookies(signedIn)).some((c) => c.includes('hearth_session'))).toBe(true);
    // An account link made through OAuth, used by Alexa (which records the user's index).
    const as = await discover(h);
    const client = demoClient(h, 'alexa');
    const tokens = await link(h, as, { client, householdId: hid });
    const userId = `amzn1.account.erasure-${name}`;
    expect(await alexaTurnIsLinked(h, 'fridge-chef', tokens.access_token, userId)).toBe(true);
    await vi.waitFor(
      async () =>
        expect(
          await findGrantOfPlatformUser(h.store, { platform: 'alexa', skillId: 'fridge-chef', userId }),
        ).toBeDefined(),
      { timeout: 5000 },
    );
    // A paired appliance, and the purge's cursor stopped at the household.
    await pairDevice(h, erased, 'fridge');
    await h.store.merge(PURGE_CURSOR_PATH, { events: { after: hid, at } });
    await (h.deps.effects as QueuedEffectWriter).flush();

    const before = await documents();
    const namingBefore = naming(before, hid).length;
    const othersBefore = others.map((o) => naming(before, o.id).length);
    expect(namingBefore).toBeGreaterThan(20);

    const response = await erase(hid, erased.token);
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    await (h.deps.effects as QueuedEffectWriter).flush();

    const after = await documents();
    const left = naming(after, hid);
    console.log(
      `${name}: documents naming the household: ${namingBefore} before the erasure, ${left.length} after (${after.length} documents in the store)`,
    );
    expect(left.map((d) => d.path)).toEqual([]);
    expect(others.map((o) => naming(after, o.id).length)).toEqual(othersBefore);

    // Every token of the household is refused; the erasure left its record.
    await expectProblem(await erase(hid, erased.token), 401, 'token_revoked');
    const late = await h.app.request(`/v1/devices/${coffeeOf(erased).id}/events`, {
      method: 'POST',
      headers: bearer(coffeeOf(erased).token, true),
      body: JSON.stringify({
        events: [{ eventId: 'b-2', type: 'capsule.brewed', at, variety: 'lungo', count: 1 }],
      }),
    });
    await expectProblem(late, 401, 'token_revoked');
    expect(await alexaTurnIsLinked(h, 'fridge-chef', tokens.access_token, userId)).toBe(false);
    const refreshed = await refreshWith(h, as, client, tokens.refresh_token!);
    await expect(
      oauth.processRefreshTokenResponse(as, { client_id: client.clientId }, refreshed),
    ).rejects.toThrow();
    expect(naming(await documents(), hid)).toEqual([]);

    const audit = (await h.store.query({ collection: 'audit' })).filter((a) => a.data?.type === 'erasure');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.data).toMatchObject({
      counts: expect.objectContaining({
        household: 1,
        devices: 3,
        events: 1,
        oauth: 3,
        sessions: 2,
        signins: 1,
        pairings: 1,
        purgeCursor: 1,
        demoMarker: 1,
      }),
    });
  });
});
