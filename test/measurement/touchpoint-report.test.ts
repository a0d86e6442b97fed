import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reportWeekPath, reportWeekRecordSchema } from '../../src/measurement/report-week-record.js';
import { MAX_REPORT_WEEKS } from '../../src/measurement/reportable-weeks.js';
import { weekCells } from '../../src/measurement/touchpoint-cells.js';
import {
  buildTouchpointReport,
  buildTouchpointWeekReport,
  computeWeekCells,
  OFFER_LOG_PAGE_SIZE,
  WeekNotReportableError,
} from '../../src/measurement/touchpoint-report.js';
import type { DocumentStore, GroupQuery } from '../../src/store/document-store.js';
import { cellEntries, writeOfferLog } from '../support/offer-log-fixture.js';
import { STORE_ADAPTERS } from '../support/store-adapters.js';

// Friday of 2026-W47: W46 is the latest reportable week (from Thursday 19 November).
const NOW = new Date('2026-11-20T09:00:00.000Z');
const W46 = { at: '2026-11-11T10:00:00.000Z', week: '2026-W46' };
const W45 = { at: '2026-11-04T10:00:00.000Z', week: '2026-W45' };
const W47 = { at: '2026-11-17T10:00:00.000Z', week: '2026-W47' };

/** The store with every group query it answers recorded. */
function recordingGroupQueries(store: DocumentStore): { store: DocumentStore; queries: GroupQuery[] } {
  const queries: GroupQuery[] = [];
  const wrapped = Object.create(store) as DocumentStore;
  wrapped.queryGroup = (query) => {
    queries.push(query);
    return store.queryGroup(query);
  };
  return { store: wrapped, queries };
}

describe.each(STORE_ADAPTERS)('the touchpoint report on %s', (_name, open) => {
  let store: DocumentStore;
  let close: () => Promise<void>;
  beforeEach(async () => {
    ({ store, close } = await open());
  });
  afterEach(async () => {
    await close();
  });

  it('reports every reportable week since the first measured offer, never the open week', async () => {
    await writeOfferLog(store, [
      ...cellEntries({ prefix: 'w45', treated: 52, ...W45 }),
      ...cellEntries({
        prefix: 'w46',
        treated: 55,
        controls: 50,
        converted: 11,
        controlConverted: 5,
        ...W46,
      }),
      ...cellEntries({ prefix: 'w47', treated: 70, ...W47 }),
    ]);
    const report = await buildTouchpointReport({ store, brandId: 'frostline', now: NOW });
    expect(report.brandId).toBe('frostline');
    expect(report.cells.map((c) => [c.week, 'households' in c ? c.households : 'suppressed'])).toEqual([
      ['2026-W45', 52],
      ['2026-W46', 55],
    ]);
    expect(report.cells[1]).toHaveProperty('lift');
    await expect(
      buildTouchpointWeekReport({ store, brandId: 'frostline', week: '2026-W47', now: NOW }),
    ).rejects.toEqual(new WeekNotReportableError('2026-W47', new Date('2026-11-26T00:00:00.000Z')));
    expect(await buildTouchpointReport({ store, brandId: 'crema', now: NOW })).toEqual({
      brandId: 'crema',
      cells: [],
      lifts: [],
    });
  });

  it('stores each week once, and shows the stored cells however the offer log changes after', async () => {
    await writeOfferLog(store, cellEntries({ prefix: 'a', treated: 50, converted: 3, ...W46 }));
    const first = await buildTouchpointWeekReport({
      store,
      brandId: 'frostline',
      week: '2026-W46',
      now: NOW,
    });
    expect(first.cells).toEqual([expect.objectContaining({ households: 50, converted: 3 })]);
    const stored = reportWeekRecordSchema.parse(
      (await store.get(reportWeekPath('frostline', '2026-W46'))).data,
    );
    expect(stored).toMatchObject({ brandId: 'frostline', week: '2026-W46', cells: first.cells });

    // Late records (one household more: the difference would single it out), and one erased.
    await writeOfferLog(store, cellEntries({ prefix: 'late', treated: 1, converted: 1, ...W46 }));
    await store.recursiveDelete('households/a-t49');
    const later = new Date(NOW.getTime() + 30 * 24 * 3600 * 1000);
    expect(
      await buildTouchpointWeekReport({ store, brandId: 'frostline', week: '2026-W46', now: later }),
    ).toEqual(first);
    expect((await buildTouchpointReport({ store, brandId: 'frostline', now: later })).cells).toEqual(
      first.cells,
    );
    // Computed afresh, the week would now say 4 conversions: that figure is never shown.
    expect(await computeWeekCells(store, 'frostline', '2026-W46')).toEqual([
      expect.objectContaining({ households: 50, converted: 4 }),
    ]);
  });
});

