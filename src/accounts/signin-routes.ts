import type { OpenAPIHono } from '@hono/zod-openapi';
import type { HttpEnv } from '../http/http-env.js';
import { isLocale } from '../runtime/locales.js';
import type { AccountSubject } from './account-subject.js';
import { auditRecord } from './audit-record.js';
import { accountLocale, type PageDeps, signedInForm } from './page-forms.js';
import { acceptedLocale } from './page-locale.js';
import { takeReturnPath } from './return-path.js';
import { clearSessionCookie, currentSession, setSessionCookie } from './session-cookie.js';
import { createSession, endSession } from './sessions.js';
import { type Account, findAccount } from './signed-in.js';
import { consumeSigninCode } from './signin-codes.js';
import { signedOutResponse, signinFailedResponse } from './signin-pages.js';

/** Where a sign-in goes when no page asked for it. */
const ACCOUNT_PAGE = '/account';

const subjectOf = (account: Account): AccountSubject =>
  account.kind === 'household'
    ? { kind: 'household', householdId: account.id }
    : { kind: 'brand', brandId: account.id };

/**
 * `GET /signin/:code`, `POST /signout` and `GET /signed-out`: a one-time link
 * becomes an HttpOnly session cookie, and a form ends it.
 *
 * The code is in the address only until the 303 that follows it: that answer
 * and the failure page carry `referrer-policy: no-referrer` and `no-store`, and
 * the access log names the route pattern, never the path. A HEAD (a link
 * checker) is answered without using the code.
 */
export function registerSigninRoutes(app: OpenAPIHono<HttpEnv>, deps: PageDeps): void {
  const { store, language } = deps;

  app.get('/signin/:code', async (c) => {
    c.header('referrer-policy', 'no-referrer');
    c.header('cache-control', 'no-store');
    if (c.req.method === 'HEAD') return c.body(null, 200);
    const subject = await consumeSigninCode(store, c.req.param('code'));
    // A household erased (or a brand removed) since the link was issued: the same answer as a bad code.
    const account = subject && (await findAccount(store, subject));
    if (!account) return signinFailedResponse(c, language);

    // A browser signed in before (another household, the same one) starts over: one session per browser.
    const previous = await currentSession(c, deps);
    if (previous) await endSession(store, previous);
    const wallNow = new Date();
    const { cookie } = await createSession(store, subjectOf(account), wallNow);
    await store.set(...auditRecord({ type: 'signin', subject: subjectOf(account), at: wallNow }));
    setSessionCookie(c, deps, cookie);
    return c.redirect(takeReturnPath(c) ?? ACCOUNT_PAGE, 303);
  });

  app.post('/signout', async (c) => {
    c.header('cache-control', 'no-store');
    const signedOut = (locale: string) => c.redirect(`/signed-out?lang=${encodeURIComponent(locale)}`, 303);
    const posted = await signedInForm(c, deps, (ctx) => {
      // Signed out already (the session expired, or another tab signed out): say so.
      clearSessionCookie(ctx, deps);
      return signedOut(acceptedLocale(ctx));
    });
    if (posted instanceof Response) return posted;
    await endSession(store, posted.signedIn.session);
    clearSessionCookie(c, deps);
    return signedOut(accountLocale(c, posted.signedIn));
  });

  app.get('/signed-out', (c) => {
    const lang = c.req.query('lang');
    return signedOutResponse(c, language, lang !== undefined && isLocale(lang) ? lang : acceptedLocale(c));
  });
}
