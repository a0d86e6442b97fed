/**
 * hearth as the OAuth 2.0 authorization server Alexa and Google Home link to.
 *
 * The protocol is `@node-oauth/oauth2-server` (5.x): maintained,
 * framework-agnostic (it takes a plain request object, so it runs inside Hono
 * in-process), and it runs on Node 20, which `oidc-provider` 9 no longer
 * supports (and which mounts only on a real Koa listener). Hono routes stay
 * thin: they parse, check what the library does not (exact redirect URIs
 * before any redirect, PKCE required per client, sessions and CSRF), and map
 * its answers and errors to HTTP. The storage, rotation and replay rules are
 * the model's (oauth-model.ts).
 */
import type { Hono } from 'hono';
import type { TokenSigner } from '../../auth/token-signer.js';
import type { HttpEnv } from '../../http/http-env.js';
import type { LanguageData } from '../../runtime/i18n.js';
import type { SkillRegistry } from '../../runtime/skill-registry.js';
import type { DocumentStore } from '../../store/document-store.js';
import { registerAuthorizeRoutes } from './authorize-route.js';
import { registerMetadataRoute } from './metadata-route.js';
import { type ConfiguredOAuthClient, createOAuthClients } from './oauth-clients.js';
import { OAUTH_STORE_BUDGET_MS } from './oauth-request.js';
import { registerRevokeRoute } from './revoke-route.js';
import { registerTokenRoute } from './token-route.js';

/** The OAuth routes' slice of the app's dependencies. */
export interface OAuthRouteDeps {
  store: DocumentStore;
  signer: TokenSigner;
  language: LanguageData;
  skills: SkillRegistry;
  publicUrl?: () => string;
  /** Clients from HEARTH_OAUTH_CLIENTS; they win over the store's. */
  configuredClients?: Readonly<Record<string, ConfiguredOAuthClient>>;
  /** How long one request's store work may take; OAUTH_STORE_BUDGET_MS by default. */
  budgetMs?: number;
}

/** `GET/POST /oauth/authorize`, `POST /oauth/token`, `POST /oauth/revoke` and the RFC 8414 metadata. */
export function registerOAuthRoutes(app: Hono<HttpEnv>, deps: OAuthRouteDeps): void {
  const oauth = {
    ...deps,
    clients: createOAuthClients(deps.store, deps.configuredClients),
    budgetMs: deps.budgetMs ?? OAUTH_STORE_BUDGET_MS,
  };
  registerAuthorizeRoutes(app, oauth);
  registerTokenRoute(app, oauth);
  registerRevokeRoute(app, oauth);
  registerMetadataRoute(app, oauth);
}
