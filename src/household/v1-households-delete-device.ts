import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ensureOwns, requireToken, type TokenAuth } from '../auth/bearer.js';
import type { HttpEnv } from '../http/http-env.js';
import { AUTHENTICATED_PROBLEMS, IdParam, problemResponses } from '../http/openapi-schemas.js';
import type { DocumentStore } from '../store/document-store.js';
import { removeDevice } from './remove-device.js';

const routeFor = (auth: TokenAuth) =>
  createRoute({
    method: 'delete',
    path: '/v1/households/{hid}/devices/{deviceId}',
    summary: 'The household removes a device; its token stops working at once',
    tags: ['devices'],
    security: [{ bearer: [] }],
    middleware: [requireToken(auth, ['household'])] as const,
    request: { params: z.object({ hid: IdParam, deviceId: IdParam }) },
    responses: {
      204: { description: 'Removed' },
      ...problemResponses(...AUTHENTICATED_PROBLEMS, 'validation_failed'),
    },
  });

/** `DELETE /v1/households/:hid/devices/:deviceId`: revokes the device token, then deletes the device, its commands and its raw events. */
export function registerDeleteDevice(
  app: OpenAPIHono<HttpEnv>,
  { auth, store }: { auth: TokenAuth; store: DocumentStore },
): void {
  app.openapi(routeFor(auth), async (c) => {
    const { hid, deviceId } = c.req.valid('param');
    ensureOwns(c.var.principal.householdId === hid);
    const removed = await removeDevice(store, hid, deviceId);
    ensureOwns(removed);
    return c.body(null, 204);
  });
}
