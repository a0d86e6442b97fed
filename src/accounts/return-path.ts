import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

/** Where a page that asked for sign-in remembers where to come back to (e.g. `/oauth/authorize?…`). */
export const RETURN_COOKIE = 'hearth_return';
const RETURN_TTL_S = 15 * 60;

/**
 * A path on this service only: `/…` of printable ASCII (a URL's path and query as a browser
 * sends them, percent-encoded), never `//host` or `/\\host`, which browsers read as another origin.
 */
export function isOwnPath(path: string): boolean {
  return /^\/(?![/\\])[!-~]*$/.test(path) && path.length <= 4096;
}

/**
 * Remembers `path` (path and query of a page of this service) for the next
 * sign-in in this browser: an HttpOnly, SameSite=Lax cookie of 15 minutes.
 * The path of an authorization request carries no secret (its `state` and
 * PKCE challenge are the client's and are public by design).
 */
export function rememberReturnPath(c: Context, path: string): void {
  if (!isOwnPath(path)) return;
  setCookie(c, RETURN_COOKIE, path, { httpOnly: true, sameSite: 'Lax', path: '/', maxAge: RETURN_TTL_S });
}

/** The remembered path (once: the cookie is cleared), or undefined when there is none or it is not ours. */
export function takeReturnPath(c: Context): string | undefined {
  const path = getCookie(c, RETURN_COOKIE);
  if (path === undefined) return undefined;
  deleteCookie(c, RETURN_COOKIE, { path: '/' });
  return isOwnPath(path) ? path : undefined;
}
