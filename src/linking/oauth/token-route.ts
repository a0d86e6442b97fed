import type { Hono } from 'hono';
import type { HttpEnv } from '../../http/http-env.js';
import type { OAuthDeps } from './oauth-deps.js';
import { oauthServer } from './oauth-deps.js';
import { oauthLibrary } from './oauth-library.js';
import { createOAuthModel } from './oauth-model.js';
import { libraryRequest, oauthErrorResponse, oauthFailure, readForm, withinBudget } from './oauth-request.js';

/**
 * `POST /oauth/token`: the code exchange and refresh (RFC 6749 4.1.3, 6), run
 * by the library on our model. Clients authenticate with HTTP Basic or
 * `client_id`/`client_secret` in the form (Alexa uses either, Google the form
 * by default). The answer is `access_token` (an opaque signed link token),
 * `token_type`, `expires_in` (a number), `refresh_token`; errors are RFC 6749
 * JSON. The store work is bounded so the answer comes well within Alexa's 4.5 s.
 */
export function registerTokenRoute(app: Hono<HttpEnv>, deps: OAuthDeps): void {
  app.post('/oauth/token', async (c) => {
    const form = await readForm(c);
    if (!form.ok) {
      return oauthErrorResponse(c, { error: 'invalid_request', description: form.description, status: 400 });
    }
    const library = await oauthLibrary();
    const model = createOAuthModel({ ...deps, library, log: c.var.log }, { authenticateClients: true });
    const request = libraryRequest(library, c, { body: form.params, length: form.length });
    const response = new library.Response();
    try {
      await withinBudget(oauthServer(library, model).token(request, response), deps.budgetMs);
    } catch (error) {
      return oauthErrorResponse(c, oauthFailure(error, c.var.log));
    }
    return c.json(response.body as object, 200, { 'cache-control': 'no-store', pragma: 'no-cache' });
  });
}
