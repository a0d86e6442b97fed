import type OAuth2Server from '@node-oauth/oauth2-server';
import type { TokenSigner } from '../../auth/token-signer.js';
import type { LanguageData } from '../../runtime/i18n.js';
import type { SkillRegistry } from '../../runtime/skill-registry.js';
import type { DocumentStore } from '../../store/document-store.js';
import { LINK_ACCESS_TOKEN_TTL_S } from '../grants.js';
import { AUTHORIZATION_CODE_TTL_S } from './authorization-codes.js';
import type { OAuthClients } from './oauth-clients.js';
import type { OAuthLibrary } from './oauth-library.js';
import type { OAuthModel } from './oauth-model.js';
import { REFRESH_TOKEN_TTL_S } from './refresh-tokens.js';

/** What the OAuth routes are built from (their slice of AppDeps). */
export interface OAuthDeps {
  store: DocumentStore;
  signer: TokenSigner;
  language: LanguageData;
  skills: SkillRegistry;
  clients: OAuthClients;
  /** The public base URL (the issuer); the request's origin when absent. */
  publicUrl?: () => string;
  /** How long one request's store work may take (OAUTH_STORE_BUDGET_MS). */
  budgetMs: number;
}

/**
 * The library's server over a model. `alwaysIssueNewRefreshToken`: every
 * refresh returns a new refresh token (Google's linking checks expect
 * rotation); the model's `revokeToken` leaves the used one valid until its
 * successor is used, and `saveToken` commits the rotation (refresh-tokens.ts).
 * A state is required; plain PKCE is refused (the library's default).
 */
export function oauthServer(library: OAuthLibrary, model: OAuthModel): OAuth2Server {
  return new library({
    model,
    accessTokenLifetime: LINK_ACCESS_TOKEN_TTL_S,
    refreshTokenLifetime: REFRESH_TOKEN_TTL_S,
    authorizationCodeLifetime: AUTHORIZATION_CODE_TTL_S,
    alwaysIssueNewRefreshToken: true,
    allowEmptyState: false,
  });
}
