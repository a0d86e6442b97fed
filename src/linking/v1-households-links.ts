import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ensureOwns, requireToken, type TokenAuth } from '../auth/bearer.js';
import { LINK_PLATFORMS } from '../auth/token-claims.js';
import type { HttpEnv } from '../http/http-env.js';
import { AUTHENTICATED_PROBLEMS, IdParam, problemResponses } from '../http/openapi-schemas.js';
import type { DocumentStore } from '../store/document-store.js';
import { householdLinks } from './household-links.js';
import { unlinkGrant } from './unlink-grant.js';

/** A link as the household sees it: which client, when; no secret, no platform user id. */
const LinkSchema = z
  .object({
    grantId: z.string(),
    clientId: z.string(),
    platform: z.enum(LINK_PLATFORMS),
    skillId: z.string().optional(),
    createdAt: z.string(),
    lastUsedAt: z
      .string()
      .optional()
      .openapi({ description: 'When a token of the link was last used, to a day' }),
  })
  .openapi('Link');

const listRoute = (auth: TokenAuth) =>
  createRoute({
    method: 'get',
    path: '/v1/households/{hid}/links',
    summary: "The household's account links (Alexa skills, Dialogflow agents, Google Home)",
    tags: ['links'],
    security: [{ bearer: [] }],
    middleware: [requireToken(auth, ['household'])] as const,
    request: { params: z.object({ hid: IdParam }) },
    responses: {
      200: {
        description: 'The links in force, oldest first',
        content: { 'application/json': { schema: z.object({ links: z.array(LinkSchema) }) } },
      },
      ...problemResponses(...AUTHENTICATED_PROBLEMS, 'validation_failed'),
    },
  });

const deleteRoute = (auth: TokenAuth) =>
  createRoute({
    method: 'delete',
    path: '/v1/households/{hid}/links/{grantId}',
    summary: 'The household unlinks a client; its tokens stop working at once',
    description:
      "The link's access tokens are refused from the next request on and its refresh tokens stop working.",
    tags: ['links'],
    security: [{ bearer: [] }],
    middleware: [requireToken(auth, ['household'])] as const,
    request: { params: z.object({ hid: IdParam, grantId: IdParam }) },
    responses: {
      204: { description: 'Unlinked' },
      ...problemResponses(...AUTHENTICATED_PROBLEMS, 'validation_failed'),
    },
  });

/**
 * `GET /v1/households/:hid/links` and `DELETE /v1/households/:hid/links/:grantId`:
 * the consent center lists the household's account links and unlinks one. A grant
 * of another household, or one already unlinked, is 404.
 */
export function registerHouseholdLinks(
  app: OpenAPIHono<HttpEnv>,
  { auth, store }: { auth: TokenAuth; store: DocumentStore },
): void {
  app.openapi(listRoute(auth), async (c) => {
    const { hid } = c.req.valid('param');
    ensureOwns(c.var.principal.householdId === hid);
    return c.json({ links: await householdLinks(store, hid) }, 200);
  });

  app.openapi(deleteRoute(auth), async (c) => {
    const { hid, grantId } = c.req.valid('param');
    ensureOwns(c.var.principal.householdId === hid);
    ensureOwns(await unlinkGrant(store, { householdId: hid, grantId, by: 'household', wallNow: new Date() }));
    return c.body(null, 204);
  });
}
