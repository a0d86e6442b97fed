import { z } from 'zod';
import { paths } from '../household/paths.js';
import { hashSecret } from '../ids/secret-hash.js';
import type { DocumentStore } from '../store/document-store.js';

/**
 * A user as a platform names them in its requests: Alexa's `context.System.user.userId`,
 * which is one per skill enablement (a skill that is disabled and enabled again gets a
 * new one). Google sends no user id to a smart-home fulfilment (its DISCONNECT carries
 * the token itself), and Dialogflow none hearth could rely on: only Alexa has one.
 */
export type PlatformUser = { platform: 'alexa'; skillId: string; userId: string };

/**
 * `oauth/{hash of platform, skill and user id}`: from a platform's user to the grant
 * that user's requests carry, so that an unlink event that names only the user (Alexa's
 * skill-disabled event often has no token) finds the grant. The user id is personal
 * data: it is only in the document's id, hashed; Alexa's user ids are long and random,
 * so the hash cannot be turned back into one by guessing. The document carries the
 * grant's id, so revoking the grant (`revokeGrant`, which deletes every `oauth/`
 * document of the grant) removes it too.
 */
export const platformUserIndexSchema = z.object({
  kind: z.literal('platform-user'),
  householdId: z.string().min(1),
  grantId: z.string().min(1),
});
export type PlatformUserIndex = z.infer<typeof platformUserIndexSchema>;

/** Where the index of a platform's user is kept. */
export function platformUserIndexPath({ platform, skillId, userId }: PlatformUser): string {
  return paths.oauth(hashSecret(`${platform}:${skillId}:${userId}`));
}

/** The grant a platform's user last linked with, or undefined when no token of theirs was ever seen (or it is revoked). */
export async function findGrantOfPlatformUser(
  store: DocumentStore,
  user: PlatformUser,
): Promise<{ householdId: string; grantId: string } | undefined> {
  const parsed = platformUserIndexSchema.safeParse((await store.get(platformUserIndexPath(user))).data);
  return parsed.success ? { householdId: parsed.data.householdId, grantId: parsed.data.grantId } : undefined;
}
