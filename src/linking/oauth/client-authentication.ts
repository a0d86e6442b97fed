import type { Context } from 'hono';
import { secretMatches } from '../../ids/secret-hash.js';
import type { OAuthClient, OAuthClients } from './oauth-clients.js';
import type { Params } from './oauth-request.js';

/** Form-urldecodes a value (RFC 6749 2.3.1: Basic credentials are form-encoded first); undefined if malformed. */
function formDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/**
 * The client id and secret of an HTTP Basic Authorization header, decoded as
 * RFC 6749 2.3.1 says (each is form-encoded before base64: oauth4webapi sends
 * `fridge%2Dchef%2Dalexa`); undefined for any other or malformed header.
 */
export function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const match = header ? /^Basic\s+([A-Za-z0-9+/]+={0,2})\s*$/i.exec(header) : null;
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1) return undefined;
  const id = formDecode(decoded.slice(0, colon));
  const secret = formDecode(decoded.slice(colon + 1));
  return id && secret ? { id, secret } : undefined;
}

/**
 * The client a request authenticates as (RFC 6749 2.3.1), for the endpoint
 * the library does not serve (revocation): HTTP Basic when an Authorization
 * header is sent, else `client_id` and `client_secret` in the form.
 */
export async function authenticateClient(
  c: Context,
  form: Params,
  clients: OAuthClients,
): Promise<OAuthClient | undefined> {
  const header = c.req.header('authorization');
  const given =
    header !== undefined ? basicCredentials(header) : { id: form.client_id, secret: form.client_secret };
  if (!given?.id || !given.secret) return undefined;
  const client = await clients(given.id);
  return client && secretMatches(given.secret, client.secretHash) ? client : undefined;
}
