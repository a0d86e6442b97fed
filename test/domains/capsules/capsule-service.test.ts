import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../../src/demo/seed-demo.js';
import { createCapsuleService } from '../../../src/domains/capsules/capsule-service.js';
import { parseContextDocument } from '../../../src/household/context-documents.js';
import { openTempSqliteStore } from '../../support/temp-sqlite.js';

const capsules = createCapsuleService();

describe('the demo households against the Crema catalog', () => {
  it.each([
    '2026-11-16T09:00:00.000Z', // a Monday
    '2026-11-20T09:00:00.000Z', // a Friday
    '2026-11-22T20:00:00.000Z', // a Sunday evening
  ])(
    'puts the de-DE household below its reorder point on %s, with a proposal for its ristretto',
    async (iso) => {
      const now = new Date(iso);
      const { store, dispose } = await openTempSqliteStore('hearth-capsules-demo-');
      try {
        await seedDemo({ store, now });
        const households = await store.query({ collection: 'households' });
        const becker = households.find((h) => h.data?.locale === 'de-DE')!;
        const doc = parseContextDocument(
          'consumption',
          (await store.get(`households/${becker.id}/context/consumption`)).data,
        );
        const household = { now, timeZone: 'Europe/Berlin', locale: 'de-DE' };
        const forecast = capsules.forecast(doc, 'ristretto', now, household.timeZone)!;
        // The seeded history says 2 a day, as the spec does; 8 left last 3 days after today.
        expect(forecast).toMatchObject({ stock: 8, perDay: 2, daysObserved: 28 });
        expect(capsules.reorderStatus(forecast, 'de-DE')?.belowReorderPoint).toBe(true);
        const draft = capsules.proposeReorder({ consumption: doc, household });
        expect(draft).toMatchObject({
          variety: 'ristretto',
          capsules: 50,
          totalMinor: 2150,
          currency: 'EUR',
        });
        expect(capsules.describe(draft!, 'de-DE').total.replace(/\s/g, ' ')).toBe('21,50 €');
      } finally {
        await dispose();
      }
    },
  );
});

describe('createCapsuleService', () => {
  const now = new Date('2026-11-20T09:00:00.000Z');
  const household = { now, timeZone: 'Europe/Paris', locale: 'fr-FR' };
  const doc = {
    capsules: {
      lungo: { stock: 40, perDay: 1, updatedAt: now.toISOString() },
      espresso: { stock: 5, perDay: 3, updatedAt: now.toISOString() },
      decaf: { stock: 3, perDay: 0, updatedAt: now.toISOString() },
    },
  };

  it('forecasts every variety, the first to run out first', () => {
    expect(capsules.forecastAll(doc, now, household.timeZone).map((f) => f.variety)).toEqual([
      'espresso',
      'lungo',
      'decaf',
    ]);
    expect(capsules.forecast(undefined, 'espresso', now, 'UTC')).toBeUndefined();
  });

  it('proposes the first variety below its point, with the usual quantity of that variety only', () => {
    expect(
      capsules.proposeReorder({
        consumption: doc,
        household,
        usualOrder: { variety: 'espresso', quantity: 20 },
      }),
    ).toMatchObject({ variety: 'espresso', boxes: 2, capsules: 20, totalMinor: 1180, market: 'FR' });
    expect(
      capsules.proposeReorder({
        consumption: doc,
        household,
        usualOrder: { variety: 'lungo', quantity: 20 },
      }),
    ).toMatchObject({ variety: 'espresso', capsules: 100 });
    expect(capsules.proposeReorder({ consumption: doc, variety: 'lungo', household })).toBeUndefined();
    expect(capsules.proposeReorder({ consumption: undefined, household })).toBeUndefined();
  });

  it('quotes on request, also without consumption, and not in a market the catalog lacks', () => {
    expect(capsules.quote({ variety: 'decaf', quantity: 10, household })).toMatchObject({ totalMinor: 590 });
    expect(
      capsules.quote({ variety: 'decaf', household: { ...household, locale: 'ja-JP' } }),
    ).toBeUndefined();
  });
});
