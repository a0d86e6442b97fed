/**
 * A reference model of a household's consent, written from the rules
 * rather than from src/consent: choices as fast-check generates them (valid
 * and invalid), what each must do (an error code, a change, or nothing), and
 * the checks every property ends with: the ledger verifies, the state on the
 * household document is the ledger's replay, and the service's policy grants
 * exactly what the model says.
 */
import { fc } from '@fast-check/vitest';
import { expect } from 'vitest';
import { ledgerPolicy } from '../../src/consent/consent-policy.js';
import { NOTICE_VERSIONS } from '../../src/consent/consent-rules.js';
import type { ConsentChoiceInput } from '../../src/consent/ledger-append.js';
import { CONSENT_CHANNELS } from '../../src/consent/ledger-entry-record.js';
import { replayLedger, verifyLedger } from '../../src/consent/ledger-replay.js';
import { ConsentChoiceError, consentStateOf, recordChoice } from '../../src/consent/record-choice.js';
import { householdRecordSchema } from '../../src/household/household-record.js';
import { paths } from '../../src/household/paths.js';
import { PURPOSES, type Purpose } from '../../src/runtime/consent-gate.js';
import type { DocumentStore } from '../../src/store/document-store.js';

/** The demo's brands: offers and measurement are granted to each apart. */
export const BRANDS = ['frostline', 'crema'] as const;
const PER_BRAND: readonly Purpose[] = ['offers', 'measurement'];

/** One choice as a property makes it: possibly invalid (no brand, a brand where none applies, a future notice). */
export type ChoiceStep = Pick<
  ConsentChoiceInput,
  'purpose' | 'brandId' | 'action' | 'noticeVersion' | 'channel'
> & {
  /** A grant claiming to answer a notice that was never served (a forged voice "yes"). */
  forgedNotice: boolean;
};

const brandFor = (purpose: Purpose, action: ChoiceStep['action']): fc.Arbitrary<string | undefined> =>
  PER_BRAND.includes(purpose) && action !== 'object'
    ? fc.oneof(
        { arbitrary: fc.constantFrom(...BRANDS), weight: 12 },
        { arbitrary: fc.constant(undefined), weight: 1 },
        { arbitrary: fc.constant('nobody'), weight: 1 },
      )
    : fc.oneof(
        { arbitrary: fc.constant(undefined), weight: 12 },
        { arbitrary: fc.constant('frostline'), weight: 1 },
      );

/**
 * Grants and withdrawals of `purposes` (per brand where it applies),
 * objections to marketing, and bad choices.
 */
export function choiceStepOf(purposes: fc.Arbitrary<Purpose>): fc.Arbitrary<ChoiceStep> {
  return fc
    .record({
      action: fc.oneof(
        { arbitrary: fc.constant('grant' as const), weight: 5 },
        { arbitrary: fc.constant('withdraw' as const), weight: 4 },
        { arbitrary: fc.constant('object' as const), weight: 1 },
      ),
      anyPurpose: purposes,
      offersOnly: fc.oneof(
        { arbitrary: fc.constant(true), weight: 8 },
        { arbitrary: fc.constant(false), weight: 1 },
      ),
    })
    .chain(({ action, anyPurpose, offersOnly }) => {
      const purpose: Purpose = action === 'object' && offersOnly ? 'offers' : anyPurpose;
      return fc.record({
        purpose: fc.constant(purpose),
        brandId: brandFor(purpose, action),
        action: fc.constant(action),
        noticeVersion: fc.oneof(
          { arbitrary: fc.constant(NOTICE_VERSIONS[purpose]), weight: 12 },
          { arbitrary: fc.constant(NOTICE_VERSIONS[purpose] + 1), weight: 1 },
        ),
        channel: fc.constantFrom(...CONSENT_CHANNELS),
        forgedNotice: fc.oneof(
          { arbitrary: fc.constant(false), weight: 15 },
          { arbitrary: fc.constant(true), weight: 1 },
        ),
      });
    })
    .map(({ brandId, ...step }) => (brandId === undefined ? step : { ...step, brandId }));
}

