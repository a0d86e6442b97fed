import type { Hono } from 'hono';
import type { HttpEnv } from '../../http/http-env.js';
import { publicBaseUrl } from '../../http/public-base-url.js';
import type { OAuthDeps } from './oauth-deps.js';

const CLIENT_AUTH_METHODS = ['client_secret_basic', 'client_secret_post'];

/**
 * `GET /.well-known/oauth-authorization-server` (RFC 8414): where the
 * endpoints are and what they offer. The issuer is the public base URL, so a
 * client that discovers from it finds the same value in the document.
 */
export function registerMetadataRoute(app: Hono<HttpEnv>, deps: Pick<OAuthDeps, 'publicUrl'>): void {
  app.get('/.well-known/oauth-authorization-server', (c) => {
    const issuer = publicBaseUrl(c, deps.publicUrl);
    return c.json(
      {
        issuer,
        authorization_endpoint: `${issuer}/oauth/authorize`,
        token_endpoint: `${issuer}/oauth/token`,
        revocation_endpoint: `${issuer}/oauth/revoke`,
        response_types_supported: ['code'],
        response_modes_supported: ['query'],
        grant_types_supported: ['authorization_code', 'refresh_token'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: CLIENT_AUTH_METHODS,
        revocation_endpoint_auth_methods_supported: CLIENT_AUTH_METHODS,
      },
      200,
      { 'cache-control': 'public, max-age=300' },
    );
  });
}
