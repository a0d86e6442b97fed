/**
 * `hearth seed --cohort N`: N synthetic households for the demo brands' reports and charts,
 * each written whole in one batch (its document, appliances, consent ledger and weeks of
 * offer log), so a run that stops half way leaves whole households only.
 *
 * Idempotent: the households' ids are fixed by their index (`hh_cohort_000001`…), a run reads
 * which exist and writes only the others (and the household document is created, not set, so
 * two runs at once fail rather than write one twice). A second run with the same or a smaller
 * N adds nothing; a larger N adds the difference. The seed (`--seed`) decides everything else;
 * the cohort keeps the seed it was first made with (another seed is refused until `--reset`).
 */
import { writeSeededGrants } from '../consent/seeded-choices.js';
import type { DeviceRecord, HouseholdRecord } from '../household/household-record.js';
import { paths } from '../household/paths.js';
import { OFFER_LOG, offerLogRecordSchema } from '../offers/offer-log-record.js';
import type { LanguageData } from '../runtime/i18n.js';
import { kindName } from '../runtime/screen-strings.js';
import type {
  DocData,
  DocumentStore,
  DocumentWriter,
  JsonValue,
  WriteBatch,
} from '../store/document-store.js';
import { COHORT_MARKER_PATH, type CohortMarker, cohortMarkerSchema } from './cohort-marker.js';
import { cohortOfferHistory } from './cohort-offer-history.js';
import { type CohortHousehold, cohortHousehold, cohortHouseholdId, MAX_COHORT } from './cohort-plan.js';
import { between } from './cohort-random.js';
import { DAY_MS, reportableWeekStarts } from './cohort-weeks.js';

/** Writes per batch: under the store's 500, with room for the largest household. */
const BATCH_WRITES = 450;
/** Households looked up at once to find those already there. */
const LOOKUP = 200;

export type CohortProgress = { done: number; total: number };

export interface SeedCohortOptions {
  store: DocumentStore;
  /** The domain clock's now: the history covers the `weeks` closed, reportable ISO weeks before it. */
  now: Date;
  size: number;
  seed: string;
  weeks?: number;
  language: LanguageData;
  /** Called after each batch is committed. */
  onProgress?: (progress: CohortProgress) => void;
}

export interface CohortOutcome {
  added: number;
  /** Households of the cohort already in the store (left as they were). */
  kept: number;
  ledgerEntries: number;
  offerLogRecords: number;
  controlHouseholds: number;
}

/** The store has a cohort made from another seed. */
export class CohortSeedMismatchError extends Error {
  override readonly name = 'CohortSeedMismatchError';
}

/** One write, held until it is known which batch it goes to. */
type HeldWrite = { path: string; data: DocData; create: boolean };

/** A writer that keeps what is written to it (the consent ledger's seeded grants write into one). */
function heldWriter(held: HeldWrite[]): DocumentWriter {
  const unsupported = () => {
    throw new Error('the cohort only creates and sets documents');
  };
  const writer: DocumentWriter = {
    create(path, data) {
      held.push({ path, data, create: true });
      return writer;
    },
    set(path, data) {
      held.push({ path, data, create: false });
      return writer;
    },
    merge: unsupported,
    addToArray: unsupported,
    increment: unsupported,
    delete: unsupported,
  };
  return writer;
}

/** Every write of one household of the cohort, and what it counts. */
function householdWrites(
  household: CohortHousehold,
  { now, weekStarts, language }: { now: Date; weekStarts: Date[]; language: SeedCohortOptions['language'] },
): { writes: HeldWrite[]; ledgerEntries: number; offerLogRecords: number } {
  const { id, locale } = household;
  const writes: HeldWrite[] = [];
  // It came in some days before the history starts, and made its choices then.
  const first = weekStarts[0] ?? now;
  const createdAt = new Date(first.getTime() - between(household.random, 1, 60) * DAY_MS).toISOString();
  const strings = language.screenStrings(locale);
  const devices: Record<string, number> = {};
  for (const [n, { brand }] of household.brands.entries()) {
    const deviceId = `dev_cohort_${id.slice(-6)}_${n + 1}`;
    devices[deviceId] = 1;
    writes.push({
      path: paths.device(id, deviceId),
      create: false,
      data: {
        kind: brand.deviceKind,
        skillId: brand.skillId,
        brandId: brand.id,
        locale,
        name: kindName(strings, brand.deviceKind),
        state: {},
        createdAt,
      } satisfies DeviceRecord,
    });
  }
  const grants = [
    ...household.brands.map(({ brand }) => ({
      purpose: brand.deviceKind === 'fridge' ? ('inventory' as const) : ('consumption' as const),
    })),
    ...household.brands.flatMap(({ brand, offers, measurement }) => [
      ...(offers ? [{ purpose: 'offers' as const, brandId: brand.id, brandName: brand.name }] : []),
      ...(measurement ? [{ purpose: 'measurement' as const, brandId: brand.id, brandName: brand.name }] : []),
    ]),
  ];
  const consentFields = writeSeededGrants(heldWriter(writes), {
    householdId: id,
    locale,
    at: createdAt,
    language,
    actor: { kind: 'demo', id: null },
    grants,
    noticeIds: (n) => `ntc_cohort_${id.slice(-6)}_${n + 1}`,
  });
  const records = cohortOfferHistory(household, weekStarts, now);
  for (const record of records) {
    writes.push({
      path: `${paths.household(id)}/${OFFER_LOG}/${record.offerId}`,
      create: false,
      // Written as the engine's writers would: parsed by the record's one schema.
      data: offerLogRecordSchema.parse(record) as unknown as DocData,
    });
  }
  const document: HouseholdRecord = {
    locale,
    timeZone: household.timeZone,
    createdAt,
    cohort: true,
    auth: { household: 1, links: {}, devices },
    ...consentFields,
  };
  // The household's own document last: when it exists, everything under it was written with it.
  writes.push({ path: paths.household(id), create: true, data: document as unknown as DocData });
  return { writes, ledgerEntries: grants.length, offerLogRecords: records.length };
}

