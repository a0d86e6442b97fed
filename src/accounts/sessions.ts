import { paths } from '../household/paths.js';
import { hashSecret, randomSecret, secretMatches } from '../ids/secret-hash.js';
import type { DocumentStore } from '../store/document-store.js';
import type { AccountSubject } from './account-subject.js';
import { type SessionRecord, sessionRecordSchema } from './session-record.js';

/** How long a browser session lasts from sign-in (absolute: a new sign-in link after that). */
export const SESSION_TTL_MS = 8 * 3600_000;

/** What the cookie's value looks like (what `randomSecret` makes); anything else is not looked up. */
const COOKIE_SHAPE = /^[A-Za-z0-9_-]{32,64}$/;

/** A signed-in browser: whose session it is, and the CSRF token its forms carry. */
export interface Session {
  subject: AccountSubject;
  csrf: string;
  /** `sessions/{id}`: what sign-out deletes. */
  id: string;
  expiresAt: string;
}

/** Starts a session for `subject`: the cookie value to set (shown to the browser only) and the session. */
export async function createSession(
  store: DocumentStore,
  subject: AccountSubject,
  now = new Date(),
): Promise<{ cookie: string; session: Session }> {
  const cookie = randomSecret();
  const id = hashSecret(cookie);
  const record: SessionRecord = {
    subject,
    csrf: randomSecret(),
    createdAt: now.toISOString(),
    expireAt: new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
  };
  await store.create(paths.session(id), record);
  return { cookie, session: { subject, csrf: record.csrf, id, expiresAt: record.expireAt } };
}

/** The session of a cookie value, or undefined when there is none, it expired, or the value is malformed. */
export async function readSession(
  store: DocumentStore,
  cookie: string | undefined,
  now = new Date(),
): Promise<Session | undefined> {
  if (!cookie || !COOKIE_SHAPE.test(cookie)) return undefined;
  const id = hashSecret(cookie);
  const parsed = sessionRecordSchema.safeParse((await store.get(paths.session(id))).data);
  if (!parsed.success || Date.parse(parsed.data.expireAt) <= now.getTime()) return undefined;
  return { subject: parsed.data.subject, csrf: parsed.data.csrf, id, expiresAt: parsed.data.expireAt };
}

/** Ends a session (sign-out); ending one that is gone is harmless. */
export async function endSession(store: DocumentStore, session: Pick<Session, 'id'>): Promise<void> {
  await store.delete(paths.session(session.id));
}

/** Whether a form's CSRF token is the session's, compared in constant time. */
export function csrfMatches(session: Session, given: unknown): boolean {
  return typeof given === 'string' && given.length > 0 && secretMatches(given, hashSecret(session.csrf));
}
