import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { isHttps, publicBaseUrl } from '../http/public-base-url.js';
import type { DocumentStore } from '../store/document-store.js';
import { readSession, SESSION_TTL_MS, type Session } from './sessions.js';

/** The session cookie's name; over https it carries the `__Host-` prefix (Secure, Path=/, no Domain). */
export const SESSION_COOKIE = 'hearth_session';

/** What reading and writing the session cookie needs from the app. */
export interface SessionDeps {
  store: DocumentStore;
  /** The public base URL (AppDeps.publicUrl); the request's origin when absent. */
  publicUrl?: () => string;
}

/** Sets the session cookie: HttpOnly, SameSite=Lax, Path=/, and Secure with `__Host-` over https. */
export function setSessionCookie(c: Context, deps: SessionDeps, value: string): void {
  const secure = isHttps(c, deps.publicUrl);
  setCookie(c, SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
    ...(secure ? { secure: true, prefix: 'host' as const } : {}),
  });
}

/** Clears the session cookie (sign-out, or a cookie whose session is gone). */
export function clearSessionCookie(c: Context, deps: SessionDeps): void {
  const secure = isHttps(c, deps.publicUrl);
  deleteCookie(c, SESSION_COOKIE, {
    path: '/',
    ...(secure ? { secure: true, prefix: 'host' as const } : {}),
  });
}

/** The session of the request's cookie, or undefined (no cookie, unknown, expired). */
export async function currentSession(c: Context, deps: SessionDeps): Promise<Session | undefined> {
  const secure = isHttps(c, deps.publicUrl);
  const value = secure ? getCookie(c, SESSION_COOKIE, 'host') : getCookie(c, SESSION_COOKIE);
  return readSession(deps.store, value);
}

/**
 * Whether a state-changing browser request comes from our own pages: an
 * `Origin` header, when the browser sends one, must be the service's own. The
 * session's CSRF token is checked besides (`csrfMatches`); this refuses a
 * cross-site post early, even one that somehow carries a token.
 */
export function fromOwnOrigin(c: Context, deps: SessionDeps): boolean {
  const origin = c.req.header('origin');
  if (origin === undefined) return true;
  return origin === new URL(publicBaseUrl(c, deps.publicUrl)).origin;
}
