import { householdRecordSchema } from '../../household/household-record.js';
import { paths } from '../../household/paths.js';
import { hashSecret } from '../../ids/secret-hash.js';
import type { DocumentStore } from '../../store/document-store.js';
import { authorizationCodeRecordSchema } from './authorization-code-record.js';
import { readBySecret } from './oauth-secret.js';
import { type RefreshTokenRecord, refreshTokenRecordSchema } from './refresh-token-record.js';

/**
 * How long a refresh token works unused. Each refresh issues a new one, so a
 * grant in use never expires; a platform that has not refreshed for this long
 * (nobody spoke to the skill for half a year) is asked to link again.
 */
export const REFRESH_TOKEN_TTL_S = 180 * 24 * 3600;

/** How long a retired token is remembered (to recognise its reuse) once a successor replaced it. */
export const RETIRED_TOKEN_RETENTION_MS = 7 * 24 * 3600_000;

/** A stored refresh token and the hash it is stored under. */
export type StoredRefreshToken = { hash: string; record: RefreshTokenRecord };

/** What a new refresh token is issued for. */
export type NewRefreshToken = {
  token: string;
  grantId: string;
  householdId: string;
  clientId: string;
  scope?: string[] | undefined;
  expiresAt: Date;
};

/** The stored token, in whatever state it is (rotation decides what its state allows). */
export function readRefreshToken(
  store: DocumentStore,
  token: string,
): Promise<StoredRefreshToken | undefined> {
  return readBySecret(store, token, refreshTokenRecordSchema);
}

/** The earlier of an instant and `now + ms`, as the store keeps instants. */
function expiringWithin(expireAt: string, now: Date, ms: number): string {
  return new Date(Math.min(Date.parse(expireAt), now.getTime() + ms)).toISOString();
}

function refreshRecord(next: NewRefreshToken, now: Date, predecessor?: string): RefreshTokenRecord {
  return {
    kind: 'refresh',
    grantId: next.grantId,
    householdId: next.householdId,
    clientId: next.clientId,
    ...(next.scope?.length ? { scope: next.scope } : {}),
    ...(predecessor ? { predecessor } : {}),
    createdAt: now.toISOString(),
    expireAt: next.expiresAt.toISOString(),
  };
}

/**
 * The end of a code exchange, in one transaction: the used code records the
 * grant it made, and the grant's first refresh token is stored. False when the
 * code was replayed meanwhile (or is gone): the caller revokes the new grant,
 * whose tokens are then never handed out.
 */
export async function issueFirstRefreshToken(
  store: DocumentStore,
  { codeHash, next, now }: { codeHash: string; next: NewRefreshToken; now: Date },
): Promise<boolean> {
  return store.runTransaction(async (tx) => {
    const code = authorizationCodeRecordSchema.safeParse((await tx.get(paths.oauth(codeHash))).data);
    if (!code.success || code.data.replayedAt !== undefined || code.data.grantId !== undefined) return false;
    tx.merge(paths.oauth(codeHash), { grantId: next.grantId });
    tx.set(paths.oauth(hashSecret(next.token)), refreshRecord(next, now));
    return true;
  });
}

export type Rotation =
  | { ok: true }
  /** gone: unknown or expired meanwhile; revoked: the grant is no longer the household's; reuse: see below. */
  | { ok: false; reason: 'gone' | 'revoked' | 'reuse' };

/**
 * Refreshes with `used`, issuing `next`, in one transaction (two refreshes at
 * once are serialised: the second sees what the first did):
 * - a fresh token's first use retires its predecessor (the token it replaced),
 *   and the predecessor's other successors with it: `retiredBy` names this one;
 * - a used token that is not retired yet works again (a retry after a lost
 *   answer) and gets another successor;
 * - a retired token, or a successor of a token that another successor
 *   retired, is reuse (OAuth 2.0 Security BCP): the caller revokes the grant.
 * The grant must still be the household's, with the generation the new access
 * token was signed with.
 */
export async function rotateRefreshToken(
  store: DocumentStore,
  {
    used,
    generation,
    next,
    now,
  }: { used: StoredRefreshToken; generation: number; next: NewRefreshToken; now: Date },
): Promise<Rotation> {
  // A token's household and predecessor never change: the read before the transaction names them.
  const { householdId, grantId, predecessor } = used.record;
  return store.runTransaction(async (tx): Promise<Rotation> => {
    const [usedSnap, householdSnap, predecessorSnap] = await tx.getAll([
      paths.oauth(used.hash),
      paths.household(householdId),
      ...(predecessor ? [paths.oauth(predecessor)] : []),
    ]);
    const current = refreshTokenRecordSchema.safeParse(usedSnap?.data);
    if (!current.success || Date.parse(current.data.expireAt) <= now.getTime()) {
      return { ok: false, reason: 'gone' };
    }
    const household = householdRecordSchema.safeParse(householdSnap?.data);
    const links = household.success ? household.data.auth.links : {};
    if (!Object.hasOwn(links, grantId) || links[grantId] !== generation)
      return { ok: false, reason: 'revoked' };
    if (current.data.retiredAt !== undefined) return { ok: false, reason: 'reuse' };
    if (current.data.usedAt === undefined) {
      const before = refreshTokenRecordSchema.safeParse(predecessorSnap?.data);
      if (before.success && predecessor) {
        if (before.data.retiredBy !== undefined && before.data.retiredBy !== used.hash) {
          return { ok: false, reason: 'reuse' };
        }
        if (before.data.retiredAt === undefined) {
          tx.merge(paths.oauth(predecessor), {
            retiredAt: now.toISOString(),
            retiredBy: used.hash,
            expireAt: expiringWithin(before.data.expireAt, now, RETIRED_TOKEN_RETENTION_MS),
          });
        }
      }
      tx.merge(paths.oauth(used.hash), { usedAt: now.toISOString() });
    }
    tx.set(paths.oauth(hashSecret(next.token)), refreshRecord(next, now, used.hash));
    return { ok: true };
  });
}
