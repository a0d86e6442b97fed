/**
 * The hourly purge of expired sessions, sign-in codes, account-linking secrets and
 * pairings, on both adapters: what has expired (wall clock) goes, what has not or
 * carries no expiry (a platform user's index) stays.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteExpiredTopLevel, EXPIRING_TOP_LEVEL } from '../../src/household/expired-documents.js';
import type { DocumentStore } from '../../src/store/document-store.js';
import { STORE_ADAPTERS } from '../support/store-adapters.js';

const NOW = new Date('2026-12-05T09:00:00.000Z');
const PAST = new Date(NOW.getTime() - 1000).toISOString();
const FUTURE = new Date(NOW.getTime() + 60_000).toISOString();

describe.each(STORE_ADAPTERS)('the purge of expired top-level documents on %s', (_name, open) => {
  let store: DocumentStore;
  let close: () => Promise<void>;
  beforeEach(async () => {
    ({ store, close } = await open());
  });
  afterEach(() => close());

  it('deletes what expired in every expiring collection and keeps the rest', async () => {
    for (const collection of EXPIRING_TOP_LEVEL) {
      await store.set(`${collection}/gone`, { expireAt: PAST });
      await store.set(`${collection}/live`, { expireAt: FUTURE });
    }
    await store.set('oauth/user-index', { kind: 'platform-user', householdId: 'hh_1', grantId: 'lnk_1' });
    await store.set('households/hh_1', { expireAt: PAST, note: 'not a collection the purge knows' });

    expect(await deleteExpiredTopLevel({ store, wallNow: NOW })).toBe(EXPIRING_TOP_LEVEL.length);
    for (const collection of EXPIRING_TOP_LEVEL) {
      expect((await store.get(`${collection}/gone`)).exists).toBe(false);
      expect((await store.get(`${collection}/live`)).exists).toBe(true);
    }
    expect((await store.get('oauth/user-index')).exists).toBe(true);
    expect((await store.get('households/hh_1')).exists).toBe(true);
    expect(await deleteExpiredTopLevel({ store, wallNow: NOW })).toBe(0);
  });

  it('stops at its limit per collection, one commit at a time, and finishes on the next run', async () => {
    const batch = store.batch();
    for (let i = 0; i < 30; i++) batch.set(`sessions/s${i}`, { expireAt: PAST });
    await batch.commit();
    expect(await deleteExpiredTopLevel({ store, wallNow: NOW, limit: 20 })).toBe(20);
    expect(await deleteExpiredTopLevel({ store, wallNow: NOW, limit: 20 })).toBe(10);
    expect(await store.query({ collection: 'sessions' })).toHaveLength(0);
  });
});
