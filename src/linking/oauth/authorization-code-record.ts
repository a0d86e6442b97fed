import { z } from 'zod';

/**
 * `oauth/{hashSecret(code)}` with `kind: 'code'`: an authorization code the
 * household approved (only its hash is stored). It lives AUTHORIZATION_CODE_TTL_S
 * (`expireAt`, also the TTL policy's field). Exchanging it sets `usedAt`, then
 * `grantId` once the grant exists; the used record is kept until it expires so
 * that a replay is recognised (`replayedAt`) and revokes that grant (OAuth 2.0
 * Security BCP). Naming `grantId` also lets `revokeGrant` delete it.
 */
export const authorizationCodeRecordSchema = z.object({
  kind: z.literal('code'),
  clientId: z.string().min(1),
  householdId: z.string().min(1),
  redirectUri: z.string().min(1),
  scope: z.array(z.string()).optional(),
  /** The PKCE S256 challenge, when the request carried one. */
  codeChallenge: z.string().optional(),
  codeChallengeMethod: z.literal('S256').optional(),
  createdAt: z.string(),
  expireAt: z.string(),
  usedAt: z.string().optional(),
  grantId: z.string().optional(),
  replayedAt: z.string().optional(),
});
export type AuthorizationCodeRecord = z.infer<typeof authorizationCodeRecordSchema>;
