/**
 * The model `@node-oauth/oauth2-server` runs the authorization code and
 * refresh grants on: clients, codes and refresh tokens in the store (hashed,
 * `oauth/{hash}`), grants on the household (grants.ts), access tokens signed.
 */
import type OAuth2Server from '@node-oauth/oauth2-server';
import type { TokenSigner } from '../../auth/token-signer.js';
import { householdRecordSchema } from '../../household/household-record.js';
import { paths } from '../../household/paths.js';
import { randomSecret, secretMatches } from '../../ids/secret-hash.js';
import type { Logger } from '../../logging/logger.js';
import type { DocumentStore } from '../../store/document-store.js';
import { createGrant, type GrantClient, type GrantRef, revokeGrant, signLinkAccessToken } from '../grants.js';
import {
  consumeAuthorizationCode,
  readAuthorizationCode,
  saveAuthorizationCode,
} from './authorization-codes.js';
import type { OAuthClient, OAuthClients } from './oauth-clients.js';
import type { OAuthLibrary } from './oauth-library.js';
import {
  issueFirstRefreshToken,
  type NewRefreshToken,
  readRefreshToken,
  rotateRefreshToken,
  type StoredRefreshToken,
} from './refresh-tokens.js';

/** The grants every client may use. */
const GRANTS = ['authorization_code', 'refresh_token'];

/** A client as the library sees it, with our record. */
export type LibraryClient = OAuth2Server.Client & { registered: OAuthClient };

/**
 * The "user" the library carries from a code or refresh token to the tokens it
 * issues: the household, what is being exchanged, and the grant once known.
 */
export type LinkUser = {
  householdId: string;
  /** Code grant: the hash of the code being exchanged. */
  codeHash?: string;
  /** Refresh grant: the token being used and its grant's generation when it was read. */
  refresh?: { used: StoredRefreshToken; generation: number };
  grant?: GrantRef;
};

export type OAuthModel = OAuth2Server.AuthorizationCodeModel & OAuth2Server.RefreshTokenModel;

export interface OAuthModelDeps {
  store: DocumentStore;
  signer: TokenSigner;
  clients: OAuthClients;
  /** The OAuth library the model is run by (its error classes). */
  library: OAuthLibrary;
  /** The request's logger. */
  log?: Logger;
}

function libraryClient(registered: OAuthClient): LibraryClient {
  return { id: registered.clientId, grants: GRANTS, redirectUris: registered.redirectUris, registered };
}

function grantClient({ clientId, platform, skillId }: OAuthClient): GrantClient {
  return { clientId, platform, ...(skillId ? { skillId } : {}) };
}

/**
 * The model. `authenticateClients`: the token endpoint's, where `getClient`
 * answers only for the client's secret (HTTP Basic or the body, as the library
 * reads them; SHA-256 of a random secret, so no slow hash); the authorization
 * endpoint's looks a client up by id.
 */
