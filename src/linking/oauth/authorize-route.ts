import type { Context, Hono } from 'hono';
import { rememberReturnPath } from '../../accounts/return-path.js';
import { currentSession, fromOwnOrigin } from '../../accounts/session-cookie.js';
import { csrfMatches } from '../../accounts/sessions.js';
import type { HttpEnv } from '../../http/http-env.js';
import type { Locale } from '../../runtime/locales.js';
import { AUTHORIZE_PARAMS, type AuthorizeCheck, checkAuthorizeRequest } from './authorize-request.js';
import { consentPage, readConsentView } from './consent-page.js';
import { noticePage, problemPage } from './linking-page.js';
import type { OAuthDeps } from './oauth-deps.js';
import { oauthServer } from './oauth-deps.js';
import { oauthLibrary } from './oauth-library.js';
import { createOAuthModel } from './oauth-model.js';
import { libraryRequest, oauthFailure, readForm, withinBudget } from './oauth-request.js';
import { pageLocale } from './page-locale.js';

/** A redirect to the client (its code or its error): never cached, no Referer. */
function redirectTo(c: Context, location: string): Response {
  return c.body(null, 302, { location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
}

/**
 * `GET /oauth/authorize` and `POST /oauth/authorize` (the consent form): the
 * authorization code grant, the household being the signed-in session.
 *
 * GET checks the request (an unknown client or redirect URI: a page, never a
 * redirect; anything else wrong: the RFC error at the redirect URI), then
 * answers by who is signed in: nobody, a sign-in prompt that remembers the
 * request; a brand, 403; a household, the consent screen in its language.
 * POST (same origin, the session's CSRF token) checks the same request again
 * and lets the library issue the code (approve) or the `access_denied` error
 * (deny), both as a redirect to the client.
 */
export function registerAuthorizeRoutes(app: Hono<HttpEnv>, deps: OAuthDeps): void {
  const { language } = deps;

  /** The answer to a request that failed its check: our page, or the client's redirect. */
  const refused = (c: Context, check: Exclude<AuthorizeCheck, { ok: true }>, locale: Locale) =>
    'page' in check
      ? problemPage(c, language, locale, check.page === 'unknown_client' ? 'unknownClient' : 'badRedirect')
      : redirectTo(c, check.redirect);

  /** Runs `answer` within the store budget; a slow or failing store is a page saying to try again. */
  const guarded = async (c: Context<HttpEnv>, locale: Locale, answer: () => Promise<Response>) => {
    try {
      return await withinBudget(answer(), deps.budgetMs);
    } catch (error) {
      oauthFailure(error, c.var.log);
      return problemPage(c, language, locale, 'unavailable');
    }
  };

  app.get('/oauth/authorize', async (c) => {
    const url = new URL(c.req.url);
    const locale = pageLocale(c, url.searchParams.get('user_locale'));
    return guarded(c, locale, async () => {
      const [check, session] = await Promise.all([
        checkAuthorizeRequest(url.searchParams, deps.clients),
        currentSession(c, deps),
      ]);
      if (!check.ok) return refused(c, check, locale);
      if (!session) {
        rememberReturnPath(c, `${url.pathname}${url.search}`);
        return noticePage(c, language, locale, 'signin');
      }
      if (session.subject.kind !== 'household') return noticePage(c, language, locale, 'brandSession');
      const view = await readConsentView(deps, session.subject.householdId, check.client);
      if (!view) return problemPage(c, language, locale, 'household');
      return consentPage(c, language, {
        view,
        params: check.params,
        csrf: session.csrf,
        redirectUri: check.redirectUri,
      });
    });
  });

  app.post('/oauth/authorize', async (c) => {
    const form = await readForm(c);
    const fields = form.ok ? form.params : {};
    const locale = pageLocale(c, fields.user_locale);
    if (!form.ok) return problemPage(c, language, locale, 'badRequest');
    return guarded(c, locale, async () => {
      const search = new URLSearchParams();
      for (const name of AUTHORIZE_PARAMS) if (fields[name] !== undefined) search.set(name, fields[name]);
      const session = await currentSession(c, deps);
      if (!session) {
        // The session ended while the consent screen was open: sign in again, and come back to it.
        rememberReturnPath(c, `/oauth/authorize?${search}`);
        return noticePage(c, language, locale, 'signin');
      }
      if (session.subject.kind !== 'household') return noticePage(c, language, locale, 'brandSession');
      if (!fromOwnOrigin(c, deps) || !csrfMatches(session, fields.csrf)) {
        return problemPage(c, language, locale, 'csrf');
      }
      const decision = fields.decision;
      if (decision !== 'approve' && decision !== 'deny')
        return problemPage(c, language, locale, 'badRequest');
      const check = await checkAuthorizeRequest(search, deps.clients);
      if (!check.ok) return refused(c, check, locale);
      return decide(c, deps, session.subject.householdId, {
        params: { ...check.params, ...(decision === 'deny' ? { allowed: 'false' } : {}) },
        length: form.length,
        locale,
      });
    });
  });
}

/**
 * The library's authorize step on a checked request: it issues and stores the
 * code (approve) or raises `access_denied` (deny, `allowed=false`), and in
 * both cases sets the redirect to the client, with the state.
 */
async function decide(
  c: Context<HttpEnv>,
  deps: OAuthDeps,
  householdId: string,
  { params, length, locale }: { params: Record<string, string>; length: number; locale: Locale },
): Promise<Response> {
  const library = await oauthLibrary();
  const model = createOAuthModel({ ...deps, library, log: c.var.log }, { authenticateClients: false });
  const request = libraryRequest(library, c, { body: params, length });
  const response = new library.Response();
  try {
    await oauthServer(library, model).authorize(request, response, {
      authenticateHandler: { handle: () => ({ householdId }) },
    });
  } catch (error) {
    const location = response.get('location') as string | undefined;
    if (!(error instanceof library.AccessDeniedError)) oauthFailure(error, c.var.log);
    if (location) return redirectTo(c, location);
    return problemPage(c, deps.language, locale, 'badRequest');
  }
  return redirectTo(c, response.get('location') as string);
}
