/**
 * Between Hono and `@node-oauth/oauth2-server`: the parameters of a query or
 * form (each once, bounded), the library's `Request` built from them, and its
 * errors as RFC 6749 JSON.
 */
import type OAuth2Server from '@node-oauth/oauth2-server';
import type { Context } from 'hono';
import { withDeadline } from '../../async/with-deadline.js';
import type { Logger } from '../../logging/logger.js';
import { classifyStoreFailure } from '../../store/store-failure.js';
import { basicCredentials } from './client-authentication.js';
import { loadedOAuthLibrary, type OAuthLibrary } from './oauth-library.js';

/** The longest parameter value accepted (states, PKCE values and tokens are far shorter). */
export const MAX_PARAM_LENGTH = 4096;

/** How long the store work of one OAuth request may take: Alexa gives the token endpoint 4.5 s in all. */
export const OAUTH_STORE_BUDGET_MS = 3000;

/** A parameter list as the library reads it: own string values only, no prototype to reach through. */
export type Params = Record<string, string>;

export type ParsedParams = { ok: true; params: Params } | { ok: false; description: string };

/**
 * The parameters of a query or form: RFC 6749 (3.1, 3.2) says none may come
 * more than once, and none here needs to be long.
 */
export function singleParams(search: URLSearchParams): ParsedParams {
  const params: Params = Object.create(null) as Params;
  for (const [name, value] of search) {
    if (Object.hasOwn(params, name))
      return { ok: false, description: `repeated parameter: ${name.slice(0, 40)}` };
    if (value.length > MAX_PARAM_LENGTH || name.length > 100) {
      return { ok: false, description: 'parameter too long' };
    }
    params[name] = value;
  }
  return { ok: true, params };
}

/**
 * The form parameters of a POST (`application/x-www-form-urlencoded`), or none
 * for any other body, which the library then refuses as it should; `length`
 * is what was read, for the library's `content-length` check.
 */
export async function readForm(c: Context): Promise<ParsedParams & { length: number }> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(type)) {
    return { ok: true, params: Object.create(null) as Params, length: 0 };
  }
  const text = await c.req.text();
  return { ...singleParams(new URLSearchParams(text)), length: Buffer.byteLength(text) };
}

/** The library's request: lowercased headers with the length of the body read, the parsed body and query. */
export function libraryRequest(
  library: OAuthLibrary,
  c: Context,
  { body, query, length }: { body: Params; query?: Params; length: number },
): OAuth2Server.Request {
  const headers: Record<string, string> = {};
  c.req.raw.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  // The body was read whole: its length is known (the library checks it to see a body at all).
  delete headers['transfer-encoding'];
  headers['content-length'] = String(length);
  // The library takes Basic credentials as sent; RFC 6749 2.3.1 has them form-encoded first.
  const basic = basicCredentials(headers.authorization);
  if (basic) headers.authorization = `Basic ${Buffer.from(`${basic.id}:${basic.secret}`).toString('base64')}`;
  return new library.Request({ method: c.req.method, headers, query: query ?? {}, body });
}

/** The store did not answer within OAUTH_STORE_BUDGET_MS, or was unavailable: worth a retry. */
export class OAuthUnavailableError extends Error {
  override readonly name = 'OAuthUnavailableError';
}

/** `promise` within `budgetMs`, or OAuthUnavailableError (the work goes on alone; its outcome is dropped). */
export function withinBudget<T>(promise: Promise<T>, budgetMs: number): Promise<T> {
  return withDeadline(promise, budgetMs, (): never => {
    throw new OAuthUnavailableError('the store did not answer in time');
  });
}

/** An RFC 6749 error as the library raises it, or one of ours in the same shape. */
export type OAuthFailure = { error: string; description: string; status: number };

/**
 * What a failure of the library (or of the store under it) tells the client:
 * its own errors as they are; the store being slow or down as 503
 * `temporarily_unavailable`; anything else as 500 `server_error`, logged by
 * name only (messages of the store can name the `oauth/` documents).
 */
export function oauthFailure(error: unknown, log: Logger | undefined): OAuthFailure {
  const library = loadedOAuthLibrary();
  const inner =
    library && error instanceof library.ServerError ? (error as { inner?: unknown }).inner : error;
  if (library && error instanceof library.OAuthError && !(error instanceof library.ServerError)) {
    // The library's own 500s (a model returning something it does not expect) are bugs: logged.
    if (error.code >= 500) log?.error({ err: { name: error.name } }, 'oauth library error');
    return { error: error.name, description: error.message, status: error.code };
  }
  if (inner instanceof OAuthUnavailableError || classifyStoreFailure(inner) !== undefined) {
    log?.warn({ err: { name: (inner as Error).name } }, 'oauth store unavailable');
    return { error: 'temporarily_unavailable', description: 'try again shortly', status: 503 };
  }
  log?.error({ err: { name: (inner as Error | undefined)?.name } }, 'oauth request failed');
  return { error: 'server_error', description: 'the server could not answer', status: 500 };
}

/**
 * The token and revocation endpoints' error answer (RFC 6749 5.2): JSON, not
 * cached. A client that tried HTTP Basic (any Authorization header) and is
 * refused gets 401 with the scheme to use.
 */
export function oauthErrorResponse(c: Context, failure: OAuthFailure): Response {
  const basic = failure.error === 'invalid_client' && c.req.header('authorization') !== undefined;
  const status = basic ? 401 : failure.status;
  return c.json({ error: failure.error, error_description: failure.description }, status as 400, {
    'cache-control': 'no-store',
    pragma: 'no-cache',
    ...(basic ? { 'www-authenticate': 'Basic realm="hearth"' } : {}),
    ...(status === 503 ? { 'retry-after': '1' } : {}),
  });
}
