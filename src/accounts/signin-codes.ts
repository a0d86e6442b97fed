import { paths } from '../household/paths.js';
import { hashSecret, randomSecret } from '../ids/secret-hash.js';
import type { DocumentStore } from '../store/document-store.js';
import type { AccountSubject } from './account-subject.js';
import { type SigninRecord, signinRecordSchema } from './signin-record.js';

/** How long a sign-in link works: long enough to open it from a message, short if it leaks. */
export const SIGNIN_CODE_TTL_MS = 10 * 60_000;

/** The characters a code may have (what `randomSecret` makes); anything else is not looked up. */
const CODE_SHAPE = /^[A-Za-z0-9_-]{32,64}$/;

/**
 * Issues a one-time sign-in code for `subject`, valid SIGNIN_CODE_TTL_MS from
 * `now` (wall clock). The code is 256 random bits: it is the credential, so
 * only its hash is stored.
 */
export async function issueSigninCode(
  store: DocumentStore,
  subject: AccountSubject,
  now = new Date(),
): Promise<{ code: string; expiresAt: string }> {
  const code = randomSecret();
  const expiresAt = new Date(now.getTime() + SIGNIN_CODE_TTL_MS).toISOString();
  await store.create(paths.signin(hashSecret(code)), {
    subject,
    createdAt: now.toISOString(),
    expireAt: expiresAt,
  } satisfies SigninRecord);
  return { code, expiresAt };
}

/** The sign-in URL of a code under the service's public base URL. */
export function signinUrl(baseUrl: string, code: string): string {
  return new URL(`/signin/${code}`, baseUrl).toString();
}

/** A fresh one-time sign-in link for `subject` under `baseUrl` (what companion apps, the CLI and demo.json hand out). */
export async function issueSigninLink(
  store: DocumentStore,
  subject: AccountSubject,
  baseUrl: string,
  now = new Date(),
): Promise<{ signInUrl: string; expiresAt: string }> {
  const { code, expiresAt } = await issueSigninCode(store, subject, now);
  return { signInUrl: signinUrl(baseUrl, code), expiresAt };
}

/**
 * Uses a sign-in code: its subject when the code exists and has not expired,
 * undefined otherwise (unknown, used, expired or malformed: the caller says the
 * same thing for all, so nothing hints at whether an account exists). The
 * code is deleted in the same transaction that reads it, so two uses at once
 * cannot both succeed.
 */
export async function consumeSigninCode(
  store: DocumentStore,
  code: string,
  now = new Date(),
): Promise<AccountSubject | undefined> {
  if (!CODE_SHAPE.test(code)) return undefined;
  const path = paths.signin(hashSecret(code));
  return store.runTransaction(async (tx) => {
    const snap = await tx.get(path);
    if (!snap.exists) return undefined;
    tx.delete(path);
    const record = signinRecordSchema.safeParse(snap.data);
    if (!record.success || Date.parse(record.data.expireAt) <= now.getTime()) return undefined;
    return record.data.subject;
  });
}
