import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commandsCollection } from '../../src/household/device-commands.js';
import { eventsCollection } from '../../src/household/device-events/event-records.js';
import { paths } from '../../src/household/paths.js';
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
  // Every collection whose documents expire: the purge and the reads filter on expireAt in it;
  // sign-in codes and browser sessions (top-level collections) expire by TTL.
  const expiring = [
    ...[eventsCollection('h'), commandsCollection('h')].map((c) => c.split('/').at(-1)!),
    ...[paths.signin('x'), paths.session('x')].map((p) => p.split('/')[0]!),
  ];

  it.each(expiring)('puts a TTL policy on %s.expireAt and keeps the index its range queries use', (group) => {
    const override = file.fieldOverrides.find(
      (o) => o.collectionGroup === group && o.fieldPath === EXPIRE_AT_FIELD,
    );
    expect(override?.ttl).toBe(true);
    // An override replaces the automatic indexes: the ascending one within a collection must stay.
    expect(override?.indexes).toContainEqual({ order: 'ASCENDING', queryScope: 'COLLECTION' });
  });
});
