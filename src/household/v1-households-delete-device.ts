import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ensureOwns, requireToken, type TokenAuth } from '../auth/bearer.js';
import type { HttpEnv } from '../http/http-env.js';
import { AUTHENTICATED_PROBLEMS, IdParam, problemResponses } from '../http/openapi-schemas.js';
import type { DocumentStore } from '../store/document-store.js';
import { deleteMatching } from './delete-matching.js';
import { commandsCollection } from './device-commands.js';
import { eventsCollection } from './device-events/event-records.js';
import { householdRecordSchema } from './household-record.js';
import { paths } from './paths.js';

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
    const removed = await store.runTransaction(async (tx) => {
      const [household, device] = await tx.getAll([paths.household(hid), paths.device(hid, deviceId)]);
      const record = householdRecordSchema.safeParse(household?.data);
      if (!record.success || !device?.exists) return false;
      const { [deviceId]: _revoked, ...devices } = record.data.auth.devices;
      tx.set(paths.household(hid), { ...household!.data!, auth: { ...record.data.auth, devices } });
      tx.delete(paths.device(hid, deviceId));
      return true;
    });
    // The device's data goes once its token is revoked, outside the transaction (there may be
    // thousands of events). Commands and raw events are not under the device's path but in
    // household collections with a `deviceId` field, so they are found by query. This runs for
    // a device already gone too (the household is the caller's own, checked above): a retry
    // after a failure part way through finishes the job, and still answers 404.
    await store.recursiveDelete(paths.device(hid, deviceId));
    const ofDevice = [{ field: 'deviceId', op: '==', value: deviceId }] as const;
    await deleteMatching({ store, collection: commandsCollection(hid), where: ofDevice });
    await deleteMatching({ store, collection: eventsCollection(hid), where: ofDevice });
    ensureOwns(removed);
    return c.body(null, 204);
  });
}
