import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerEntryRecordSchema } from '../../src/consent/ledger-entry-record.js';
import { verifyLedger } from '../../src/consent/ledger-replay.js';
import { cohortHouseholdId } from '../../src/demo/cohort-plan.js';
import { DEMO_BRANDS } from '../../src/demo/demo-households.js';
import { DEMO_MARKER_PATH, parseDemoMarker } from '../../src/demo/demo-marker.js';
import { resetCohort, seedCohort } from '../../src/demo/seed-cohort.js';
import { seedDemo } from '../../src/demo/seed-demo.js';
import { householdRecordSchema } from '../../src/household/household-record.js';
import { paths } from '../../src/household/paths.js';
import { inControlGroup } from '../../src/offers/control-group.js';
import { isoWeekOf } from '../../src/offers/iso-week.js';
import { OFFER_LOG, type OfferLogRecord, offerLogRecordSchema } from '../../src/offers/offer-log-record.js';
import { loadDefaultLanguage } from '../../src/runtime/default-language.js';
import { PRIMARY_LOCALES } from '../../src/runtime/locales.js';
import type { DocumentStore } from '../../src/store/document-store.js';
import { openStore } from '../../src/store/open-store.js';

/**
 * The synthetic cohort on a real SQLite file: households across the primary locales and both
 * demo brands, consents through the ledger (chains that verify), weeks of offer log valid
 * against its schema with plausible rates, the control group as the engine defines it, and a
 * second run that adds nothing.
 */

const NOW = new Date('2026-11-20T09:00:00Z');
const SIZE = 2000;
const language = loadDefaultLanguage();

