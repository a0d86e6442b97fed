import type { OpenAPIHono } from '@hono/zod-openapi';
import type { TokenAuth } from '../auth/bearer.js';
import type { HttpEnv } from '../http/http-env.js';
import { type AccountPageDeps, registerAccountPage } from './account-page.js';
import { registerSigninRoutes } from './signin-routes.js';
import { registerCreateHousehold } from './v1-households-create.js';
import { registerSigninLinks } from './v1-signin-links.js';

/** What the accounts' routes are built from. */
export type AccountsDeps = AccountPageDeps & { auth: TokenAuth };

/**
 * Every route of the accounts: sign-in links and sign-out, `/account` and its
 * forms, and the `/v1` routes companion apps call (a household's sign-in
 * links, a brand onboarding a household).
 */
export function registerAccounts(app: OpenAPIHono<HttpEnv>, deps: AccountsDeps): void {
  registerSigninRoutes(app, deps);
  registerAccountPage(app, deps);
  registerSigninLinks(app, deps);
  registerCreateHousehold(app, deps);
}
