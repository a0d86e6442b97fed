import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ensureOwns, requireToken, type TokenAuth } from '../auth/bearer.js';
import type { HttpEnv } from '../http/http-env.js';
import { AUTHENTICATED_PROBLEMS, IdParam, problemResponses } from '../http/openapi-schemas.js';
import type { DocumentStore } from '../store/document-store.js';
import { listHouseholdDevices } from './household-devices.js';

const DeviceList = z
  .object({
    devices: z.array(
      z.object({
        id: z.string(),
        kind: z.string(),
        skillId: z.string(),
        brandId: z.string(),
        name: z.string(),
        locale: z.string(),
        createdAt: z.string(),
      }),
    ),
  })
  .openapi('HouseholdDevices');

const routeFor = (auth: TokenAuth) =>
  createRoute({
    method: 'get',
    path: '/v1/households/{hid}/devices',
    summary: "The household's devices (appliances paired with it), oldest first",
    tags: ['devices'],
    security: [{ bearer: [] }],
    middleware: [requireToken(auth, ['household'])] as const,
    request: { params: z.object({ hid: IdParam }) },
    responses: {
      200: { description: 'The devices', content: { 'application/json': { schema: DeviceList } } },
      ...problemResponses(...AUTHENTICATED_PROBLEMS, 'validation_failed'),
    },
  });

/** `GET /v1/households/:hid/devices`: `listHouseholdDevices`, for the household's own token. */
export function registerHouseholdDevices(
  app: OpenAPIHono<HttpEnv>,
  { auth, store }: { auth: TokenAuth; store: DocumentStore },
): void {
  app.openapi(routeFor(auth), async (c) => {
    const { hid } = c.req.valid('param');
    ensureOwns(c.var.principal.householdId === hid);
    const devices = await listHouseholdDevices(store, hid);
    return c.json({ devices }, 200);
  });
}