describe('seedCohort on SQLite', () => {
  let dir: string;
  let store: DocumentStore;
  let demoBefore: unknown[];
  let outcome: Awaited<ReturnType<typeof seedCohort>>;
  const progress: number[] = [];
  let elapsed = 0;
  const households: { id: string; record: ReturnType<typeof householdRecordSchema.parse> }[] = [];
  const records: OfferLogRecord[] = [];
  let ledgerEntries = 0;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'hearth-cohort-'));
    store = await openStore({ kind: 'sqlite', file: path.join(dir, 'hearth.db') });
    await seedDemo({ store, now: NOW });
    const marker = parseDemoMarker((await store.get(DEMO_MARKER_PATH)).data);
    demoBefore = (await store.getAll(marker.households.map((id) => paths.household(id)))).map((s) => s.data);
    const started = Date.now();
    outcome = await seedCohort({
      store,
      now: NOW,
      size: SIZE,
      seed: 'test',
      language,
      onProgress: ({ done }) => progress.push(done),
    });
    elapsed = Date.now() - started;
    for (let i = 1; i <= SIZE; i++) {
      const id = cohortHouseholdId(i);
      households.push({
        id,
        record: householdRecordSchema.parse((await store.get(paths.household(id))).data),
      });
      const log = await store.query({ collection: `${paths.household(id)}/${OFFER_LOG}` });
      for (const snap of log) records.push(offerLogRecordSchema.parse(snap.data));
      ledgerEntries += (await store.query({ collection: `${paths.household(id)}/consentLedger` })).length;
    }
  }, 120_000);
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds the households, in batches with progress, well under a minute', () => {
    expect(outcome.added).toBe(SIZE);
    expect(outcome.kept).toBe(0);
    expect(households).toHaveLength(SIZE);
    expect(progress.length).toBeGreaterThan(10);
    expect(progress.at(-1)).toBe(SIZE);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(elapsed).toBeLessThan(30_000);
  });

  it('marks them synthetic, spreads them over the primary locales and both demo brands, and leaves the demo alone', async () => {
    for (const { record } of households) {
      expect(record.cohort).toBe(true);
      expect(record.demo).toBeUndefined();
    }
    for (const locale of PRIMARY_LOCALES)
      expect(households.filter((h) => h.record.locale === locale).length).toBeGreaterThan(SIZE * 0.1);
    for (const brand of DEMO_BRANDS) {
      const served = households.filter((h) => h.record.consents?.[`offers:${brand.id}`]?.granted).length;
      expect(served).toBeGreaterThan(SIZE * 0.4);
    }
    const marker = parseDemoMarker((await store.get(DEMO_MARKER_PATH)).data);
    expect(marker.households).toHaveLength(7);
    const demoAfter = (await store.getAll(marker.households.map((id) => paths.household(id)))).map(
      (s) => s.data,
    );
    expect(demoAfter).toEqual(demoBefore);
  });

  it('records consents through the ledger: most grant offers and measurement per brand, not all; chains verify', async () => {
    expect(ledgerEntries).toBe(outcome.ledgerEntries);
    expect(ledgerEntries).toBeGreaterThan(SIZE * 2);
    for (const brand of DEMO_BRANDS) {
      // Its customers: the households with its appliance (they granted what it reads).
      const reads = brand.deviceKind === 'fridge' ? 'inventory' : 'consumption';
      const customers = households.filter((h) => h.record.consents?.[reads]?.granted);
      const share = (purpose: string) =>
        customers.filter((h) => h.record.consents?.[`${purpose}:${brand.id}`]?.granted).length /
        customers.length;
      expect(share('offers')).toBeGreaterThan(0.75);
      expect(share('offers')).toBeLessThan(0.95);
      expect(share('measurement')).toBeGreaterThan(0.7);
      expect(share('measurement')).toBeLessThan(0.9);
    }
    for (const { id } of households.slice(0, 40)) {
      const check = await verifyLedger(store, id);
      expect(check).toMatchObject({ ok: true });
    }
    const first = await store.query({
      collection: `${paths.household(households[0]?.id ?? '')}/consentLedger`,
    });
    for (const snap of first) expect(ledgerEntryRecordSchema.parse(snap.data).actor.kind).toBe('demo');
  });

  it('writes 8 reportable weeks of offer log (and the open week), valid against its schema, with plausible rates', () => {
    expect(records.length).toBe(outcome.offerLogRecords);
    expect(records.length).toBeGreaterThan(SIZE * 10);
    const weeks = [...new Set(records.map((r) => r.week))].sort();
    // 2026-11-20 is in 2026-W47 (open); W46 closed on the 15th and its 3 days passed on the 18th.
    expect(weeks).toEqual([
      '2026-W39',
      '2026-W40',
      '2026-W41',
      '2026-W42',
      '2026-W43',
      '2026-W44',
      '2026-W45',
      '2026-W46',
      '2026-W47',
    ]);
    // (One assertion over all of them: tens of thousands of `expect`s take long.)
    const misdated = records.filter(
      (r) =>
        Date.parse(r.at) >= NOW.getTime() ||
        r.week !== isoWeekOf(new Date(r.at)) ||
        (r.convertedAt !== undefined && Date.parse(r.convertedAt) >= NOW.getTime()),
    );
    expect(misdated).toEqual([]);
    const campaigns = new Set(records.map((r) => `${r.brandId}/${r.campaignId}`));
    expect([...campaigns].sort()).toEqual([
      'crema/bulk-box',
      'crema/decaf-evening',
      'frostline/cream-partner',
      'frostline/weekly-deals',
    ]);
    expect(new Set(records.map((r) => r.channel))).toEqual(new Set(['alexa', 'google', 'screen']));
    const treated = records.filter((r) => r.decision === 'shown');
    const rate = (list: OfferLogRecord[], pick: (r: OfferLogRecord) => unknown) =>
      list.filter((r) => pick(r) !== undefined).length / list.length;
    expect(rate(treated, (r) => r.acceptedAt)).toBeGreaterThan(0.15);
    expect(rate(treated, (r) => r.acceptedAt)).toBeLessThan(0.25);
    expect(rate(treated, (r) => r.convertedAt)).toBeGreaterThan(0.05);
    expect(rate(treated, (r) => r.convertedAt)).toBeLessThan(0.11);
    const control = records.filter((r) => r.reason === 'controlGroup');
    expect(control.every((r) => r.decision === 'suppressed' && r.control && r.acceptedAt === undefined)).toBe(
      true,
    );
    expect(rate(control, (r) => r.convertedAt)).toBeLessThan(rate(treated, (r) => r.convertedAt));
    // A household that did not grant the brand offers is never shown one; measurement is recorded as granted.
    expect(records.filter((x) => x.reason === 'consent' && x.purposes.length > 0)).toEqual([]);
    expect(records.some((r) => !r.measured)).toBe(true);
  });

  it('puts about 5% of the households in the control group, as the engine decides it (inControlGroup of the id)', () => {
    const inGroup = households.filter((h) => inControlGroup(h.id));
    expect(inGroup.length).toBe(outcome.controlHouseholds);
    expect(inGroup.length / SIZE).toBeGreaterThan(0.035);
    expect(inGroup.length / SIZE).toBeLessThan(0.065);
    const misfiled = records.filter((r) => {
      const hid = `hh_cohort_${r.offerId.split('_')[2]}`;
      return (
        r.control !== inControlGroup(hid) ||
        (r.control && r.reason !== 'consent' && r.reason !== 'controlGroup')
      );
    });
    expect(misfiled).toEqual([]);
    expect(records.filter((r) => r.reason === 'controlGroup').length).toBeGreaterThan(0);
  });

  it('adds nothing on a second run, the rest on a larger one, refuses another seed, and resets only the cohort', async () => {
    const again = await seedCohort({ store, now: NOW, size: SIZE, seed: 'test', language });
    expect(again).toMatchObject({ added: 0, kept: SIZE, offerLogRecords: 0, ledgerEntries: 0 });
    const more = await seedCohort({ store, now: NOW, size: SIZE + 5, seed: 'test', language });
    expect(more).toMatchObject({ added: 5, kept: SIZE });
    await expect(seedCohort({ store, now: NOW, size: SIZE, seed: 'other', language })).rejects.toThrow(
      /--seed test/,
    );
    expect(await resetCohort(store)).toBe(SIZE + 5);
    expect((await store.get(paths.household(cohortHouseholdId(1)))).exists).toBe(false);
    expect(
      (await store.query({ collection: `${paths.household(cohortHouseholdId(1))}/${OFFER_LOG}` })).length,
    ).toBe(0);
    const marker = parseDemoMarker((await store.get(DEMO_MARKER_PATH)).data);
    expect(
      (await store.getAll(marker.households.map((id) => paths.household(id)))).map((s) => s.data),
    ).toEqual(demoBefore);
  });

  it('makes the same cohort from the same seed', async () => {
    const other = await openStore({ kind: 'sqlite', file: path.join(dir, 'again.db') });
    try {
      await seedCohort({ store: other, now: NOW, size: 30, seed: 'test', language });
      const a = await other.query({ collection: `${paths.household(cohortHouseholdId(7))}/${OFFER_LOG}` });
      const b = await other.get(paths.household(cohortHouseholdId(7)));
      // The first store was reset: seed it again to compare.
      await seedCohort({ store, now: NOW, size: 30, seed: 'test', language });
      expect((await store.get(paths.household(cohortHouseholdId(7)))).data).toEqual(b.data);
      expect(
        (await store.query({ collection: `${paths.household(cohortHouseholdId(7))}/${OFFER_LOG}` })).map(
          (s) => s.data,
        ),
      ).toEqual(a.map((s) => s.data));
    } finally {
      await other.close();
    }
  });
});
