/**
 * The ledger's arithmetic, free of the store: what a choice appends to a
 * household's ledger (nothing when it repeats the current state) and how an
 * entry changes the state. The transaction (`record-choice.ts`), the demo seed
 * and the replay (`ledger-replay.ts`) all use these, so the state on the
 * household document is by construction the replay of its ledger.
 */
import type { ConsentLedgerHead } from '../household/consent-state.js';
import type { Purpose } from '../runtime/consent-gate.js';
import { type ConsentState, consentKey, isPerBrand, isStale, NOTICE_VERSIONS } from './consent-rules.js';
import {
  type ConsentChannel,
  entryHash,
  GENESIS_HASH,
  type LedgerEntryRecord,
  ledgerEntryId,
  type UnhashedEntry,
} from './ledger-entry-record.js';

/** A choice as a channel hands it over. */
export type ConsentChoiceInput = {
  purpose: Purpose;
  /** Required for per-brand purposes, refused for the others. */
  brandId?: string;
  /** `object`: object to direct marketing (purpose `offers`, no brand). */
  action: 'grant' | 'withdraw' | 'object';
  /** The notice version the household saw; a grant needs the current one, a withdrawal takes any. */
  noticeVersion: number;
  channel: ConsentChannel;
  actor: LedgerEntryRecord['actor'];
  proof: LedgerEntryRecord['proof'];
  at: string;
};

/** Why a choice cannot be recorded (the routes map these to problem codes). */
export type ChoiceProblem =
  | 'brand_required'
  | 'brand_not_applicable'
  | 'stale_notice'
  | 'unknown_notice_version'
  | 'objection_is_for_offers';

/** What is wrong with a choice before any state is looked at, or undefined. */
export function choiceProblem(choice: ConsentChoiceInput): ChoiceProblem | undefined {
  if (choice.action === 'object') {
    return choice.purpose === 'offers' && choice.brandId === undefined
      ? undefined
      : 'objection_is_for_offers';
  }
  if (isPerBrand(choice.purpose) && choice.brandId === undefined) return 'brand_required';
  if (!isPerBrand(choice.purpose) && choice.brandId !== undefined) return 'brand_not_applicable';
  const current = NOTICE_VERSIONS[choice.purpose];
  const v = choice.noticeVersion;
  if (!Number.isInteger(v) || v < 1 || v > current) return 'unknown_notice_version';
  if (choice.action === 'grant' && choice.noticeVersion !== current) return 'stale_notice';
  return undefined;
}

/** Whether a choice would change nothing: repeating the current state appends nothing. */
export function repeatsState(state: ConsentState, choice: ConsentChoiceInput): boolean {
  if (choice.action === 'object') {
    const offersGranted = Object.entries(state.consents).some(
      ([key, c]) => key.startsWith('offers:') && c.granted,
    );
    return state.marketingObjection !== undefined && !offersGranted;
  }
  const current = state.consents[consentKey(choice.purpose, choice.brandId)];
  if (choice.action === 'withdraw') return current === undefined || !current.granted;
  const objected = choice.purpose === 'offers' && state.marketingObjection !== undefined;
  return current?.granted === true && !isStale(state, choice.purpose, choice.brandId) && !objected;
}

/** The state after one entry. */
export function applyEntry(state: ConsentState, entry: LedgerEntryRecord, id: string): ConsentState {
  const consents = { ...state.consents };
  const mark = { version: entry.noticeVersion, at: entry.at, entry: id };
  if (entry.action === 'object') {
    for (const [key, choice] of Object.entries(consents))
      if (key.startsWith('offers:') && choice.granted) consents[key] = { ...choice, ...mark, granted: false };
    return { consents, marketingObjection: { at: entry.at, entry: id } };
  }
  const key = consentKey(entry.purpose, entry.brandId ?? undefined);
  consents[key] = { granted: entry.action === 'grant', ...mark };
  // Granting a brand's offers again is the household's own new choice: it lifts the objection.
  const lifted = entry.action === 'grant' && entry.purpose === 'offers';
  return lifted || state.marketingObjection === undefined
    ? { consents }
    : { consents, marketingObjection: state.marketingObjection };
}

/** The entry a choice appends after `head`, hashed, with its id. */
export function nextEntry(
  householdId: string,
  head: ConsentLedgerHead | undefined,
  choice: ConsentChoiceInput,
): { id: string; entry: LedgerEntryRecord } {
  const seq = (head?.count ?? 0) + 1;
  const unhashed: UnhashedEntry = {
    seq,
    purpose: choice.purpose,
    brandId: choice.brandId ?? null,
    action: choice.action,
    noticeVersion: choice.noticeVersion,
    channel: choice.channel,
    actor: choice.actor,
    at: choice.at,
    proof: choice.proof,
    prevHash: head?.head ?? GENESIS_HASH,
  };
  return { id: ledgerEntryId(seq), entry: { ...unhashed, hash: entryHash(householdId, unhashed) } };
}

/** The fields of the household document that hold a consent state and ledger head. */
export function householdConsentFields(
  state: ConsentState,
  head: ConsentLedgerHead,
): {
  consents: ConsentState['consents'];
  consentLedger: ConsentLedgerHead;
  marketingObjection?: ConsentState['marketingObjection'];
} {
  return {
    consents: state.consents,
    consentLedger: head,
    ...(state.marketingObjection ? { marketingObjection: state.marketingObjection } : {}),
  };
}