/** Choices of every purpose. */
export const choiceStep = choiceStepOf(fc.constantFrom(...PURPOSES));

/** A step as `recordChoice` takes it. */
export function choiceInput(step: ChoiceStep): ConsentChoiceInput {
  return {
    purpose: step.purpose,
    ...(step.brandId !== undefined ? { brandId: step.brandId } : {}),
    action: step.action,
    noticeVersion: step.noticeVersion,
    channel: step.channel,
    actor: { kind: 'household' as const, id: null },
    at: new Date().toISOString(),
    proof: {
      input: `property ${step.action} ${step.purpose}`,
      noticeId: step.forgedNotice ? 'ntc_never_served' : null,
      noticeText: null,
      locale: null,
      skillId: null,
    },
  };
}

/** What a choice must come to: refused with a code, or recorded (changed) or not (a repeat). */
export type Expected = { error: string } | { changed: boolean };

/** The code a choice is refused with whatever the household's state, or undefined. */
export function staticProblem(step: ChoiceStep): string | undefined {
  if (step.action === 'object')
    return step.purpose === 'offers' && step.brandId === undefined ? undefined : 'objection_is_for_offers';
  const perBrand = PER_BRAND.includes(step.purpose);
  if (perBrand && step.brandId === undefined) return 'brand_required';
  if (!perBrand && step.brandId !== undefined) return 'brand_not_applicable';
  if (step.noticeVersion > NOTICE_VERSIONS[step.purpose]) return 'unknown_notice_version';
  if (step.action === 'grant' && step.noticeVersion !== NOTICE_VERSIONS[step.purpose]) return 'stale_notice';
  if (step.brandId !== undefined && !(BRANDS as readonly string[]).includes(step.brandId))
    return 'unknown_brand';
  if (step.action === 'grant' && step.forgedNotice) return 'notice_not_served';
  return undefined;
}

/** What the household has chosen, as the issue states the rules. */
export class ConsentModel {
  private readonly choices = new Map<string, boolean>();
  private objection = false;
  /** Entries in the household's ledger. */
  entries = 0;

  /** The model of a household as its document stands (checked against its ledger by `checkLedger`). */
  static async read(store: DocumentStore, hid: string): Promise<ConsentModel> {
    const household = householdRecordSchema.parse((await store.get(paths.household(hid))).data);
    const model = new ConsentModel();
    for (const [key, choice] of Object.entries(household.consents ?? {}))
      model.choices.set(key, choice.granted);
    model.objection = household.marketingObjection !== undefined;
    model.entries = household.consentLedger?.count ?? 0;
    return model;
  }

  private key(purpose: Purpose, brandId: string | null | undefined): string {
    return PER_BRAND.includes(purpose) ? `${purpose}:${brandId}` : purpose;
  }

  /** Granted now: a grant, and for offers no objection to direct marketing. */
  isGranted(purpose: Purpose, brandId: string): boolean {
    return this.choices.get(this.key(purpose, brandId)) === true && !(purpose === 'offers' && this.objection);
  }

  /** Every purpose granted now to `brandId`'s skills, in the order of PURPOSES. */
  grantedFor(brandId: string): Purpose[] {
    return PURPOSES.filter((p) => this.isGranted(p, brandId));
  }

  /** Whether a valid choice changes the state (a repeat appends nothing). */
  private changes(step: Pick<ChoiceStep, 'purpose' | 'action'> & { brandId?: string | null }): boolean {
    if (step.action === 'object')
      return !this.objection || [...this.choices].some(([k, granted]) => k.startsWith('offers:') && granted);
    const current = this.choices.get(this.key(step.purpose, step.brandId)) === true;
    if (step.action === 'withdraw') return current;
    return !current || (step.purpose === 'offers' && this.objection);
  }

  /** What recording `step` must do now. */
  expect(step: ChoiceStep): Expected {
    const problem = staticProblem(step);
    return problem ? { error: problem } : { changed: this.changes(step) };
  }

