import type { Context } from 'hono';
import {
  type BrandRecord,
  brandRecordSchema,
  type HouseholdRecord,
  householdRecordSchema,
} from '../household/household-record.js';
import { paths } from '../household/paths.js';
import type { DocumentStore } from '../store/document-store.js';
import type { AccountSubject } from './account-subject.js';
import { clearSessionCookie, currentSession, type SessionDeps } from './session-cookie.js';
import { endSession, type Session } from './sessions.js';

/** The account a browser is signed in to, as stored now. */
export type Account =
  | { kind: 'household'; id: string; record: HouseholdRecord }
  | { kind: 'brand'; id: string; record: BrandRecord };

/** A signed-in browser: its session (for CSRF and sign-out) and its account. */
export type SignedIn = { session: Session; account: Account };

/** The account a subject names, or undefined when it is gone (erased, removed) or unreadable. */
export async function findAccount(
  store: DocumentStore,
  subject: AccountSubject,
): Promise<Account | undefined> {
  if (subject.kind === 'household') {
    const id = subject.householdId;
    const record = householdRecordSchema.safeParse((await store.get(paths.household(id))).data);
    return record.success ? { kind: 'household', id, record: record.data } : undefined;
  }
  const id = subject.brandId;
  const record = brandRecordSchema.safeParse((await store.get(paths.brand(id))).data);
  return record.success ? { kind: 'brand', id, record: record.data } : undefined;
}

/**
 * The signed-in account of the request, or undefined (no cookie, unknown or
 * expired session). A session whose household or brand no longer exists is
 * signed out on the spot: its record goes and its cookie is cleared.
 */
export async function signedInAccount(c: Context, deps: SessionDeps): Promise<SignedIn | undefined> {
  const session = await currentSession(c, deps);
  if (!session) return undefined;
  const account = await findAccount(deps.store, session.subject);
  if (account) return { session, account };
  await endSession(deps.store, session);
  clearSessionCookie(c, deps);
  return undefined;
}
