/**
 * The grant writes of account linking on both store adapters (SQLite and the Firestore
 * emulator): recording a grant's use and its platform user, finding a grant by the
 * user, revoking and unlinking (an equality query on `oauth` by `grantId`, which
 * Firestore's automatic single-field index serves).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_RETENTION_MS } from '../../src/household/expired-documents.js';
import { householdRecordSchema } from '../../src/household/household-record.js';
import { paths } from '../../src/household/paths.js';
import { recordGrantUse } from '../../src/linking/grant-use.js';
import { createGrant, type GrantRef, readGrant, revokeGrant } from '../../src/linking/grants.js';
import {
  findGrantOfPlatformUser,
  type PlatformUser,
  platformUserIndexPath,
} from '../../src/linking/platform-user.js';
import { unlinkGrant } from '../../src/linking/unlink-grant.js';
import type { DocumentStore } from '../../src/store/document-store.js';
import { STORE_ADAPTERS } from '../support/store-adapters.js';

const H1 = 'hh_links_one';
const H2 = 'hh_links_two';
const NOW = new Date('2026-11-20T09:00:00.000Z');
const HOUSEHOLD = {
  locale: 'en-US',
  timeZone: 'Europe/London',
  createdAt: NOW.toISOString(),
  auth: { household: 1, links: {}, devices: {} },
};
const alexaUser = (userId: string): PlatformUser => ({ platform: 'alexa', skillId: 'fridge-chef', userId });

describe.each(STORE_ADAPTERS)('account links on %s', (_name, open) => {
  let store: DocumentStore;
  let close: () => Promise<void>;
  let alexa: GrantRef;
  let google: GrantRef;
  beforeEach(async () => {
    ({ store, close } = await open());
    await store.set(paths.household(H1), HOUSEHOLD);
    await store.set(paths.household(H2), HOUSEHOLD);
    const client = { clientId: 'fridge-chef-alexa', platform: 'alexa', skillId: 'fridge-chef' } as const;
    alexa = (await createGrant(store, { householdId: H1, client, now: NOW }))!;
    const home = { clientId: 'google-home', platform: 'google' } as const;
    google = (await createGrant(store, { householdId: H1, client: home, now: NOW }))!;
  });
  afterEach(() => close());

  it("records a grant's use and its platform user once; the user id is stored only hashed", async () => {
    const user = alexaUser('amzn1.ask.account.SECRET-USER');
    await recordGrantUse(store, { ...alexa, user }, NOW);
    await recordGrantUse(store, { ...alexa, user }, new Date('2026-11-21T09:00:00.000Z'));
    const index = platformUserIndexPath(user);
    expect(await findGrantOfPlatformUser(store, user)).toEqual({ householdId: H1, grantId: alexa.grantId });
    expect(await readGrant(store, H1, alexa.grantId)).toMatchObject({
      platformUser: index,
      lastUsedAt: '2026-11-21T09:00:00.000Z',
    });
    const stored = await store.query({ collection: 'oauth' });
    expect(stored.map((s) => s.path)).toEqual([index]);
    expect(JSON.stringify(stored)).not.toContain('SECRET-USER');
  });

  it('records only the time of use when the platform names no user', async () => {
    await recordGrantUse(store, google, NOW);
    expect(await readGrant(store, H1, google.grantId)).toEqual({
      clientId: 'google-home',
      platform: 'google',
      createdAt: NOW.toISOString(),
      lastUsedAt: NOW.toISOString(),
    });
    expect(await store.query({ collection: 'oauth' })).toEqual([]);
  });

  it('brings back nothing of a grant revoked before its use is recorded', async () => {
    await revokeGrant(store, alexa);
    const user = alexaUser('amzn1.ask.account.LATE');
    await recordGrantUse(store, { ...alexa, user }, NOW);
    expect((await store.get(paths.link(H1, alexa.grantId))).exists).toBe(false);
    expect(await findGrantOfPlatformUser(store, user)).toBeUndefined();
  });

  it('moves the index to the grant a user linked again with', async () => {
    const user = alexaUser('amzn1.ask.account.RELINKED');
    await recordGrantUse(store, { ...alexa, user }, NOW);
    const client = { clientId: 'fridge-chef-alexa', platform: 'alexa', skillId: 'fridge-chef' } as const;
    const again = (await createGrant(store, { householdId: H1, client, now: NOW }))!;
    await recordGrantUse(store, { ...again, user }, NOW);
    expect(await findGrantOfPlatformUser(store, user)).toEqual({ householdId: H1, grantId: again.grantId });
  });

  it("revoking deletes the grant, its generation and its oauth documents, and nothing of another's", async () => {
    const user = alexaUser('amzn1.ask.account.GONE');
    await recordGrantUse(store, { ...alexa, user }, NOW);
    await store.set(paths.oauth('refresh-1'), { kind: 'refresh', householdId: H1, grantId: alexa.grantId });
    await store.set(paths.oauth('refresh-2'), { kind: 'refresh', householdId: H1, grantId: google.grantId });
    // Another household's document under the same grant id is not this household's to delete.
    await store.set(paths.oauth('foreign'), { kind: 'refresh', householdId: H2, grantId: alexa.grantId });

    expect(await revokeGrant(store, alexa)).toBe(true);
    const household = householdRecordSchema.parse((await store.get(paths.household(H1))).data);
    expect(Object.keys(household.auth.links)).toEqual([google.grantId]);
    expect((await store.get(paths.link(H1, alexa.grantId))).exists).toBe(false);
    expect(await findGrantOfPlatformUser(store, user)).toBeUndefined();
    const left = (await store.query({ collection: 'oauth' })).map((s) => s.id).sort();
    expect(left).toEqual(['foreign', 'refresh-2']);
    expect(await revokeGrant(store, alexa)).toBe(false);
  });

  it('unlinking leaves one non-personal audit record, and none for a grant already gone', async () => {
    expect(await unlinkGrant(store, { ...google, by: 'google.disconnect', wallNow: NOW })).toBe(true);
    expect(await unlinkGrant(store, { ...google, by: 'google.disconnect', wallNow: NOW })).toBe(false);
    const audit = await store.query({ collection: 'audit' });
    expect(audit.map((a) => a.data)).toEqual([
      {
        type: 'account_link.disconnected',
        by: 'google.disconnect',
        platform: 'google',
        clientId: 'google-home',
        householdRef: expect.any(String),
        at: NOW.toISOString(),
        expireAt: new Date(NOW.getTime() + AUDIT_RETENTION_MS).toISOString(),
      },
    ]);
    expect(JSON.stringify(audit)).not.toContain(H1);
  });
});
