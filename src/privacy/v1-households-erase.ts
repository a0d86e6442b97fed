import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ensureOwns, requireToken, type TokenAuth } from '../auth/bearer.js';
import type { HttpEnv } from '../http/http-env.js';
import { AUTHENTICATED_PROBLEMS, IdParam, problemResponses } from '../http/openapi-schemas.js';
import type { DocumentStore } from '../store/document-store.js';
import { eraseHousehold } from './erase-household.js';

const routeFor = (auth: TokenAuth) =>
  createRoute({
    method: 'delete',
    path: '/v1/households/{hid}',
    summary: 'The household erases itself and everything held about it (GDPR art. 17)',
    description:
      'Every token of the household, its devices and its links is refused from the next request on; ' +
      'its data, its devices, its account links, pairings, sessions and sign-in links are deleted. ' +
      'What is kept: a non-personal audit record, and for 30 days a tombstone under a hash of the id. ' +
      'Asking again with the same token is 401: the token no longer names a household.',
    tags: ['privacy'],
    security: [{ bearer: [] }],
    middleware: [requireToken(auth, ['household'])] as const,
    request: { params: z.object({ hid: IdParam }) },
    responses: {
      204: { description: 'Erased' },
      ...problemResponses(...AUTHENTICATED_PROBLEMS, 'validation_failed'),
    },
  });

/** `DELETE /v1/households/:hid`: the household's own token erases it; another household's id is 404. */
export function registerEraseHousehold(
  app: OpenAPIHono<HttpEnv>,
  { auth, store }: { auth: TokenAuth; store: DocumentStore },
): void {
  app.openapi(routeFor(auth), async (c) => {
    const { hid } = c.req.valid('param');
    ensureOwns(c.var.principal.householdId === hid);
    await eraseHousehold(store, hid, { now: new Date() });
    return c.body(null, 204);
  });
}
