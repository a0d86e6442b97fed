import type { Context } from 'hono';
import { escapeHtml } from '../http/html-escape.js';
import { acceptedLocale } from './page-locale.js';
import { fromOwnOrigin, type SessionDeps } from './session-cookie.js';
import { csrfMatches } from './sessions.js';
import { type SignedIn, signedInAccount } from './signed-in.js';
import { formRefusedResponse, type PageText, signinPromptResponse } from './signin-pages.js';

/** What the pages' form routes need: sessions and the pages' strings. */
export type PageDeps = SessionDeps & { language: PageText };

/** The locale of an account's pages: a household's own, a brand's browser's. */
export function accountLocale(c: Context, signedIn: SignedIn | undefined) {
  return signedIn?.account.kind === 'household' ? signedIn.account.record.locale : acceptedLocale(c);
}

/** The string fields of a posted form, or undefined when the body is not a form (or not a readable one). */
async function formFields(c: Context): Promise<Record<string, string> | undefined> {
  const type = c.req.header('content-type') ?? '';
  if (!/^(?:application\/x-www-form-urlencoded|multipart\/form-data)\s*(?:;|$)/i.test(type)) return undefined;
  try {
    const body = await c.req.parseBody();
    return Object.fromEntries(
      Object.entries(body).flatMap(([name, value]) => (typeof value === 'string' ? [[name, value]] : [])),
    );
  } catch {
    return undefined;
  }
}

/**
 * The guard of every state-changing form of the pages: it comes from our own
 * origin, from a signed-in browser, as a form carrying the session's CSRF
 * token. Otherwise the answer to send instead: the sign-in prompt (401) to a
 * browser not signed in (or `anonymous`'s answer), a refusal page (403) to the rest.
 */
export async function signedInForm(
  c: Context,
  deps: PageDeps,
  anonymous: (c: Context) => Response = (ctx) => signinPromptResponse(ctx, deps.language),
): Promise<{ signedIn: SignedIn; form: Record<string, string> } | Response> {
  if (!fromOwnOrigin(c, deps)) return formRefusedResponse(c, deps.language, acceptedLocale(c));
  const signedIn = await signedInAccount(c, deps);
  if (!signedIn) return anonymous(c);
  const form = await formFields(c);
  if (!form || !csrfMatches(signedIn.session, form.csrf)) {
    return formRefusedResponse(c, deps.language, accountLocale(c, signedIn));
  }
  return { signedIn, form };
}

/** A hidden field with the session's CSRF token, for every form of a signed-in page. */
export function csrfField(signedIn: SignedIn): string {
  return `<input type="hidden" name="csrf" value="${escapeHtml(signedIn.session.csrf)}">`;
}
