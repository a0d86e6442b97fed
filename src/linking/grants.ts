import type { ClaimsOf } from '../auth/token-claims.js';
import type { TokenSigner } from '../auth/token-signer.js';
import { householdRecordSchema } from '../household/household-record.js';
import { paths } from '../household/paths.js';
import { randomId } from '../ids/random-id.js';
import type { DocumentStore } from '../store/document-store.js';
import { type LinkGrantRecord, linkGrantRecordSchema } from './link-grant-record.js';
import type { OAuthClientRecord } from './oauth-client-record.js';

/** How long an account-linking access token lives: well above the 6 minutes Alexa requires. */
export const LINK_ACCESS_TOKEN_TTL_S = 3600;

/** A client as a grant names it. */
export type GrantClient = { clientId: string } & Pick<OAuthClientRecord, 'platform' | 'skillId'>;

/** What an access token of a grant is signed from. */
export type GrantRef = { householdId: string; grantId: string; generation: number } & GrantClient;

/**
 * Creates a grant for `client` in a household: the grant document and its
 * generation on the household document, in one transaction. Undefined when the
 * household does not exist (erased meanwhile).
 */
export async function createGrant(
  store: DocumentStore,
  { householdId, client, now }: { householdId: string; client: GrantClient; now: Date },
): Promise<GrantRef | undefined> {
  const grantId = randomId('lnk');
  return store.runTransaction(async (tx) => {
    const snap = await tx.get(paths.household(householdId));
    const household = householdRecordSchema.safeParse(snap.data);
    if (!snap.exists || !household.success) return undefined;
    const generation = 1;
    tx.merge(paths.household(householdId), { auth: { links: { [grantId]: generation } } });
    tx.set(paths.link(householdId, grantId), {
      clientId: client.clientId,
      platform: client.platform,
      ...(client.skillId ? { skillId: client.skillId } : {}),
      createdAt: now.toISOString(),
    } satisfies LinkGrantRecord);
    return { householdId, grantId, generation, ...client };
  });
}

/** Signs an access token of a grant, valid `ttlS` seconds from now (wall clock). */
export function signLinkAccessToken(
  signer: TokenSigner,
  grant: GrantRef,
  ttlS = LINK_ACCESS_TOKEN_TTL_S,
): string {
  const claims: Omit<ClaimsOf<'link'>, 'iat'> = {
    kind: 'link',
    householdId: grant.householdId,
    grantId: grant.grantId,
    clientId: grant.clientId,
    platform: grant.platform,
    ...(grant.skillId ? { skillId: grant.skillId } : {}),
    generation: grant.generation,
    exp: Math.floor(Date.now() / 1000) + ttlS,
    jti: randomId('at'),
  };
  return signer.sign(claims);
}

/** The grant's document, or undefined when it is gone or unreadable. */
export async function readGrant(
  store: DocumentStore,
  householdId: string,
  grantId: string,
): Promise<LinkGrantRecord | undefined> {
  const parsed = linkGrantRecordSchema.safeParse((await store.get(paths.link(householdId, grantId))).data);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Revokes a grant at once: its generation leaves the household document and
 * its document goes, in one transaction (every access token of it is refused
 * from the next request on), then every `oauth/` document of the grant (refresh
 * tokens, codes, the platform user's index: `grantId` names the grant) is deleted. Whether it existed; revoking twice is harmless.
 */
export async function revokeGrant(
  store: DocumentStore,
  { householdId, grantId }: { householdId: string; grantId: string },
): Promise<boolean> {
  const existed = await store.runTransaction(async (tx) => {
    const [householdSnap, grantSnap] = await tx.getAll([
      paths.household(householdId),
      paths.link(householdId, grantId),
    ]);
    const household = householdRecordSchema.safeParse(householdSnap?.data);
    const held = household.success && Object.hasOwn(household.data.auth.links, grantId);
    if (household.success && held) {
      const { [grantId]: _revoked, ...links } = household.data.auth.links;
      // The document is written whole: a merge cannot remove a key.
      tx.set(paths.household(householdId), {
        ...householdSnap!.data!,
        auth: { ...(householdSnap!.data!.auth as object), links },
      });
    }
    if (grantSnap?.exists) tx.delete(paths.link(householdId, grantId));
    return held || grantSnap?.exists === true;
  });
  // Secrets of the grant: useless once its generation is gone, deleted so nothing of it lingers.
  // This runs for a grant already gone too, so that a retry finishes the job; a document that
  // names another household is never this household's to delete, whatever grant id it was asked for.
  const secrets = await store.query({
    collection: paths.oauthCollection(),
    where: [{ field: 'grantId', op: '==', value: grantId }],
  });
  for (const snap of secrets) {
    const owner = snap.data?.householdId;
    if (owner === undefined || owner === householdId) await store.delete(snap.path);
  }
  return existed;
}
