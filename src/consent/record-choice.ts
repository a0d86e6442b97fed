/**
 * Records one consent choice: in ONE transaction it reads the household (and
 * the brand and the notice the choice names), appends the ledger entry that
 * chains to the current head, and writes the new state on the household
 * document. A choice that repeats the current state appends nothing. Two
 * choices at once serialise on the household document (Firestore retries the
 * loser; SQLite runs one transaction at a time), so the chain never forks and
 * the state always equals the ledger's replay.
 */
import { brandRecordSchema, householdRecordSchema } from '../household/household-record.js';
import { paths } from '../household/paths.js';
import type { DocData, DocumentStore } from '../store/document-store.js';
import { type ConsentState, EXPLICIT_PURPOSES } from './consent-rules.js';
import {
  applyEntry,
  type ChoiceProblem,
  type ConsentChoiceInput,
  choiceProblem,
  householdConsentFields,
  nextEntry,
  repeatsState,
} from './ledger-append.js';
import type { LedgerEntryRecord } from './ledger-entry-record.js';
import { NOTICE_ANSWER_WINDOW_MS, noticeServedRecordSchema } from './notice-served-record.js';

/** Why a choice was refused; `code` is a stable problem code. */
export class ConsentChoiceError extends Error {
  override readonly name = 'ConsentChoiceError';
  constructor(
    readonly code: ChoiceProblem | 'household_gone' | 'unknown_brand' | 'notice_not_served',
    message: string,
  ) {
    super(message);
  }
}

export type ChoiceOutcome = {
  /** False when the choice repeated the current state (nothing appended). */
  changed: boolean;
  state: ConsentState;
  entry?: { id: string; record: LedgerEntryRecord };
};

/** The consent state of a parsed household document. */
export function consentStateOf(household: {
  consents?: ConsentState['consents'] | undefined;
  marketingObjection?: ConsentState['marketingObjection'] | undefined;
}): ConsentState {
  return {
    consents: household.consents ?? {},
    ...(household.marketingObjection ? { marketingObjection: household.marketingObjection } : {}),
  };
}

/**
 * Appends a choice to the household's ledger and updates its state, or
 * appends nothing when it repeats the state. A grant that names a served
 * notice (a voice "yes") must answer a notice of the same purpose, brand and
 * version served to this household within the answer window.
 */
export async function recordChoice(
  store: DocumentStore,
  householdId: string,
  given: ConsentChoiceInput,
): Promise<ChoiceOutcome> {
  let choice = given;
  const problem = choiceProblem(choice);
  if (problem) throw new ConsentChoiceError(problem, describe(problem));
  const noticeId = choice.action === 'grant' ? choice.proof.noticeId : null;
  return store.runTransaction(async (tx) => {
    choice = given;
    const reads = [
      paths.household(householdId),
      ...(choice.brandId !== undefined ? [paths.brand(choice.brandId)] : []),
      ...(noticeId ? [paths.noticeServed(householdId, noticeId)] : []),
    ];
    const snaps = await tx.getAll(reads);
    const raw = snaps[0]?.data;
    const household = householdRecordSchema.safeParse(raw);
    if (!raw || !household.success) throw new ConsentChoiceError('household_gone', 'no such household');
    let next = 1;
    if (choice.brandId !== undefined && !brandRecordSchema.safeParse(snaps[next++]?.data).success)
      throw new ConsentChoiceError('unknown_brand', `no brand ${choice.brandId}`);
    if (noticeId) {
      const notice = noticeServedRecordSchema.safeParse(snaps[next]?.data);
      // Explicit consent (health) is given on the privacy page's own box, never by a turn's "yes".
      const turnAnswer = choice.channel === 'voice' || choice.channel === 'screen';
      const answered =
        !(turnAnswer && EXPLICIT_PURPOSES.includes(choice.purpose)) &&
        notice.success &&
        notice.data.purpose === choice.purpose &&
        notice.data.brandId === (choice.brandId ?? null) &&
        notice.data.version === choice.noticeVersion &&
        Date.parse(choice.at) - Date.parse(notice.data.at) <= NOTICE_ANSWER_WINDOW_MS;
      if (!answered)
        throw new ConsentChoiceError(
          'notice_not_served',
          'the choice answers no notice served to this household',
        );
      // The proof keeps the notice exactly as it was served (a voice "yes" keeps the prompt spoken before it).
      choice = {
        ...choice,
        proof: { ...choice.proof, noticeText: choice.proof.noticeText ?? notice.data.text },
      };
    }
    const state = consentStateOf(household.data);
    if (repeatsState(state, choice)) return { changed: false, state };
    const { id, entry } = nextEntry(householdId, household.data.consentLedger, choice);
    const after = applyEntry(state, entry, id);
    tx.create(paths.consentLedgerEntry(householdId, id), entry as unknown as DocData);
    // The whole document is written again (it was read in this transaction): the objection may go away.
    const { consents: _c, consentLedger: _l, marketingObjection: _m, ...rest } = raw;
    tx.set(paths.household(householdId), {
      ...rest,
      ...householdConsentFields(after, { count: entry.seq, head: entry.hash }),
    } as DocData);
    return { changed: true, state: after, entry: { id, record: entry } };
  });
}

function describe(problem: ChoiceProblem): string {
  switch (problem) {
    case 'brand_required':
      return 'this purpose is granted per brand: name the brand (brandId)';
    case 'brand_not_applicable':
      return 'this purpose is not granted per brand: leave brandId out';
    case 'stale_notice':
      return 'a grant needs the current notice version: read the notice again';
    case 'unknown_notice_version':
      return 'no such notice version';
    case 'objection_is_for_offers':
      return 'an objection to direct marketing is for offers, from every brand';
  }
}
