/**
 * The stored documents of a pairing: the pairing itself (`pairings/{pairingId}`)
 * and the index from its code to it (`pairingCodes/{key}`). Both carry
 * `expireAt` so that a Firestore TTL policy deletes them (firestore.indexes.json);
 * the TTL lags by up to a day, so every read checks expiry itself.
 */
import { z } from 'zod';
import { deviceKindSchema, localeSchema } from '../household-record.js';

/** How long a code shown on an appliance can be confirmed. */
export const PAIRING_TTL_MS = 10 * 60_000;
/** How long after the household's confirmation the appliance may pick up its token. */
export const CLAIM_WINDOW_MS = 10 * 60_000;
/** How often an appliance is asked to poll. */
export const POLL_AFTER_SECONDS = 5;

const id = z.string().min(1).max(128);
const instant = z.iso.datetime();

const started = {
  makerId: id,
  kind: deviceKindSchema,
  /** The device's name to be: what the appliance asked for, or its maker's name. */
  name: z.string().min(1).max(80),
  /** The locale the appliance asked for; the household's when absent. */
  locale: localeSchema.optional(),
  /** `pairingCodeKey` of its code: the index entry that points here. */
  codeKey: z.string().min(1),
  createdAt: instant,
  /** Pending: the code's expiry; confirmed: the end of the claim window; claimed: when "claimed" stops being answered. */
  expireAt: instant,
};
const paired = {
  ...started,
  householdId: id,
  deviceId: id,
  confirmedAt: instant,
};

/**
 * `pairings/{pairingId}`: `pending` until a household confirms its code, then
 * `confirmed` (the device exists; its token has not been handed out), then
 * `claimed` once the appliance's poll took the token. The token itself is
 * never stored: it is signed when the appliance picks it up.
 */
export const pairingRecordSchema = z.discriminatedUnion('status', [
  z.object({ ...started, status: z.literal('pending') }),
  z.object({ ...paired, status: z.literal('confirmed') }),
  z.object({ ...paired, status: z.literal('claimed'), claimedAt: instant }),
]);
export type PairingRecord = z.infer<typeof pairingRecordSchema>;

/**
 * `pairingCodes/{key}`: which pairing a live code belongs to. Created with
 * `create` so that two pairings never share a live code; an expired entry may
 * be replaced; a confirmation deletes it (a code works once).
 */
export const pairingCodeRecordSchema = z.object({ pairingId: id, expireAt: instant });
export type PairingCodeRecord = z.infer<typeof pairingCodeRecordSchema>;

/** Whether a record's `expireAt` is still ahead of `now`: the TTL may not have deleted it yet. */
export const isUnexpired = (record: { expireAt: string }, now: Date): boolean =>
  Date.parse(record.expireAt) > now.getTime();
