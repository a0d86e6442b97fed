/**
 * The consent state a household document carries (`households/{hid}`): the
 * current choice per purpose (per brand for `offers` and `measurement`), the
 * head of the consent ledger it was derived from, the objection to direct
 * marketing, and which purposes each skill has asked for. The ledger
 * (`consentLedger/`) is the record; this is its replay, changed in the same
 * transaction as every entry, so the turn's one read decides consent.
 *
 * Read leniently: a malformed choice reads as no choice (not granted), never
 * as an unreadable household.
 */
import { z } from 'zod';

/** A household's current choice for one purpose (and brand). */
export const consentChoiceSchema = z.object({
  granted: z.boolean(),
  /** The notice version the choice was made on; a grant on an older version than the current one is stale. */
  version: z.number().int().min(1),
  at: z.string(),
  /** The ledger entry that made this choice (its id under `consentLedger/`). */
  entry: z.string(),
});
export type ConsentChoice = z.infer<typeof consentChoiceSchema>;

/** Keeps the entries of a map that parse; drops the rest (an unknown shape reads as no choice). */
function lenientRecord<T extends z.ZodType>(value: T) {
  return z.unknown().transform((raw) =>
    raw !== null && typeof raw === 'object' && !Array.isArray(raw)
      ? Object.fromEntries(
          Object.entries(raw).flatMap(([key, entry]) => {
            const parsed = value.safeParse(entry);
            return parsed.success ? [[key, parsed.data as z.output<T>] as const] : [];
          }),
        )
      : {},
  );
}

/** Choices by consent key: the purpose (`inventory`), or purpose and brand (`offers:frostline`). */
export const consentChoicesSchema = lenientRecord(consentChoiceSchema);
export type ConsentChoices = Record<string, ConsentChoice>;

/** Where the ledger stands: how many entries, and the hash of the last (what the next one chains to). */
export const consentLedgerHeadSchema = z.object({
  count: z.number().int().min(0),
  head: z.string().min(1),
});
export type ConsentLedgerHead = z.infer<typeof consentLedgerHeadSchema>;

/** The objection to direct marketing (GDPR art. 21): no offers from any brand while it stands. */
export const marketingObjectionSchema = z.object({ at: z.string(), entry: z.string() });
export type MarketingObjection = z.infer<typeof marketingObjectionSchema>;

/** The notice version a skill last asked a purpose on, by `skillId:purpose`. */
export const consentAskedSchema = lenientRecord(z.number().int().min(1));
