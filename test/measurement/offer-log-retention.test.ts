import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { purgeExpiredOfferLog } from '../../src/measurement/offer-log-retention.js';
import { OFFER_LOG_RETENTION_MONTHS, offerLogExpireAt } from '../../src/offers/offer-log-record.js';
import type { DocumentStore } from '../../src/store/document-store.js';
import { cellEntries, writeOfferLog } from '../support/offer-log-fixture.js';
import { STORE_ADAPTERS } from '../support/store-adapters.js';

describe('offer log retention', () => {
  it('keeps a record 13 calendar months after its decision, to the last day of a shorter month', () => {
    expect(OFFER_LOG_RETENTION_MONTHS).toBe(13);
    expect(offerLogExpireAt(new Date('2026-11-11T10:00:00.000Z'))).toBe('2027-12-11T10:00:00.000Z');
    expect(offerLogExpireAt(new Date('2026-01-31T23:30:00.000Z'))).toBe('2027-02-28T23:30:00.000Z');
    expect(offerLogExpireAt(new Date('2027-01-29T00:00:00.000Z'))).toBe('2028-02-29T00:00:00.000Z');
  });
});

describe.each(STORE_ADAPTERS)('the offer log purge on %s', (_name, open) => {
  let store: DocumentStore;
  let close: () => Promise<void>;
  beforeEach(async () => {
    ({ store, close } = await open());
  });
  afterEach(async () => {
    await close();
  });

  it('deletes the expired records of every household, up to its limit per run, and keeps the others', async () => {
    const week = { at: '2025-10-01T10:00:00.000Z', week: '2025-W40' };
    await writeOfferLog(store, [
      ...cellEntries({ prefix: 'old', treated: 30, expireAt: '2026-11-01T10:00:00.000Z', ...week }),
      ...cellEntries({ prefix: 'new', treated: 5, expireAt: '2027-12-01T10:00:00.000Z', ...week }),
    ]);
    await store.set('households/old-t0/events/e1', { expireAt: '2026-01-01T00:00:00.000Z' });
    const now = new Date('2026-11-20T09:00:00.000Z');

    expect(await purgeExpiredOfferLog({ store, now, limit: 20 })).toBe(20);
    expect(await purgeExpiredOfferLog({ store, now })).toBe(10);
    expect(await purgeExpiredOfferLog({ store, now })).toBe(0);
    const left = await store.queryGroup({ collectionId: 'offerLog' });
    expect(left.map((s) => s.path.split('/')[1]).sort()).toEqual([
      'new-t0',
      'new-t1',
      'new-t2',
      'new-t3',
      'new-t4',
    ]);
    // Other collections are not the purge's.
    expect((await store.get('households/old-t0/events/e1')).exists).toBe(true);
  });
});
