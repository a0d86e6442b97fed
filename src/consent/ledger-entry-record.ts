/**
 * `households/{hid}/consentLedger/{id}`: one grant, withdrawal or objection,
 * appended and never edited. Each entry carries the hash of the one before it
 * and its own hash over its fields and the household id, so a changed, moved,
 * reordered or deleted entry breaks the chain (`hearth consent verify`).
 * Ids are the sequence number zero-padded, so the id order is the ledger order.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { PURPOSES } from '../runtime/consent-gate.js';

export const CONSENT_CHANNELS = ['voice', 'screen', 'web', 'api'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

/** Who made the choice: the household through one of its credentials, or the demo seed. */
export const ACTOR_KINDS = ['household', 'device', 'link', 'session', 'demo'] as const;

/** What the previous hash of the first entry is. */
export const GENESIS_HASH = '0'.repeat(64);

export const ledgerEntryRecordSchema = z.object({
  seq: z.number().int().min(1),
  purpose: z.enum(PURPOSES),
  /** The brand, for per-brand purposes (offers, measurement); null otherwise. */
  brandId: z.string().min(1).nullable(),
  /** `object`: the objection to direct marketing (purpose offers, every brand). */
  action: z.enum(['grant', 'withdraw', 'object']),
  noticeVersion: z.number().int().min(1),
  channel: z.enum(CONSENT_CHANNELS),
  /** The credential that made the choice: its kind, and the id of a device, link grant or session (never a secret). */
  actor: z.object({ kind: z.enum(ACTOR_KINDS), id: z.string().nullable() }),
  at: z.string(),
  proof: z.object({
    /** What the household said, typed or tapped (an intent and its slots on voice, the control's label on a page). */
    input: z.string().max(500),
    /** The notice served before the choice (`noticesServed/{id}`), and its text as served. */
    noticeId: z.string().nullable(),
    noticeText: z.string().max(4000).nullable(),
    locale: z.string().nullable(),
    skillId: z.string().nullable(),
  }),
  prevHash: z.string().length(64),
  hash: z.string().length(64),
});
export type LedgerEntryRecord = z.infer<typeof ledgerEntryRecordSchema>;
export type UnhashedEntry = Omit<LedgerEntryRecord, 'hash'>;

/** The ledger id of the entry with sequence number `seq`. */
export function ledgerEntryId(seq: number): string {
  return `e${String(seq).padStart(10, '0')}`;
}

/** JSON with object keys sorted at every level: the same entry always hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The hash of an entry: SHA-256 over the household id and the entry's fields (its own hash left out). */
export function entryHash(householdId: string, entry: UnhashedEntry): string {
  const { hash: _ignored, ...fields } = entry as LedgerEntryRecord;
  return createHash('sha256')
    .update(`hearth-consent-ledger/1\n${householdId}\n${canonicalJson(fields)}`)
    .digest('hex');
}
