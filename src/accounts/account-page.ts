import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { TokenSigner } from '../auth/token-signer.js';
import type { HttpEnv } from '../http/http-env.js';
import { SAFE_ID } from '../ids/safe-id.js';
import { renderAccountPage, renderNewTokenPage } from './account-html.js';
import {
  apiTokenLabel,
  createApiToken,
  listApiTokens,
  MAX_API_TOKENS,
  revokeApiToken,
} from './api-tokens.js';
import { accountLocale, type PageDeps, signedInForm } from './page-forms.js';
import { pageResponse } from './page-shell.js';
import { type SignedIn, signedInAccount } from './signed-in.js';
import { signinPromptResponse } from './signin-pages.js';

/** What the account page needs: sessions, strings, and the signer its API tokens are signed with. */
export type AccountPageDeps = PageDeps & { signer: TokenSigner };

/**
 * `GET /account` and its form routes: `POST /account/api-tokens` (the new
 * token is the answer's page, shown once) and
 * `POST /account/api-tokens/:tokenId/revoke`. Anyone not signed in gets the
 * sign-in prompt (401).
 */
export function registerAccountPage(app: OpenAPIHono<HttpEnv>, deps: AccountPageDeps): void {
  const { store, language } = deps;

  const accountPage = (
    c: Context,
    signedIn: SignedIn,
    status: ContentfulStatusCode = 200,
    error?: string,
  ) => {
    const locale = accountLocale(c, signedIn);
    const { account } = signedIn;
    const tokens = account.kind === 'household' ? listApiTokens(account.record.auth.apiTokens) : [];
    const t = language.pageText(locale);
    const html = renderAccountPage({
      t,
      locale,
      signedIn,
      tokens,
      ...(error ? { error: t(error, { max: MAX_API_TOKENS }) } : {}),
    });
    return pageResponse(c, status, html);
  };

  app.get('/account', async (c) => {
    const signedIn = await signedInAccount(c, deps);
    return signedIn ? accountPage(c, signedIn) : signinPromptResponse(c, language);
  });

  app.post('/account/api-tokens', async (c) => {
    const posted = await signedInForm(c, deps);
    if (posted instanceof Response) return posted;
    const { signedIn, form } = posted;
    if (signedIn.account.kind !== 'household') return c.notFound();
    const label = apiTokenLabel(form.label);
    if (label === undefined) return accountPage(c, signedIn, 400, 'account.apiTokens.badLabel');
    const created = await createApiToken(deps, signedIn.account.id, label);
    if (created === 'limit') return accountPage(c, signedIn, 409, 'account.apiTokens.limit');
    if (created === 'gone') return signinPromptResponse(c, language);
    const locale = accountLocale(c, signedIn);
    const t = language.pageText(locale);
    return pageResponse(c, 200, renderNewTokenPage({ t, locale, label, token: created.token }));
  });

  app.post('/account/api-tokens/:tokenId/revoke', async (c) => {
    const posted = await signedInForm(c, deps);
    if (posted instanceof Response) return posted;
    const { account } = posted.signedIn;
    if (account.kind !== 'household') return c.notFound();
    const tokenId = c.req.param('tokenId');
    // Revoking a token that is not there (revoked in another tab) is done already: back to the list.
    if (SAFE_ID.test(tokenId)) await revokeApiToken(store, account.id, tokenId);
    c.header('cache-control', 'no-store');
    return c.redirect('/account', 303);
  });
}
