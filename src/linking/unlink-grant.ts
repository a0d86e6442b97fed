import { createHash } from 'node:crypto';
import { auditExpireAt } from '../household/expired-documents.js';
import { paths } from '../household/paths.js';
import { randomId } from '../ids/random-id.js';
import type { DocumentStore } from '../store/document-store.js';
import { readGrant, revokeGrant } from './grants.js';

/** Who unlinked: the platform (Alexa's skill-disabled event, Google's DISCONNECT) or the household. */
export type UnlinkedBy = 'alexa.skill_disabled' | 'google.disconnect' | 'household';

/**
 * Unlinks a grant at once (`revokeGrant`: its tokens are refused from the next
 * request on, its refresh tokens and user index go) and leaves a non-personal audit
 * record: the household is named by a hash, which stays meaningless once the
 * household is erased. Whether the grant existed; unlinking twice records once.
 */
export async function unlinkGrant(
  store: DocumentStore,
  {
    householdId,
    grantId,
    by,
    wallNow,
  }: { householdId: string; grantId: string; by: UnlinkedBy; wallNow: Date },
): Promise<boolean> {
  const grant = await readGrant(store, householdId, grantId);
  const existed = await revokeGrant(store, { householdId, grantId });
  if (existed) {
    await store.set(paths.audit(randomId('aud')), {
      type: 'account_link.disconnected',
      by,
      ...(grant ? { platform: grant.platform, clientId: grant.clientId } : {}),
      householdRef: createHash('sha256').update(householdId).digest('base64url'),
      at: wallNow.toISOString(),
      expireAt: auditExpireAt(wallNow),
    });
  }
  return existed;
}
