import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ensureOwns, requireToken, type TokenAuth } from '../auth/bearer.js';
import type { HttpEnv } from '../http/http-env.js';
import { AUTHENTICATED_PROBLEMS, IdParam, problemResponses } from '../http/openapi-schemas.js';
import type { DocumentStore } from '../store/document-store.js';
import { deviceRecordSchema } from './household-record.js';
import { paths } from './paths.js';

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

/**
 * `GET /v1/households/:hid/devices`: what each device is, never its state (telemetry
 * belongs to purposes and goes out through the export). A document that does not
 * parse is left out rather than failing the list.
 */
export function registerHouseholdDevices(
  app: OpenAPIHono<HttpEnv>,
  { auth, store }: { auth: TokenAuth; store: DocumentStore },
): void {
  app.openapi(routeFor(auth), async (c) => {
    const { hid } = c.req.valid('param');
    ensureOwns(c.var.principal.householdId === hid);
    const snaps = await store.query({ collection: paths.devices(hid) });
    const devices = snaps
      .flatMap((snap) => {
        const device = deviceRecordSchema.safeParse(snap.data);
        if (!device.success) return [];
        const { kind, skillId, brandId, name, locale, createdAt } = device.data;
        return [{ id: snap.id, kind, skillId, brandId, name, locale, createdAt }];
      })
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    return c.json({ devices }, 200);
  });
}
