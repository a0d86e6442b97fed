/**
 * Writes a handler asks for, in household terms. The pipeline checks each
 * against the turn's consent and hands it to an `EffectWriter`: those the
 * reply depends on are committed before the reply is sent; the rest are
 * queued, batched and written after it, off the critical path.
 */
import type { ConsentedContext, Purpose } from './consent-gate.js';
import type { JsonValue } from './turn.js';

/** A JSON object as stored. */
export type JsonObject = { [key: string]: JsonValue };

/** Collections of household records that handlers may append to (later issues add offers and measurement). */
export const RECORD_COLLECTIONS = ['offerLog'] as const;
export type RecordCollection = (typeof RECORD_COLLECTIONS)[number];

/** The purpose each collection's records serve: a record is written only when it is granted in the turn. */
export const RECORD_PURPOSE: Record<RecordCollection, Purpose> = { offerLog: 'offers' };

export type HouseholdWrite =
  /**
   * Read-modify-write of the context document of a granted purpose, in a
   * transaction: `update` gets the document as stored (undefined when missing)
   * and answers the new one, or undefined to leave it as it is.
   */
  | { kind: 'context'; purpose: Purpose; update: (current: unknown) => JsonObject | undefined }
  /**
   * Adds values to a list of a granted purpose's context document that it does not hold yet,
   * without reading it first (Firestore's arrayUnion): one write, no transaction, no lost update.
   */
  | { kind: 'contextAdd'; purpose: Purpose; field: string; values: readonly JsonValue[] }
  /** A new record in a household collection (`households/{hid}/{collection}/{id}`). */
  | { kind: 'record'; collection: RecordCollection; id: string; data: JsonObject }
  /**
   * A decision of the offers engine (its offer-log record, and for a shown offer the household
   * document's counters): written by the pipeline, whatever was granted (the log is the
   * accountability record of every decision, suppressed ones included); never a handler's.
   */
  | {
      kind: 'offerDecision';
      id: string;
      record: JsonObject;
      household?: JsonObject;
      /** A count of the day on the household document to add one to (see `DayCounter`). */
      counter?: DayCounter;
    };

/**
 * One more at `key` of the household document's map `field`, which counts one day (`day`):
 * when the turn read that day's map (`sameDay`), an increment without a read, which concurrent
 * turns cannot lose; otherwise, in a transaction, `fresh` (the new day's map, this count
 * included) unless another turn already started the day, then an increment.
 */
export type DayCounter = { field: string; key: string; day: string; sameDay: boolean; fresh: JsonObject };

/** What a handler returns besides its reply. */
export type Effects = {
  /** Committed before the reply is sent: the reply says "done" only once they are. */
  beforeReply?: readonly HouseholdWrite[];
  /** Written after the reply, batched; never lost silently (a failure is logged with the request id). */
  afterReply?: readonly HouseholdWrite[];
};

/** Where the pipeline sends a turn's writes (`household/effect-writer.ts` writes them to the store). */
export interface EffectWriter {
  /** Commits now; rejects when the writes could not be made. */
  commit(householdId: string, writes: readonly HouseholdWrite[]): Promise<void>;
  /** Queues for after the reply. */
  defer(householdId: string, writes: readonly HouseholdWrite[], requestId?: string): void;
}

/** The writes of a list that the turn may make: context writes only for purposes granted in this turn. */
export function permittedWrites(
  writes: readonly HouseholdWrite[] | undefined,
  context: ConsentedContext,
): { permitted: HouseholdWrite[]; refused: Purpose[] } {
  const permitted: HouseholdWrite[] = [];
  const refused: Purpose[] = [];
  for (const write of writes ?? []) {
    if (write.kind === 'offerDecision') {
      refused.push('offers');
      continue;
    }
    const purpose = write.kind === 'record' ? RECORD_PURPOSE[write.collection] : write.purpose;
    if (!context.granted.includes(purpose)) refused.push(purpose);
    else permitted.push(write);
  }
  return { permitted, refused };
}
