import { readTurnHousehold } from '../consent/read-turn-household.js';
import type { HouseholdRead } from '../runtime/run-turn.js';
import type { SkillDefinition } from '../runtime/skill-definition.js';
import type { ChannelDeps } from './channel-deps.js';

/** A linked turn's read, or why the turn is anonymous. */
export type LinkedHousehold =
  | { read: HouseholdRead; reason?: undefined }
  | { read?: undefined; reason: string };

/**
 * The household behind an account-linking access token (Alexa's
 * `context.System.user.accessToken`, a Dialogflow integration's payload token):
 * the token must be a valid `link` token of that platform and that skill (its
 * grant's client); whether its grant is still
 * current is checked in the turn's one read of the household document.
 */
export function linkedHousehold(
  deps: Pick<ChannelDeps, 'store' | 'signer' | 'consent'>,
  skill: SkillDefinition,
  token: string | undefined,
  platform: 'alexa' | 'dialogflow',
): LinkedHousehold {
  if (!token) return { reason: 'not linked' };
  const check = deps.signer.verify(token, ['link']);
  if (!check.ok) return { reason: `token ${check.reason}` };
  const { claims } = check;
  // A link token's audience is its client: this platform, this skill.
  if (claims.platform !== platform) return { reason: 'token of another platform' };
  if (claims.skillId !== skill.id) return { reason: 'token of another skill' };
  return {
    read: async (purposes, documents) =>
      (
        await readTurnHousehold(deps.store, deps.consent, {
          householdId: claims.householdId,
          brandId: skill.brandId,
          purposes,
          ...(documents ? { documents } : {}),
          token: claims,
        })
      ).result,
  };
}
