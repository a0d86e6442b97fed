import type { TokenRequest } from '../auth/token-claims.js';
import { contextPath, hasContextDocument, parseContextDocument } from '../household/context-documents.js';
import { type HouseholdRecord, householdRecordSchema } from '../household/household-record.js';
import { paths } from '../household/paths.js';
import { tokenIsCurrent } from '../household/token-generations.js';
import type { ConsentedContext, ContextDocuments, Purpose } from '../runtime/consent-gate.js';
import type { ConsentActor } from '../runtime/consent-recorder.js';
import type { HouseholdReadResult } from '../runtime/run-turn.js';
import type { DocSnapshot, DocumentStore } from '../store/document-store.js';
import type { ConsentPolicy } from './consent-policy.js';
import { EXPLICIT_PURPOSES, isPerBrand, NOTICE_VERSIONS } from './consent-rules.js';
import { askedKey } from './store-consent-recorder.js';

export type TurnHouseholdRead = {
  householdId: string;
  brandId: string;
  /** The purposes the intent declares: the policy decides each. */
  purposes: readonly Purpose[];
  /** Of `purposes`, those whose context documents are read (default: all). */
  documents?: readonly Purpose[];
  /** The token that named the household: its generation must be the one the household document holds. */
  token: TokenRequest;
  /** Documents the channel needs in the same round trip (a screen's device), answered in `also`. */
  alsoRead?: readonly string[];
  /** The skill asking: its questions for purposes not granted yet are offered to the pipeline (`askable`). */
  skillId?: string;
};

/** The credential of the turn, as the ledger names who made a choice. */
function actorOf(token: TokenRequest): ConsentActor {
  if (token.kind === 'device') return { kind: 'device', id: token.deviceId };
  if (token.kind === 'link') return { kind: 'link', id: token.grantId };
  return { kind: 'household', id: null };
}

/** Whether the skill has not yet spoken of purpose p to the household under its current notice version (`consentAsked`). */
function notYetTold(household: HouseholdRecord, skillId: string, p: Purpose): boolean {
  return household.consentAsked?.[askedKey(skillId, p)] !== NOTICE_VERSIONS[p];
}

/**
 * The purposes whose documents the intent reads, not granted now, that the skill
 * may ask for: never per brand (offers are the brand's to propose, on a page),
 * never special-category data (health is asked for on its own, explicitly), and
 * once per notice version, until the household asks itself.
 */
function askablePurposes(
  household: HouseholdRecord,
  skillId: string,
  wanted: readonly Purpose[],
  granted: readonly Purpose[],
): Purpose[] {
  return wanted.filter(
    (p) =>
      hasContextDocument(p) &&
      !granted.includes(p) &&
      !isPerBrand(p) &&
      !EXPLICIT_PURPOSES.includes(p) &&
      notYetTold(household, skillId, p),
  );
}

/**
 * The explicit-consent purposes (health) whose documents the intent would read, not
 * granted: never asked for by voice, but the household is told once per notice version
 * that it can set them on the privacy page (the pipeline records that as a notice served).
 */
function pointablePurposes(
  household: HouseholdRecord,
  skillId: string,
  wanted: readonly Purpose[],
  granted: readonly Purpose[],
): Purpose[] {
  return wanted.filter(
    (p) => EXPLICIT_PURPOSES.includes(p) && !granted.includes(p) && notYetTold(household, skillId, p),
  );
}

/**
 * Purposes of special-category or precise personal data (GDPR art. 9: health;
 * and where the household is): their documents are read only once the policy
 * has granted them, in a second round trip, never on speculation.
 */
export const READ_ONLY_WHEN_GRANTED: readonly Purpose[] = ['health', 'location'];

/**
 * The one read of a turn: the household document, the documents the channel
 * folds in, and the context documents of the declared purposes, in one
 * `getAll`. The consent policy decides from the household document which
 * purposes are granted; only their documents are handed on, parsed with the
 * data model's schema, and the rest are dropped unseen. Sensitive purposes
 * (`READ_ONLY_WHEN_GRANTED`) are read after the decision, and a policy that
 * grants nothing reads no context at all. A store failure rejects (the
 * pipeline answers non-personally).
 */
export async function readTurnHousehold(
  store: DocumentStore,
  policy: ConsentPolicy,
  {
    householdId,
    brandId,
    purposes,
    documents: wanted = purposes,
    token,
    alsoRead = [],
    skillId,
  }: TurnHouseholdRead,
): Promise<{ result: HouseholdReadResult; also: readonly (DocSnapshot | undefined)[] }> {
  const contextPurposes = policy.grantsNothing
    ? []
    : wanted.filter(hasContextDocument).filter((p) => !READ_ONLY_WHEN_GRANTED.includes(p));
  const snaps = await store.getAll([
    paths.household(householdId),
    ...alsoRead,
    ...contextPurposes.map((p) => contextPath(householdId, p)),
  ]);
  const also = snaps.slice(1, 1 + alsoRead.length);
  const parsed = householdRecordSchema.safeParse(snaps[0]?.data);
  if (!parsed.success) return { result: { status: 'gone' }, also };
  const household = parsed.data;
  if (!tokenIsCurrent(household, token)) return { result: { status: 'revoked' }, also };

  const granted =
    purposes.length > 0 ? policy(household, { brandId, purposes }).filter((p) => purposes.includes(p)) : [];
  const documents: Record<string, unknown> = {};
  for (const [i, purpose] of contextPurposes.entries()) {
    if (!granted.includes(purpose)) continue;
    const document = parseContextDocument(purpose, snaps[1 + alsoRead.length + i]?.data);
    if (document !== undefined) documents[purpose] = document;
  }
  const sensitive = granted
    .filter((p) => wanted.includes(p))
    .filter(hasContextDocument)
    .filter((p) => READ_ONLY_WHEN_GRANTED.includes(p));
  if (sensitive.length > 0) {
    const more = await store.getAll(sensitive.map((p) => contextPath(householdId, p)));
    for (const [i, purpose] of sensitive.entries()) {
      const document = parseContextDocument(purpose, more[i]?.data);
      if (document !== undefined) documents[purpose] = document;
    }
  }
  const context: ConsentedContext = { granted, documents: documents as Partial<ContextDocuments> };
  return {
    result: {
      status: 'ok',
      household: { id: householdId, locale: household.locale, timeZone: household.timeZone },
      context,
      consent: {
        // A policy that grants nothing (consent switched off) or is given by a test never asks.
        askable:
          skillId === undefined || policy.grantsNothing
            ? []
            : askablePurposes(household, skillId, wanted, granted),
        pointable:
          skillId === undefined || policy.grantsNothing
            ? []
            : pointablePurposes(household, skillId, wanted, granted),
        actor: actorOf(token),
      },
      offers: {
        demo: household.demo ?? false,
        marketingObjection: household.marketingObjection !== undefined,
        ...(household.offerObjections ? { objections: household.offerObjections } : {}),
        ...(household.offerCounts ? { counts: household.offerCounts } : {}),
        ...(household.lastOffer ? { lastOffer: household.lastOffer } : {}),
      },
    },
    also,
  };
}
