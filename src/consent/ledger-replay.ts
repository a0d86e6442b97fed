/**
 * Reads a household's consent ledger back and checks it: every entry parses,
 * its id is its sequence number, the sequence has no gap, each entry's hash is
 * its own and chains to the one before, the household's head is the last
 * entry, and the state on the household document is the replay of the entries.
 * Any edit, deletion, reordering or insertion in the store shows as a problem.
 */
import { type ConsentChoices, consentChoicesSchema } from '../household/consent-state.js';
import { householdRecordSchema } from '../household/household-record.js';
import { paths } from '../household/paths.js';
import type { DocSnapshot, DocumentStore } from '../store/document-store.js';
import type { ConsentState } from './consent-rules.js';
import { applyEntry } from './ledger-append.js';
import {
  entryHash,
  GENESIS_HASH,
  type LedgerEntryRecord,
  ledgerEntryId,
  ledgerEntryRecordSchema,
} from './ledger-entry-record.js';
import { consentStateOf } from './record-choice.js';

/** The ledger's entries in order (by id, which is the sequence number), as stored. */
export async function readLedgerSnapshots(store: DocumentStore, householdId: string): Promise<DocSnapshot[]> {
  const snaps = await store.query({ collection: paths.consentLedger(householdId) });
  return snaps.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The state a list of entries replays to. */
export function replayLedger(entries: readonly { id: string; record: LedgerEntryRecord }[]): ConsentState {
  let state: ConsentState = { consents: {} };
  for (const { id, record } of entries) state = applyEntry(state, record, id);
  return state;
}

export type LedgerCheck = {
  ok: boolean;
  entries: number;
  problems: string[];
  /** The entries that parsed, in order. */
  parsed: { id: string; record: LedgerEntryRecord }[];
};

/** Checks a household's stored ledger against itself and against the household document. */
export function checkLedger(
  householdId: string,
  snaps: readonly DocSnapshot[],
  householdData: unknown,
): LedgerCheck {
  const problems: string[] = [];
  const parsed: LedgerCheck['parsed'] = [];
  let prevHash = GENESIS_HASH;
  for (const [index, snap] of snaps.entries()) {
    const seq = index + 1;
    const entry = ledgerEntryRecordSchema.safeParse(snap.data);
    if (!entry.success) {
      problems.push(`${snap.id}: not a ledger entry`);
      continue;
    }
    const record = entry.data;
    if (snap.id !== ledgerEntryId(record.seq))
      problems.push(`${snap.id}: its id does not match its sequence number ${record.seq}`);
    if (record.seq !== seq)
      problems.push(
        `${snap.id}: sequence number ${record.seq} where ${seq} was expected (an entry is missing or was inserted)`,
      );
    if (record.prevHash !== prevHash) problems.push(`${snap.id}: does not chain to the entry before it`);
    if (entryHash(householdId, record) !== record.hash)
      problems.push(`${snap.id}: its content does not match its hash (edited)`);
    prevHash = record.hash;
    parsed.push({ id: snap.id, record });
  }
  const household = householdRecordSchema.safeParse(householdData);
  if (!household.success) problems.push('the household document is missing or unreadable');
  else {
    const head = household.data.consentLedger;
    const last = parsed.at(-1)?.record;
    if ((head?.count ?? 0) !== snaps.length)
      problems.push(`the household counts ${head?.count ?? 0} entries, the ledger has ${snaps.length}`);
    if ((head?.head ?? GENESIS_HASH) !== (last?.hash ?? GENESIS_HASH))
      problems.push('the household head is not the last entry');
    const replayed = replayLedger(parsed);
    const current = consentStateOf(household.data);
    if (!sameChoices(current.consents, replayed.consents) || !sameObjection(current, replayed))
      problems.push('the consent state on the household document is not the replay of its ledger');
  }
  return { ok: problems.length === 0, entries: snaps.length, problems, parsed };
}

/** Reads and checks a household's ledger (`hearth consent verify`). */
export async function verifyLedger(store: DocumentStore, householdId: string): Promise<LedgerCheck> {
  const [household, snaps] = await Promise.all([
    store.get(paths.household(householdId)),
    readLedgerSnapshots(store, householdId),
  ]);
  return checkLedger(householdId, snaps, household.data);
}

function sameChoices(a: ConsentChoices, b: ConsentChoices): boolean {
  const left = consentChoicesSchema.parse(a);
  const keys = new Set([...Object.keys(left), ...Object.keys(b)]);
  for (const key of keys) {
    const x = left[key];
    const y = b[key];
    if (
      !x ||
      !y ||
      x.granted !== y.granted ||
      x.version !== y.version ||
      x.at !== y.at ||
      x.entry !== y.entry
    )
      return false;
  }
  return true;
}

function sameObjection(a: ConsentState, b: ConsentState): boolean {
  return (
    a.marketingObjection?.entry === b.marketingObjection?.entry &&
    a.marketingObjection?.at === b.marketingObjection?.at
  );
}
