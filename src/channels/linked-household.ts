import type { ClaimsOf } from '../auth/token-claims.js';
import type { TokenSigner } from '../auth/token-signer.js';
import { readTurnHousehold } from '../consent/read-turn-household.js';
import type { HouseholdRead } from '../runtime/run-turn.js';
import type { SkillDefinition } from '../runtime/skill-definition.js';
import type { ChannelDeps } from './channel-deps.js';

/** A linked turn's read and the token's claims, or why the turn is anonymous. */
export type LinkedHousehold =
  | { read: HouseholdRead; claims: ClaimsOf<'link'>; reason?: undefined }
  | { read?: undefined; claims?: undefined; reason: string };

/**
 * The claims of a link token whose audience is this platform and this skill (its
 * grant's client), or why not. Whether its grant is still current is for the caller
 * to check against the household document.
 */
export function linkTokenFor(
  signer: TokenSigner,
  token: string | undefined,
  platform: 'alexa' | 'dialogflow',
  skillId: string,
): { claims: ClaimsOf<'link'>; reason?: undefined } | { claims?: undefined; reason: string } {
  if (!token) return { reason: 'not linked' };
  const check = signer.verify(token, ['link']);
  if (!check.ok) return { reason: `token ${check.reason}` };
  const { claims } = check;
  if (claims.platform !== platform) return { reason: 'token of another platform' };
  if (claims.skillId !== skillId) return { reason: 'token of another skill' };
  return { claims };
}

/**
 * The household behind an account-linking access token (Alexa's
 * `context.System.user.accessToken`, a Dialogflow integration's payload token):
 * the token must be a valid `link` token of that platform and that skill
 * (`linkTokenFor`); whether its grant is still current is checked in the turn's
 * one read of the household document.
 */
export function linkedHousehold(
  deps: Pick<ChannelDeps, 'store' | 'signer' | 'consent'>,
  skill: SkillDefinition,
  token: string | undefined,
  platform: 'alexa' | 'dialogflow',
): LinkedHousehold {
  const { claims, reason } = linkTokenFor(deps.signer, token, platform, skill.id);
  if (!claims) return { reason };
  return {
    claims,
    read: async (purposes, documents) =>
      (
        await readTurnHousehold(deps.store, deps.consent, {
          householdId: claims.householdId,
          brandId: skill.brandId,
          skillId: skill.id,
          purposes,
          ...(documents ? { documents } : {}),
          token: claims,
        })
      ).result,
  };
}
