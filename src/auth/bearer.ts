import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { withDeadline } from '../async/with-deadline.js';
import type { HttpEnv } from '../http/http-env.js';
import { ProblemError } from '../http/problem.js';
import type { ClaimsOf, TokenClaims, TokenKind } from './token-claims.js';
import type { TokenSigner } from './token-signer.js';

/** How long the token's generation check may wait for the store. */
export const AUTH_READ_BUDGET_MS = 1500;

export type AuthEnv<K extends TokenKind> = HttpEnv & { Variables: { principal: ClaimsOf<K> } };

/** What checking a token needs: the signer, and the current generation of a token's subject (undefined when gone). */
export type TokenAuth = {
  signer: TokenSigner;
  generationOf: (claims: TokenClaims) => Promise<number | undefined>;
};

/** The bearer token of a request, or undefined when the header is missing or not a Bearer one. */
export function bearerToken(c: Context): string | undefined {
  const header = c.req.header('authorization');
  const match = header?.match(/^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i);
  return match?.[1];
}

/**
 * Requires a bearer token of one of `kinds`: 401 when missing, malformed,
 * expired, of another kind or revoked (its generation is not the current one).
 * Ownership of the resource in the URL is the route's job (404, see `ensureOwns`).
 */
export function requireToken<K extends TokenKind>(
  { signer, generationOf }: TokenAuth,
  kinds: readonly K[],
  {
    deferGenerationCheck = false,
  }: {
    /**
     * The route checks the generation itself, in the one read it makes anyway
     * (screen turns read the household document with the device): one round trip
     * fewer on the hot path. Such a route must not answer before that check.
     */
    deferGenerationCheck?: boolean;
  } = {},
) {
  return createMiddleware<AuthEnv<K>>(async (c, next) => {
    const token = bearerToken(c);
    if (!token) throw new ProblemError('unauthorized', 'missing bearer token');
    const check = signer.verify(token, kinds);
    if (!check.ok)
      throw new ProblemError('unauthorized', `token rejected: ${check.reason.replace('_', ' ')}`);
    if (!deferGenerationCheck) {
      // A store that does not answer must not hold the request until its timeout.
      const current = await withDeadline(generationOf(check.claims), AUTH_READ_BUDGET_MS, (): never => {
        throw new ProblemError('store_unavailable');
      });
      if (current === undefined || current !== check.claims.generation) {
        throw new ProblemError('token_revoked');
      }
    }
    c.set('principal', check.claims);
    await next();
  });
}

/** 404 unless the token's owner owns the resource: existence is not revealed to others. */
export function ensureOwns(owned: boolean): void {
  if (!owned) throw new ProblemError('not_found');
}
