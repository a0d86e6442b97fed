import type { TokenSigner } from '../../auth/token-signer.js';
import type { GrantUseRecorder } from '../../linking/grant-use.js';
import { findGrantOfPlatformUser, type PlatformUser } from '../../linking/platform-user.js';
import { unlinkGrant } from '../../linking/unlink-grant.js';
import type { DocumentStore } from '../../store/document-store.js';
import { linkTokenFor } from '../linked-household.js';
import type { AlexaEnvelope } from './alexa-envelope.js';

type WarnLog = Parameters<GrantUseRecorder['note']>[1];

/**
 * Acts on the skill events that concern account linking; Amazon sends them, signed as
 * any request, to the skill's endpoint, and they get an empty answer whatever happens here.
 * - `AlexaSkillEvent.SkillDisabled`: the user disabled the skill, and Amazon dropped its
 *   tokens. The grants the user linked this skill with are unlinked at once: the token's
 *   when the event carries one still valid for this skill (it may arrive an hour late,
 *   past the token's life), and the one the user's id leads to (recorded on first use).
 *   A user hearth never saw is nothing to do.
 * - `AlexaSkillEvent.SkillAccountLinked`: carries the user id and the new token, so the
 *   user is recorded at once, before any turn.
 * Others (enabled, permissions) need nothing.
 */
export async function handleSkillEvent(
  deps: { store: DocumentStore; signer: TokenSigner; grantUse: GrantUseRecorder },
  { skillId, envelope, log }: { skillId: string; envelope: AlexaEnvelope; log: WarnLog },
): Promise<void> {
  const { type } = envelope.request;
  const { userId, accessToken } = envelope.context.System.user ?? {};
  const user: PlatformUser | undefined = userId ? { platform: 'alexa', skillId, userId } : undefined;
  const { claims } = linkTokenFor(
    deps.signer,
    accessToken ?? envelope.request.body?.accessToken,
    'alexa',
    skillId,
  );

  if (type === 'AlexaSkillEvent.SkillDisabled') {
    const grants = new Map<string, { householdId: string; grantId: string }>();
    if (claims) grants.set(claims.grantId, claims);
    const ofUser = user ? await findGrantOfPlatformUser(deps.store, user) : undefined;
    if (ofUser) grants.set(ofUser.grantId, ofUser);
    const wallNow = new Date();
    for (const { householdId, grantId } of grants.values()) {
      await unlinkGrant(deps.store, { householdId, grantId, by: 'alexa.skill_disabled', wallNow });
    }
  } else if (type === 'AlexaSkillEvent.SkillAccountLinked' && claims) {
    deps.grantUse.note(
      { householdId: claims.householdId, grantId: claims.grantId, ...(user ? { user } : {}) },
      log,
    );
  }
}
