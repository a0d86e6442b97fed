import { z } from 'zod';
import { LINK_PLATFORMS } from '../auth/token-claims.js';

/**
 * `oauthClients/{clientId}`: a client that links to households by OAuth, one per
 * skill and platform (Alexa, Dialogflow), and Google Home's (no skill: its
 * smart-home fulfilment serves every appliance of the household). Registered
 * from configuration in production and seeded in demo mode.
 */
export const oauthClientRecordSchema = z.object({
  platform: z.enum(LINK_PLATFORMS),
  /** The skill the client links to; absent only for Google Home. */
  skillId: z.string().min(1).optional(),
  /** `hashSecret` of the client secret; the secret itself is shown once and never stored. */
  secretHash: z.string().min(1),
  /** Exact redirect URIs the platform registered (Alexa's per region, Google's and its sandbox). */
  redirectUris: z.array(z.url()).min(1),
  /** Authorization requests must carry a PKCE S256 challenge. */
  pkceRequired: z.boolean(),
  createdAt: z.string(),
});
export type OAuthClientRecord = z.infer<typeof oauthClientRecordSchema>;
