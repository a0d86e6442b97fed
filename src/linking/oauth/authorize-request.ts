import type { OAuthClient, OAuthClients } from './oauth-clients.js';
import { type Params, singleParams } from './oauth-request.js';

/** The parameters of an authorization request that the consent form carries on to its POST. */
export const AUTHORIZE_PARAMS = [
  'response_type',
  'client_id',
  'redirect_uri',
  'state',
  'scope',
  'code_challenge',
  'code_challenge_method',
  'user_locale',
] as const;

export type AuthorizeParams = Partial<Record<(typeof AUTHORIZE_PARAMS)[number], string>>;

/** Why a request cannot even be answered at its redirect URI: an error page says so instead. */
export type AuthorizePageError = 'unknown_client' | 'bad_redirect';

export type AuthorizeCheck =
  | { ok: true; client: OAuthClient; params: AuthorizeParams; redirectUri: string; state: string }
  /** Shown as a page, never redirected: the redirect URI is not one the client registered. */
  | { ok: false; page: AuthorizePageError }
  /** Sent back to the client's redirect URI (RFC 6749 4.1.2.1). */
  | { ok: false; redirect: string };

/** RFC 6749's VSCHAR: printable ASCII, what a `state` may hold. */
const VSCHAR = /^[\x20-\x7e]+$/;
/** A scope: NQCHAR tokens separated by single spaces (RFC 6749 3.3). */
const SCOPE = /^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/;
/** An S256 challenge: base64url of a SHA-256, no padding. */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/** The redirect URI with an RFC 6749 error (and the request's state, when it had a usable one). */
export function errorRedirect(
  redirectUri: string,
  error: string,
  description: string,
  state?: string,
): string {
  const url = new URL(redirectUri);
  url.searchParams.set('error', error);
  url.searchParams.set('error_description', description);
  if (state !== undefined && VSCHAR.test(state)) url.searchParams.set('state', state);
  return url.toString();
}

/**
 * Checks an authorization request (the query of `GET /oauth/authorize`, or the
 * consent form's fields) before anything is shown or issued. The client and
 * its exact redirect URI come first: until both are known good, nothing is
 * redirected anywhere. Then the rest, in RFC order: the response type, a
 * state (required here), the scope's syntax, and PKCE (S256 only; required
 * for clients registered with `pkceRequired`).
 */
export async function checkAuthorizeRequest(
  search: URLSearchParams,
  clients: OAuthClients,
): Promise<AuthorizeCheck> {
  const clientIds = search.getAll('client_id');
  const redirectUris = search.getAll('redirect_uri');
  if (clientIds.length !== 1 || !clientIds[0]) return { ok: false, page: 'unknown_client' };
  const client = await clients(clientIds[0]);
  if (!client) return { ok: false, page: 'unknown_client' };
  const redirectUri = redirectUris[0];
  if (redirectUris.length !== 1 || !redirectUri || !client.redirectUris.includes(redirectUri)) {
    return { ok: false, page: 'bad_redirect' };
  }

  const states = search.getAll('state');
  const fail = (error: string, description: string) => ({
    ok: false as const,
    redirect: errorRedirect(redirectUri, error, description, states.length === 1 ? states[0] : undefined),
  });
  const parsed = singleParams(search);
  if (!parsed.ok) return fail('invalid_request', parsed.description);
  const all: Params = parsed.params;
  const params: AuthorizeParams = {};
  for (const name of AUTHORIZE_PARAMS) if (all[name] !== undefined) params[name] = all[name];

  if (!params.response_type) return fail('invalid_request', 'response_type is required');
  if (params.response_type !== 'code') return fail('unsupported_response_type', 'only code is supported');
  const state = params.state;
  if (!state) return fail('invalid_request', 'state is required');
  if (!VSCHAR.test(state)) return fail('invalid_request', 'state must be printable ASCII');
  if (params.scope !== undefined && !SCOPE.test(params.scope))
    return fail('invalid_scope', 'malformed scope');

  const challenge = params.code_challenge;
  const method = params.code_challenge_method;
  if (challenge !== undefined || method !== undefined) {
    // Without a method a challenge would be `plain` (RFC 7636 4.3), which is not offered.
    if (method !== 'S256') return fail('invalid_request', 'code_challenge_method must be S256');
    if (challenge === undefined || !S256_CHALLENGE.test(challenge)) {
      return fail('invalid_request', 'code_challenge must be a base64url SHA-256');
    }
  } else if (client.pkceRequired) {
    return fail('invalid_request', 'code_challenge (S256) is required for this client');
  }
  return { ok: true, client, params, redirectUri, state };
}
