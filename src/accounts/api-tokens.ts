import type { TokenSigner } from '../auth/token-signer.js';
import { type ApiToken, apiTokenSchema, householdRecordSchema } from '../household/household-record.js';
import { paths } from '../household/paths.js';
import { randomId } from '../ids/random-id.js';
import type { DocData, DocumentStore } from '../store/document-store.js';

/**
 * API tokens one household may hold: one per companion app is the use, and the
 * household document (read on every turn) must stay small.
 */
export const MAX_API_TOKENS = 20;

/** An API token's label as a person types it: trimmed, 1 to 80 characters, no control characters. */
export function apiTokenLabel(given: unknown): string | undefined {
  if (typeof given !== 'string') return undefined;
  const label = given.trim();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses.
  if (/[\u0000-\u001f\u007f-\u009f]/.test(label)) return undefined;
  return apiTokenSchema.shape.label.safeParse(label).success ? label : undefined;
}

/** The household's API tokens, oldest first (what `/account` lists). */
export function listApiTokens(tokens: Record<string, ApiToken> | undefined): (ApiToken & { id: string })[] {
  return Object.entries(tokens ?? {})
    .map(([id, token]) => ({ id, ...token }))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/**
 * Creates an API token for a household's companion app: a household token
 * naming a new `tokenId`, which works while `auth.apiTokens[tokenId]` is there
 * (`generationInHousehold`). The token is returned to be shown once; only its
 * label and creation time are stored. `gone` when the household no longer
 * exists, `limit` when it holds MAX_API_TOKENS already.
 */
export async function createApiToken(
  { store, signer }: { store: DocumentStore; signer: TokenSigner },
  householdId: string,
  label: string,
  now = new Date(),
): Promise<{ tokenId: string; token: string } | 'gone' | 'limit'> {
  const tokenId = randomId('tok');
  const path = paths.household(householdId);
  const generation = await store.runTransaction(async (tx) => {
    const record = householdRecordSchema.safeParse((await tx.get(path)).data);
    if (!record.success) return 'gone' as const;
    if (Object.keys(record.data.auth.apiTokens ?? {}).length >= MAX_API_TOKENS) return 'limit' as const;
    const entry: ApiToken = { label, createdAt: now.toISOString() };
    tx.merge(path, { auth: { apiTokens: { [tokenId]: entry } } });
    return record.data.auth.household;
  });
  if (typeof generation !== 'number') return generation;
  // No expiry: a companion app's token lasts until it is revoked here (or the household's tokens are).
  const token = signer.sign({ kind: 'household', householdId, generation, tokenId });
  return { tokenId, token };
}

/** Revokes an API token: its entry goes, and the token is refused from the next request on. */
export async function revokeApiToken(
  store: DocumentStore,
  householdId: string,
  tokenId: string,
): Promise<boolean> {
  const path = paths.household(householdId);
  return store.runTransaction(async (tx) => {
    const snap = await tx.get(path);
    const record = householdRecordSchema.safeParse(snap.data);
    const tokens = record.success ? record.data.auth.apiTokens : undefined;
    if (!snap.data || !tokens || !Object.hasOwn(tokens, tokenId)) return false;
    // A merge cannot remove a key: the stored auth is written back without it, the rest as stored.
    const auth = snap.data.auth as DocData;
    const { [tokenId]: _revoked, ...kept } = auth.apiTokens as DocData;
    tx.set(path, { ...snap.data, auth: { ...auth, apiTokens: kept } });
    return true;
  });
}
