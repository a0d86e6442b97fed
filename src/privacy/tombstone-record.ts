import { z } from 'zod';
import { paths } from '../household/paths.js';
import { SAFE_ID } from '../ids/safe-id.js';
import { hashSecret } from '../ids/secret-hash.js';

/**
 * How long an erased household's tombstone is kept: a month in which the household (or a
 * brand that knows its id) can be told that it was erased, and when, though the store
 * names it nowhere. The hourly purge deletes it after (`expired-documents.ts`).
 */
export const TOMBSTONE_RETENTION_MS = 30 * 24 * 3600_000;

const instant = z.iso.datetime();

/**
 * `erasures/{hashSecret(hid)}`: an erasure, under the hash of the household's id. Written
 * `erasing` in the same commit that deletes the household document (every token of the
 * household is refused from then on), with the id in clear so that an erasure cut short
 * (a process stopped part way) can be finished by the purge (`finish-erasures.ts`); once
 * everything is deleted it becomes `erased`, which holds no id: household ids are random
 * and long, so the hash says nothing to someone who does not know the id already.
 */
export const tombstoneRecordSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('erasing'),
    householdId: z.string().regex(SAFE_ID),
    startedAt: instant,
    expireAt: instant,
  }),
  z.object({ status: z.literal('erased'), startedAt: instant, erasedAt: instant, expireAt: instant }),
]);
export type TombstoneRecord = z.infer<typeof tombstoneRecordSchema>;

/** Where the tombstone of household `hid` is: under the hash of its id, never the id. */
export function tombstonePath(hid: string): string {
  return paths.erasure(hashSecret(hid));
}

/** The `expireAt` of a tombstone written at `at` (wall clock). */
export function tombstoneExpireAt(at: Date): string {
  return new Date(at.getTime() + TOMBSTONE_RETENTION_MS).toISOString();
}
