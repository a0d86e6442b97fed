import { z } from 'zod';
import { LINK_PLATFORMS } from '../auth/token-claims.js';

/**
 * `households/{hid}/links/{grantId}`: one account link, made when a client
 * exchanged an authorization code the household approved. Its generation is
 * `auth.links[grantId]` on the household document (checked in a turn's one
 * read); revoking deletes both, and the grant's refresh tokens stop working.
 */
export const linkGrantRecordSchema = z.object({
  clientId: z.string().min(1),
  platform: z.enum(LINK_PLATFORMS),
  skillId: z.string().min(1).optional(),
  createdAt: z.string(),
  /**
   * Set the first time a token of the grant is used on its platform: the path
   * (`oauth/{id}`) of the index from the platform's user id to this grant, so
   * that an unlink event carrying only the user id finds it, and revoking
   * removes the index too.
   */
  platformUser: z.string().optional(),
  /**
   * When a token of the grant was last seen on its platform, to within a day
   * (`grant-use.ts` writes it after the reply, at most daily): what the
   * household's list of links shows.
   */
  lastUsedAt: z.string().optional(),
});
export type LinkGrantRecord = z.infer<typeof linkGrantRecordSchema>;
