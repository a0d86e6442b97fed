/**
 * `@node-oauth/oauth2-server`, loaded on the first OAuth request rather than with the service:
 * it brings `type-is`, `mime-types` and the whole `mime-db` table, about 15 ms of every start
 * (the cold-start bench) for routes a voice turn never takes. Loaded once; the routes await it.
 */
import type OAuth2Server from '@node-oauth/oauth2-server';

/** The library's namespace: its server, Request, Response and error classes. */
export type OAuthLibrary = typeof OAuth2Server;

let loading: Promise<OAuthLibrary> | undefined;
let loaded: OAuthLibrary | undefined;

/** The library, imported on first use. */
export function oauthLibrary(): Promise<OAuthLibrary> {
  loading ??= import('@node-oauth/oauth2-server').then((module) => {
    loaded = module.default;
    return loaded;
  });
  return loading;
}

/**
 * The library if it has been loaded, for telling its errors apart: while it is not, no error
 * can be one of its.
 */
export function loadedOAuthLibrary(): OAuthLibrary | undefined {
  return loaded;
}
