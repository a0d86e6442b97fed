import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { proposalsCollection } from '../../src/domains/capsules/orders/proposal-record.js';
import { commandsCollection } from '../../src/household/device-commands.js';
import { eventsCollection } from '../../src/household/device-events/event-records.js';
import { paths } from '../../src/household/paths.js';
import { OFFER_LOG } from '../../src/offers/offer-log-record.js';
import { EXPIRE_AT_FIELD } from '../../src/store/document-store.js';

/** The shape `firebase deploy --only firestore:indexes` takes (fieldOverrides with a TTL flag). */
const indexFileSchema = z.strictObject({
  indexes: z.array(z.unknown()),
  fieldOverrides: z.array(
    z.strictObject({
      collectionGroup: z.string(),
      fieldPath: z.string(),
      ttl: z.boolean().optional(),
      indexes: z.array(
        z.strictObject({
          order: z.enum(['ASCENDING', 'DESCENDING']).optional(),
          arrayConfig: z.literal('CONTAINS').optional(),
          queryScope: z.enum(['COLLECTION', 'COLLECTION_GROUP']),
        }),
      ),
    }),
  ),
});

const file = indexFileSchema.parse(JSON.parse(readFileSync('firestore.indexes.json', 'utf8')));

describe('firestore.indexes.json', () => {
  // Every subcollection whose documents expire: the purge and the reads filter on expireAt in it;
  // and what only the TTL deletes (reads check expiry): pairings and their codes, sessions,
  // sign-in codes, account-linking secrets (codes, refresh tokens), audit records and tombstones.
  const expiring = [
    eventsCollection('h'),
    commandsCollection('h'),
    proposalsCollection('h'),
    paths.pairing('p'),
    paths.pairingCode('c'),
    paths.session('x'),
    paths.signin('x'),
    paths.oauth('x'),
    paths.audit('x'),
    paths.erasure('x'),
  ].map((c) => c.split('/').at(c.split('/').length % 2 === 0 ? -2 : -1)!);

  it.each(expiring)('puts a TTL policy on %s.expireAt and keeps the index its range queries use', (group) => {
    const override = file.fieldOverrides.find(
      (o) => o.collectionGroup === group && o.fieldPath === EXPIRE_AT_FIELD,
    );
    expect(override?.ttl).toBe(true);
    // An override replaces the automatic indexes: the ascending one within a collection must stay.
    expect(override?.indexes).toContainEqual({ order: 'ASCENDING', queryScope: 'COLLECTION' });
  });

  it('keeps the collection-group index of the brand report on offerLog (brandId, measured, week)', () => {
    const index = z.object({
      collectionGroup: z.string(),
      queryScope: z.string(),
      fields: z.array(z.object({ fieldPath: z.string(), order: z.string() })),
    });
    const offerLog = file.indexes
      .map((i) => index.parse(i))
      .filter((i) => i.collectionGroup === OFFER_LOG && i.queryScope === 'COLLECTION_GROUP');
    // The week query (three equalities, in path order) and the first-week query (two equalities,
    // ordered by week) both read this one index.
    expect(offerLog.map((i) => i.fields)).toContainEqual([
      { fieldPath: 'brandId', order: 'ASCENDING' },
      { fieldPath: 'measured', order: 'ASCENDING' },
      { fieldPath: 'week', order: 'ASCENDING' },
    ]);
  });

  it('puts a TTL policy on offerLog.expireAt and keeps the collection-group index its purge queries', () => {
    const override = file.fieldOverrides.find(
      (o) => o.collectionGroup === OFFER_LOG && o.fieldPath === EXPIRE_AT_FIELD,
    );
    expect(override?.ttl).toBe(true);
    expect(override?.indexes).toContainEqual({ order: 'ASCENDING', queryScope: 'COLLECTION_GROUP' });
    expect(override?.indexes).toContainEqual({ order: 'ASCENDING', queryScope: 'COLLECTION' });
  });
});
