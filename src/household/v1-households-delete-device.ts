import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ensureOwns, requireToken } from '../auth/bearer.js';
import type { AppEnv } from '../http/app-env.js';
import { AUTHENTICATED_PROBLEMS, IdParam, problemResponses } from '../http/openapi-schemas.js';
import { householdRecordSchema } from './household-record.js';
import { paths } from './paths.js';

const route = createRoute({
  method: 'delete',
  path: '/v1/households/{hid}/devices/{deviceId}',
  summary: 'The household removes a device; its token stops working at once',
  tags: ['devices'],
  security: [{ bearer: [] }],
  middleware: [requireToken(['household'])] as const,
  request: { params: z.object({ hid: IdParam, deviceId: IdParam }) },
  responses: {
    204: { description: 'Removed' },
    ...problemResponses(...AUTHENTICATED_PROBLEMS, 'validation_failed'),
  },
});

/** `DELETE /v1/households/:hid/devices/:deviceId`: revokes the device token and deletes the device and what is under it. */
export function registerDeleteDevice(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const { hid, deviceId } = c.req.valid('param');
    ensureOwns(c.var.principal.householdId === hid);
    const { store } = c.var.deps;
    const removed = await store.runTransaction(async (tx) => {
      const [household, device] = await tx.getAll([paths.household(hid), paths.device(hid, deviceId)]);
      const record = householdRecordSchema.safeParse(household?.data);
      if (!record.success || !device?.exists) return false;
      const { [deviceId]: _revoked, ...devices } = record.data.auth.devices;
      tx.set(paths.household(hid), { ...household!.data!, auth: { ...record.data.auth, devices } });
      tx.delete(paths.device(hid, deviceId));
      return true;
    });
    ensureOwns(removed);
    // Commands and anything else kept under the device go too (outside the transaction: it may be large).
    await store.recursiveDelete(paths.device(hid, deviceId));
    return c.body(null, 204);
  });
}
