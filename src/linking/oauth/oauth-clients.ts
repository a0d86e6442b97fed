import { z } from 'zod';
import { LINK_PLATFORMS } from '../../auth/token-claims.js';
import { paths } from '../../household/paths.js';
import { isSafeId, SAFE_ID } from '../../ids/safe-id.js';
import type { DocumentStore } from '../../store/document-store.js';
import { type OAuthClientRecord, oauthClientRecordSchema } from '../oauth-client-record.js';

/** A registered client as the routes use it: its record and its id. */
export type OAuthClient = Omit<OAuthClientRecord, 'createdAt'> & { clientId: string };

/**
 * A client as an operator lists it in HEARTH_OAUTH_CLIENTS. Client ids are
 * store ids (no characters that HTTP Basic's form-encoding would change), the
 * secret is given only as `hashSecret(secret)`, and redirect URIs are the
 * platforms' https ones, matched exactly.
 */
export const configuredOAuthClientSchema = z
  .strictObject({
    clientId: z.string().regex(SAFE_ID, 'expected letters, digits, _ and - (at most 64)'),
    platform: z.enum(LINK_PLATFORMS),
    skillId: z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/, 'skill ids are kebab-case')
      .optional(),
    secretHash: z
      .string()
      .regex(
        /^h[A-Za-z0-9_-]{43}$/,
        'expected hashSecret of the secret: h and its SHA-256, base64url (44 characters)',
      ),
    redirectUris: z
      .array(z.url({ protocol: /^https$/, error: 'expected an https URL' }))
      .min(1)
      .max(10),
    pkceRequired: z.boolean(),
  })
  .refine((c) => (c.platform === 'google') === (c.skillId === undefined), {
    message: 'skillId: required for alexa and dialogflow clients, absent for google',
  });
export type ConfiguredOAuthClient = z.infer<typeof configuredOAuthClientSchema>;

/** HEARTH_OAUTH_CLIENTS's list, keyed by client id (each id once). */
export const configuredOAuthClientsSchema = z
  .array(configuredOAuthClientSchema, {
    error: 'expected [{"clientId", "platform", "skillId"?, "secretHash", "redirectUris", "pkceRequired"}]',
  })
  .max(100)
  .refine((list) => new Set(list.map((c) => c.clientId)).size === list.length, {
    message: 'each clientId once',
  })
  .transform((list) => Object.fromEntries(list.map((c) => [c.clientId, c])));

/** Finds a client by id: undefined when unknown (or not an id at all). */
export type OAuthClients = (clientId: string) => Promise<OAuthClient | undefined>;

/**
 * Clients configured for the deployment (HEARTH_OAUTH_CLIENTS) win over the
 * store's `oauthClients/{clientId}` (the demo's, or written at deploy), as
 * HEARTH_SKILL_CHANNELS does for channels: nothing is written at start, and a
 * configured client cannot be replaced by a stored one. Read per request: one
 * small document, and a revoked client stops at once on every instance.
 */
export function createOAuthClients(
  store: DocumentStore,
  configured: Readonly<Record<string, ConfiguredOAuthClient>> = {},
): OAuthClients {
  return async (clientId) => {
    if (Object.hasOwn(configured, clientId)) return configured[clientId];
    if (!isSafeId(clientId)) return undefined;
    const parsed = oauthClientRecordSchema.safeParse((await store.get(paths.oauthClient(clientId))).data);
    if (!parsed.success) return undefined;
    const { createdAt: _createdAt, ...client } = parsed.data;
    return { clientId, ...client };
  };
}
