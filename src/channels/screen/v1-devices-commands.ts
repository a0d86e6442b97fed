import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ensureOwns, requireToken, type TokenAuth } from '../../auth/bearer.js';
import { ackCommand, deviceCommandSchema, listPendingCommands } from '../../household/device-commands.js';
import type { HttpEnv } from '../../http/http-env.js';
import { AUTHENTICATED_PROBLEMS, IdParam, problemResponses } from '../../http/openapi-schemas.js';
import type { DocumentStore } from '../../store/document-store.js';
import { requireOwnDevice } from './device-route-guard.js';

const meta = z.object({
  id: z.string(),
  createdAt: z.string().openapi({ description: 'When it was queued (ISO-8601)' }),
  expireAt: z.string().openapi({ description: 'After this the command is void and disappears (ISO-8601)' }),
});

export const PendingCommandsSchema = z
  .object({ commands: z.array(z.intersection(deviceCommandSchema, meta)) })
  .openapi('PendingDeviceCommands');

export const CommandAckSchema = z
  .object({ id: z.string(), status: z.literal('acked') })
  .openapi('DeviceCommandAck');

const listRouteFor = (auth: TokenAuth) =>
  createRoute({
    method: 'get',
    path: '/v1/devices/{deviceId}/commands',
    summary: 'An appliance picks up the commands waiting for it, oldest first',
    description:
      'Commands stay listed until acknowledged or expired (15 minutes after they were queued): ' +
      'carry one out, then acknowledge it by id.',
    tags: ['devices'],
    security: [{ bearer: [] }],
    middleware: [requireToken(auth, ['device']), requireOwnDevice] as const,
    request: { params: z.object({ deviceId: IdParam }) },
    responses: {
      200: {
        description: 'The pending commands',
        content: { 'application/json': { schema: PendingCommandsSchema } },
      },
      ...problemResponses(...AUTHENTICATED_PROBLEMS, 'validation_failed'),
    },
  });

const ackRouteFor = (auth: TokenAuth) =>
  createRoute({
    method: 'post',
    path: '/v1/devices/{deviceId}/commands/{id}/ack',
    summary: 'An appliance acknowledges a command; acknowledging again is harmless',
    tags: ['devices'],
    security: [{ bearer: [] }],
    middleware: [requireToken(auth, ['device']), requireOwnDevice] as const,
    request: { params: z.object({ deviceId: IdParam, id: IdParam }) },
    responses: {
      200: { description: 'Acknowledged', content: { 'application/json': { schema: CommandAckSchema } } },
      ...problemResponses(...AUTHENTICATED_PROBLEMS, 'validation_failed', 'unsupported_media_type'),
    },
  });

/** `GET /v1/devices/:deviceId/commands` and `POST /v1/devices/:deviceId/commands/:id/ack`. */
export function registerDeviceCommands(
  app: OpenAPIHono<HttpEnv>,
  { auth, store, clock }: { auth: TokenAuth; store: DocumentStore; clock: () => Date },
): void {
  app.openapi(listRouteFor(auth), async (c) => {
    const { deviceId } = c.req.valid('param');
    const commands = await listPendingCommands({
      store,
      householdId: c.var.principal.householdId,
      deviceId,
      now: clock(),
    });
    return c.json({ commands }, 200);
  });

  app.openapi(ackRouteFor(auth), async (c) => {
    const { deviceId, id } = c.req.valid('param');
    const outcome = await ackCommand({
      store,
      householdId: c.var.principal.householdId,
      deviceId,
      commandId: id,
      now: clock(),
    });
    ensureOwns(outcome === 'acked');
    return c.json({ id, status: 'acked' as const }, 200);
  });
}
