import type { Hono } from 'hono';
import type { HttpEnv } from '../../http/http-env.js';
import { revokeGrant } from '../grants.js';
import { authenticateClient } from './client-authentication.js';
import type { OAuthDeps } from './oauth-deps.js';
import { oauthErrorResponse, oauthFailure, readForm, withinBudget } from './oauth-request.js';
import { readRefreshToken } from './refresh-tokens.js';

/** The grant a token of `clientId` belongs to: an access token (signed) or a refresh token (stored). */
async function grantOfToken(
  deps: OAuthDeps,
  token: string,
  clientId: string,
): Promise<{ householdId: string; grantId: string } | undefined> {
  if (token.startsWith('hth1.')) {
    const check = deps.signer.verify(token, ['link']);
    return check.ok && check.claims.clientId === clientId ? check.claims : undefined;
  }
  const stored = await readRefreshToken(deps.store, token);
  return stored?.record.clientId === clientId ? stored.record : undefined;
}

/**
 * `POST /oauth/revoke` (RFC 7009): a client revokes a token it holds, and with
 * it the whole grant (every token of the grant, as the consent center's
 * unlinking does). `token_type_hint` is only a hint: both kinds are
 * recognised by their form. A token that is unknown, expired, or another
 * client's is answered 200 all the same, revoking nothing: the answer says
 * nothing about tokens the client does not hold.
 */
export function registerRevokeRoute(app: Hono<HttpEnv>, deps: OAuthDeps): void {
  app.post('/oauth/revoke', async (c) => {
    const form = await readForm(c);
    if (!form.ok) {
      return oauthErrorResponse(c, { error: 'invalid_request', description: form.description, status: 400 });
    }
    try {
      return await withinBudget(
        (async () => {
          const client = await authenticateClient(c, form.params, deps.clients);
          if (!client) {
            return oauthErrorResponse(c, {
              error: 'invalid_client',
              description: 'client authentication failed',
              status: 400,
            });
          }
          const token = form.params.token;
          if (!token) {
            return oauthErrorResponse(c, {
              error: 'invalid_request',
              description: 'token is required',
              status: 400,
            });
          }
          const grant = await grantOfToken(deps, token, client.clientId);
          if (grant)
            await revokeGrant(deps.store, { householdId: grant.householdId, grantId: grant.grantId });
          return c.body(null, 200, { 'cache-control': 'no-store' });
        })(),
        deps.budgetMs,
      );
    } catch (error) {
      return oauthErrorResponse(c, oauthFailure(error, c.var.log));
    }
  });
}
