import { withDeadline } from '../async/with-deadline.js';
import { generationInHousehold } from '../auth/generations.js';
import type { TokenSigner } from '../auth/token-signer.js';
import { householdRecordSchema } from '../household/household-record.js';
import { paths } from '../household/paths.js';
import type { TurnHousehold } from '../runtime/turn.js';
import type { DocumentStore } from '../store/document-store.js';

export type LinkedHousehold =
  | { household: TurnHousehold }
  /** `unavailable`: the token may be fine but the store did not answer in time; answer non-personally. */
  | { household?: undefined; reason: string; unavailable?: true };

/** How long the household lookup may take before the turn goes on without it (see TURN_DEADLINE_MS). */
export const LOOKUP_BUDGET_MS = 600;

/**
 * The household behind an account-linking access token (Alexa's
 * `context.System.user.accessToken`, a Dialogflow integration's payload token):
 * the token must be a valid, current `link` token of that platform.
 */
export async function linkedHousehold(
  { store, signer }: { store: DocumentStore; signer: TokenSigner },
  token: string | undefined,
  platform: 'alexa' | 'google',
): Promise<LinkedHousehold> {
  if (!token) return { reason: 'not linked' };
  const check = signer.verify(token, ['link']);
  if (!check.ok) return { reason: `token ${check.reason}` };
  if (check.claims.platform !== platform) return { reason: 'token of another platform' };
  const timedOut = Symbol('timeout');
  const snap = await withDeadline<Awaited<ReturnType<DocumentStore['get']>> | typeof timedOut>(
    store.get(paths.household(check.claims.householdId)).catch(() => timedOut),
    LOOKUP_BUDGET_MS,
    () => timedOut,
  );
  if (snap === timedOut) return { reason: 'store unavailable', unavailable: true };
  const record = householdRecordSchema.safeParse(snap.data);
  if (!record.success || generationInHousehold(snap.data, check.claims) !== check.claims.generation) {
    return { reason: 'token revoked' };
  }
  return {
    household: { id: check.claims.householdId, locale: record.data.locale, timeZone: record.data.timeZone },
  };
}