  /** Applies a choice the ledger recorded; answers false when the model sees no change in it. */
  apply(step: Pick<ChoiceStep, 'purpose' | 'action'> & { brandId?: string | null }): boolean {
    const changed = this.changes(step);
    if (step.action === 'object') {
      for (const key of this.choices.keys()) if (key.startsWith('offers:')) this.choices.set(key, false);
      this.objection = true;
    } else {
      this.choices.set(this.key(step.purpose, step.brandId), step.action === 'grant');
      if (step.action === 'grant' && step.purpose === 'offers') this.objection = false;
    }
    this.entries += 1;
    return changed;
  }
}

/** Records a choice; answers what came of it as `Expected` says it. */
export async function recordStep(store: DocumentStore, hid: string, step: ChoiceStep): Promise<Expected> {
  try {
    return { changed: (await recordChoice(store, hid, choiceInput(step))).changed };
  } catch (error) {
    if (error instanceof ConsentChoiceError) return { error: error.code };
    throw error;
  }
}

/** Records the steps one after the other, each doing what the model says, and the model with them. */
export async function recordInTurn(
  store: DocumentStore,
  hid: string,
  model: ConsentModel,
  steps: readonly ChoiceStep[],
): Promise<void> {
  for (const step of steps) {
    const expected = model.expect(step);
    expect(await recordStep(store, hid, step), JSON.stringify(step)).toEqual(expected);
    if ('changed' in expected && expected.changed) model.apply(step);
  }
}

/**
 * Records the steps all at once: the invalid ones refused with their code,
 * the valid ones each appended or a repeat; the entries appended must be, in
 * the ledger's order, changes the model agrees with, one per choice that said
 * it changed something (`checkLedger` brings the model up to them).
 */
export async function recordAtOnce(
  store: DocumentStore,
  hid: string,
  model: ConsentModel,
  steps: readonly ChoiceStep[],
): Promise<void> {
  const before = model.entries;
  const outcomes = await Promise.all(steps.map((step) => recordStep(store, hid, step)));
  for (const [i, step] of steps.entries()) {
    const problem = staticProblem(step);
    if (problem) expect(outcomes[i]).toEqual({ error: problem });
    else expect(outcomes[i]).toHaveProperty('changed');
  }
  const appended = await checkLedger(store, hid, model);
  const changed = steps.filter((_, i) => (outcomes[i] as { changed?: boolean }).changed === true);
  expect(appended).toHaveLength(changed.length);
  const describe = (c: { purpose: string; brandId?: string | null; action: string }) =>
    `${c.action} ${c.purpose} ${c.brandId ?? ''}`;
  expect(appended.map(describe).sort()).toEqual(changed.map(describe).sort());
  expect(model.entries).toBe(before + changed.length);
}

/**
 * The end of every property: the ledger verifies (chain, hashes, head), the
 * entries appended since the model last looked (by turns, or by choices made
 * at once) are changes the model agrees with and are applied to it, the state
 * on the household document is the replay of the ledger, and the service's
 * policy grants each brand exactly what the model grants. Answers the entries
 * appended.
 */
export async function checkLedger(store: DocumentStore, hid: string, model: ConsentModel) {
  const check = await verifyLedger(store, hid);
  expect(check.problems).toEqual([]);
  const appended = check.parsed.slice(model.entries).map((e) => e.record);
  for (const entry of appended)
    expect(model.apply(entry), `entry ${entry.seq} (${entry.action} ${entry.purpose}) changes nothing`).toBe(
      true,
    );
  expect(check.entries).toBe(model.entries);
  const household = householdRecordSchema.parse((await store.get(paths.household(hid))).data);
  expect(consentStateOf(household)).toEqual(replayLedger(check.parsed));
  for (const brandId of BRANDS)
    expect(ledgerPolicy(household, { brandId, purposes: PURPOSES })).toEqual(model.grantedFor(brandId));
  return appended;
}
