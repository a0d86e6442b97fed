import { z } from 'zod';

/**
 * `oauth/{hashSecret(token)}` with `kind: 'refresh'`: a refresh token of a
 * grant (only its hash is stored). Rotation (refresh-tokens.ts) chains them:
 * each names the token it was issued for (`predecessor`). A token is fresh
 * until first used (`usedAt`); used, it still works (a retry after a lost
 * answer) until one of its successors is used, which retires it (`retiredAt`,
 * `retiredBy` that successor). A retired token, or a successor other than
 * `retiredBy`, coming back is reuse: the grant is revoked. Naming `grantId`
 * lets `revokeGrant` delete every token of the grant.
 */
export const refreshTokenRecordSchema = z.object({
  kind: z.literal('refresh'),
  grantId: z.string().min(1),
  householdId: z.string().min(1),
  clientId: z.string().min(1),
  scope: z.array(z.string()).optional(),
  /** The hash of the token this one was issued for; absent for the first of a grant. */
  predecessor: z.string().optional(),
  createdAt: z.string(),
  expireAt: z.string(),
  usedAt: z.string().optional(),
  retiredAt: z.string().optional(),
  /** The hash of the successor whose first use retired this token. */
  retiredBy: z.string().optional(),
});
export type RefreshTokenRecord = z.infer<typeof refreshTokenRecordSchema>;