export function createOAuthModel(
  { store, signer, clients, library, log }: OAuthModelDeps,
  { authenticateClients }: { authenticateClients: boolean },
): OAuthModel {
  return {
    async getClient(clientId, clientSecret) {
      const registered = await clients(clientId);
      if (!registered) return undefined;
      if (authenticateClients) {
        if (typeof clientSecret !== 'string' || !secretMatches(clientSecret, registered.secretHash)) {
          return undefined;
        }
      }
      return libraryClient(registered);
    },

    // Protected resources check link tokens themselves (signed, and their grant's generation
    // in the turn's one read): the library's `authenticate` is not used.
    async getAccessToken() {
      return undefined;
    },

    async generateAuthorizationCode() {
      return randomSecret();
    },

    async saveAuthorizationCode(code, client, user) {
      const { householdId } = user as LinkUser;
      const now = new Date();
      await saveAuthorizationCode(store, code.authorizationCode, {
        clientId: client.id,
        householdId,
        redirectUri: code.redirectUri,
        ...(code.scope?.length ? { scope: code.scope } : {}),
        // The authorize route admits S256 challenges only (and the library refuses `plain`).
        ...(code.codeChallenge
          ? { codeChallenge: code.codeChallenge, codeChallengeMethod: 'S256' as const }
          : {}),
        createdAt: now.toISOString(),
        expireAt: code.expiresAt.toISOString(),
      });
      return { ...code, client, user };
    },

    async getAuthorizationCode(code) {
      const stored = await readAuthorizationCode(store, code);
      if (!stored) return undefined;
      const { record } = stored;
      const user: LinkUser = { householdId: record.householdId, codeHash: stored.hash };
      return {
        authorizationCode: code,
        expiresAt: new Date(record.expireAt),
        redirectUri: record.redirectUri,
        ...(record.scope ? { scope: record.scope } : {}),
        ...(record.codeChallenge
          ? { codeChallenge: record.codeChallenge, codeChallengeMethod: record.codeChallengeMethod ?? 'S256' }
          : {}),
        client: { id: record.clientId, grants: GRANTS },
        user,
      };
    },

    // The library calls this before checking the PKCE verifier and the redirect URI, so that a
    // failed attempt uses the code up too. A second use is a replay: the grant the first made is revoked.
    async revokeAuthorizationCode(code) {
      const user = code.user as LinkUser;
      if (!user.codeHash) return false;
      const used = await consumeAuthorizationCode(store, user.codeHash, new Date());
      if (!used.ok && used.replayedGrantId) {
        await revokeGrant(store, { householdId: user.householdId, grantId: used.replayedGrantId });
        log?.warn({ clientId: code.client.id }, 'authorization code replayed: its grant is revoked');
      }
      return used.ok;
    },

    async getRefreshToken(refreshToken) {
      const used = await readRefreshToken(store, refreshToken);
      if (!used) return undefined;
      const { householdId, grantId, clientId, scope, expireAt } = used.record;
      const household = householdRecordSchema.safeParse((await store.get(paths.household(householdId))).data);
      const links = household.success ? household.data.auth.links : {};
      // A revoked grant (consent center, platform unlink): its tokens are unknown from now on.
      if (!Object.hasOwn(links, grantId)) return undefined;
      const user: LinkUser = { householdId, refresh: { used, generation: links[grantId]! } };
      return {
        refreshToken,
        refreshTokenExpiresAt: new Date(expireAt),
        ...(scope ? { scope } : {}),
        client: { id: clientId, grants: GRANTS },
        user,
      };
    },

    // With `alwaysIssueNewRefreshToken` the library calls this before issuing the new pair. The
    // used token is not revoked here: it stays valid until its successor is first used (a retry
    // after a lost answer must work), and its retirement has to commit together with the
    // successor's record, whose hash is known only in `saveToken`. See rotateRefreshToken.
    async revokeToken() {
      return true;
    },

    // The grant's access token names the grant (its id and generation): for a code, the grant
    // is made here, once the library has checked the code, its verifier and redirect URI.
    async generateAccessToken(client, user) {
      const link = user as LinkUser;
      const { registered } = client as LibraryClient;
      if (!link.grant && link.refresh) {
        const { grantId } = link.refresh.used.record;
        link.grant = {
          householdId: link.householdId,
          grantId,
          generation: link.refresh.generation,
          ...grantClient(registered),
        };
      }
      if (!link.grant) {
        const made = await createGrant(store, {
          householdId: link.householdId,
          client: grantClient(registered),
          now: new Date(),
        });
        if (!made) throw new library.InvalidGrantError('Invalid grant: the household no longer exists');
        link.grant = made;
      }
      return signLinkAccessToken(signer, link.grant);
    },

    async generateRefreshToken() {
      return randomSecret();
    },

    async saveToken(token, client, user) {
      const link = user as LinkUser;
      const grant = link.grant;
      if (!grant || !token.refreshToken || !token.refreshTokenExpiresAt) {
        throw new library.ServerError('Server error: a token without its grant or refresh token');
      }
      const now = new Date();
      const next: NewRefreshToken = {
        token: token.refreshToken,
        grantId: grant.grantId,
        householdId: grant.householdId,
        clientId: client.id,
        scope: token.scope,
        expiresAt: token.refreshTokenExpiresAt,
      };
      if (link.codeHash) {
        if (!(await issueFirstRefreshToken(store, { codeHash: link.codeHash, next, now }))) {
          // Replayed between the exchange's first step and this one: the new grant goes too.
          await revokeGrant(store, grant);
          throw new library.InvalidGrantError('Invalid grant: authorization code is invalid');
        }
      } else if (link.refresh) {
        const rotation = await rotateRefreshToken(store, {
          used: link.refresh.used,
          generation: link.refresh.generation,
          next,
          now,
        });
        if (!rotation.ok) {
          if (rotation.reason === 'reuse') {
            await revokeGrant(store, grant);
            log?.warn({ clientId: client.id }, 'retired refresh token reused: its grant is revoked');
          }
          throw new library.InvalidGrantError('Invalid grant: refresh token is invalid');
        }
      }
      return { ...token, client, user };
    },
  };
}