describe('the touchpoint report on SQLite', () => {
  const [, open] = STORE_ADAPTERS[0] as (typeof STORE_ADAPTERS)[number];
  let store: DocumentStore;
  let close: () => Promise<void>;
  beforeEach(async () => {
    ({ store, close } = await open());
  });
  afterEach(async () => {
    await close();
  });

  it('reads the offer log in pages of bounded size, and counts it as one read would', async () => {
    const entries = [
      ...cellEntries({
        prefix: 'p',
        treated: 700,
        controls: 400,
        accepted: 90,
        converted: 70,
        controlConverted: 20,
        ...W46,
      }),
      ...cellEntries({ prefix: 'q', treated: 120, channel: 'alexa', locale: 'de-DE', ...W46 }),
    ];
    await writeOfferLog(store, entries);
    const recorded = recordingGroupQueries(store);
    const cells = await computeWeekCells(recorded.store, 'frostline', '2026-W46');
    expect(cells).toEqual(weekCells({ brandId: 'frostline', week: '2026-W46' }, entries));
    expect(recorded.queries.length).toBe(Math.ceil(entries.length / OFFER_LOG_PAGE_SIZE));
    for (const query of recorded.queries) expect(query.limit).toBe(OFFER_LOG_PAGE_SIZE);
  });

  it(`shows the last ${MAX_REPORT_WEEKS} reportable weeks at most`, async () => {
    await writeOfferLog(
      store,
      cellEntries({ prefix: 'old', treated: 50, at: '2025-11-05T10:00:00.000Z', week: '2025-W45' }),
    );
    await writeOfferLog(store, cellEntries({ prefix: 'new', treated: 50, ...W46 }));
    const report = await buildTouchpointReport({ store, brandId: 'frostline', now: NOW });
    expect(report.cells.map((c) => c.week)).toEqual(['2026-W46']);
    // The bounded weeks are stored, empty ones included, so that late records change none of them.
    const stored = await store.query({ collection: 'reports/frostline/weeks' });
    expect(stored.map((s) => s.id)).toHaveLength(MAX_REPORT_WEEKS);
    expect(stored.map((s) => s.id).sort()[0]).toBe('2026-W21');
  });

  it('never changes a stored week, whatever records arrive after it (property)', async () => {
    await writeOfferLog(
      store,
      cellEntries({ prefix: 'base', treated: 60, controls: 50, converted: 9, ...W46 }),
    );
    const first = await buildTouchpointReport({ store, brandId: 'frostline', now: NOW });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 80 }),
        fc.integer({ min: 0, max: 80 }),
        fc.constantFrom('screen', 'alexa', 'google'),
        fc.nat({ max: 60 }),
        async (treated, controls, channel, days) => {
          run++;
          await writeOfferLog(
            store,
            cellEntries({ prefix: `late${run}`, treated, controls, converted: treated, channel, ...W46 }),
          );
          const now = new Date(NOW.getTime() + days * 24 * 3600 * 1000);
          const report = await buildTouchpointReport({ store, brandId: 'frostline', now });
          expect(report.cells.filter((c) => c.week === '2026-W46')).toEqual(first.cells);
        },
      ),
      { numRuns: 15 },
    );
  });
});
