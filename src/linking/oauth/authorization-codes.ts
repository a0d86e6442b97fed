import { paths } from '../../household/paths.js';
import type { DocumentStore } from '../../store/document-store.js';
import { type AuthorizationCodeRecord, authorizationCodeRecordSchema } from './authorization-code-record.js';
import { oauthSecretHash, readBySecret } from './oauth-secret.js';

/** How long an authorization code works: the platform exchanges it within seconds of the redirect. */
export const AUTHORIZATION_CODE_TTL_S = 300;

/** A stored code and the hash it is stored under. */
export type StoredCode = { hash: string; record: AuthorizationCodeRecord };

/** Stores a new code (its hash only). */
export async function saveAuthorizationCode(
  store: DocumentStore,
  code: string,
  record: Omit<AuthorizationCodeRecord, 'kind'>,
): Promise<void> {
  const hash = oauthSecretHash(code);
  if (!hash) throw new Error('an authorization code must be a random secret');
  await store.create(paths.oauth(hash), { kind: 'code', ...record } satisfies AuthorizationCodeRecord);
}

/** The stored code, used or not (its use is decided atomically by `consumeAuthorizationCode`). */
export function readAuthorizationCode(store: DocumentStore, code: string): Promise<StoredCode | undefined> {
  return readBySecret(store, code, authorizationCodeRecordSchema);
}

/**
 * Uses a code once, in a transaction: the first use marks it used; any later
 * one marks it replayed and names the grant the first use made (if it made
 * one yet), for the caller to revoke. Two exchanges at once cannot both pass.
 */
export async function consumeAuthorizationCode(
  store: DocumentStore,
  hash: string,
  now: Date,
): Promise<{ ok: true } | { ok: false; replayedGrantId?: string }> {
  const path = paths.oauth(hash);
  return store.runTransaction(async (tx) => {
    const parsed = authorizationCodeRecordSchema.safeParse((await tx.get(path)).data);
    if (!parsed.success) return { ok: false };
    if (parsed.data.usedAt === undefined) {
      tx.merge(path, { usedAt: now.toISOString() });
      return { ok: true };
    }
    tx.merge(path, { replayedAt: now.toISOString() });
    const { grantId } = parsed.data;
    return grantId ? { ok: false, replayedGrantId: grantId } : { ok: false };
  });
}