/** Adds the cohort's missing households to the store; see the module's comment. */
export async function seedCohort({
  store,
  now,
  size,
  seed,
  weeks = 8,
  language,
  onProgress,
}: SeedCohortOptions): Promise<CohortOutcome> {
  if (!Number.isInteger(size) || size < 1 || size > MAX_COHORT)
    throw new RangeError(`a cohort has 1 to ${MAX_COHORT} households`);
  const markerSnap = await store.get(COHORT_MARKER_PATH);
  const marker = markerSnap.exists ? cohortMarkerSchema.safeParse(markerSnap.data) : undefined;
  if (marker?.success && marker.data.seed !== seed)
    throw new CohortSeedMismatchError(
      `the cohort in the store was made with --seed ${marker.data.seed}: use that seed, or --reset first`,
    );
  const weekStarts = reportableWeekStarts(now, weeks);
  const outcome: CohortOutcome = {
    added: 0,
    kept: 0,
    ledgerEntries: 0,
    offerLogRecords: 0,
    controlHouseholds: 0,
  };
  // The marker first: a reset after a run that stopped half way still finds every household it wrote.
  const known = marker?.success ? marker.data.size : 0;
  await store.set(COHORT_MARKER_PATH, {
    seed,
    size: Math.max(known, size),
    seededAt: marker?.success ? marker.data.seededAt : now.toISOString(),
  } satisfies CohortMarker);

  let batch: WriteBatch = store.batch();
  let pending = 0;
  const commit = async (done: number) => {
    if (pending > 0) await batch.commit();
    batch = store.batch();
    pending = 0;
    onProgress?.({ done, total: size });
  };
  for (let start = 1; start <= size; start += LOOKUP) {
    const indexes = Array.from({ length: Math.min(LOOKUP, size - start + 1) }, (_, i) => start + i);
    const snaps = await store.getAll(indexes.map((i) => paths.household(cohortHouseholdId(i))));
    for (const [i, index] of indexes.entries()) {
      if (snaps[i]?.exists) {
        outcome.kept++;
        continue;
      }
      const household = cohortHousehold(seed, index);
      const { writes, ledgerEntries, offerLogRecords } = householdWrites(household, {
        now,
        weekStarts,
        language,
      });
      if (pending + writes.length > BATCH_WRITES) await commit(index - 1);
      for (const write of writes) {
        if (write.create) batch.create(write.path, write.data);
        else batch.set(write.path, write.data as { [key: string]: JsonValue });
      }
      pending += writes.length;
      outcome.added++;
      outcome.ledgerEntries += ledgerEntries;
      outcome.offerLogRecords += offerLogRecords;
      if (household.control) outcome.controlHouseholds++;
    }
  }
  await commit(size);
  return outcome;
}

/** Deletes the cohort's households (by the ids its marker counts) and the marker; nothing else. */
export async function resetCohort(store: DocumentStore): Promise<number> {
  const snap = await store.get(COHORT_MARKER_PATH);
  if (!snap.exists) return 0;
  const marker = cohortMarkerSchema.safeParse(snap.data);
  const size = marker.success ? Math.min(marker.data.size, MAX_COHORT) : 0;
  for (let index = 1; index <= size; index++)
    await store.recursiveDelete(paths.household(cohortHouseholdId(index)));
  await store.delete(COHORT_MARKER_PATH);
  return size;
}
