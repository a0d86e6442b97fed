import { contextPath, hasContextDocument, parseContextDocument } from '../household/context-documents.js';
import { type HouseholdRecord, householdRecordSchema } from '../household/household-record.js';
import { paths } from '../household/paths.js';
import type { ConsentedContext, ContextDocuments, Purpose } from '../runtime/consent-gate.js';
import type { HouseholdReadResult } from '../runtime/run-turn.js';
import type { DocSnapshot, DocumentStore } from '../store/document-store.js';
import type { ConsentPolicy } from './consent-policy.js';

export type TurnHouseholdRead = {
  householdId: string;
  brandId: string;
  /** The context purposes the intent declares. */
  purposes: readonly Purpose[];
  /** Whether the token that named the household is still current (its generation, in the household document). */
  tokenCurrent: (household: HouseholdRecord) => boolean;
  /** Documents the channel needs in the same round trip (a screen's device), answered in `also`. */
  alsoRead?: readonly string[];
};

/**
 * The one read of a turn: the household document, the documents the channel
 * folds in, and the context documents of the declared purposes, in one
 * `getAll`. The consent policy decides from the household document which
 * purposes are granted; only their documents are handed on, parsed with the
 * data model's schema. A store failure rejects (the pipeline answers
 * non-personally).
 */
export async function readTurnHousehold(
  store: DocumentStore,
  policy: ConsentPolicy,
  { householdId, brandId, purposes, tokenCurrent, alsoRead = [] }: TurnHouseholdRead,
): Promise<{ result: HouseholdReadResult; also: readonly (DocSnapshot | undefined)[] }> {
  const contextPurposes = purposes.filter(hasContextDocument);
  const snaps = await store.getAll([
    paths.household(householdId),
    ...alsoRead,
    ...contextPurposes.map((p) => contextPath(householdId, p)),
  ]);
  const also = snaps.slice(1, 1 + alsoRead.length);
  const parsed = householdRecordSchema.safeParse(snaps[0]?.data);
  if (!parsed.success) return { result: { status: 'gone' }, also };
  const household = parsed.data;
  if (!tokenCurrent(household)) return { result: { status: 'revoked' }, also };

  const granted =
    purposes.length > 0 ? policy(household, { brandId, purposes }).filter((p) => purposes.includes(p)) : [];
  const documents: Record<string, unknown> = {};
  for (const [i, purpose] of contextPurposes.entries()) {
    if (!granted.includes(purpose)) continue;
    const document = parseContextDocument(purpose, snaps[1 + alsoRead.length + i]?.data);
    if (document !== undefined) documents[purpose] = document;
  }
  const context: ConsentedContext = { granted, documents: documents as Partial<ContextDocuments> };
  return {
    result: {
      status: 'ok',
      household: { id: householdId, locale: household.locale, timeZone: household.timeZone },
      context,
    },
    also,
  };
}
