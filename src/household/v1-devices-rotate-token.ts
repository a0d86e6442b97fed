import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ensureOwns, requireToken, type TokenAuth } from '../auth/bearer.js';
import type { TokenSigner } from '../auth/token-signer.js';
import type { HttpEnv } from '../http/http-env.js';
import { AUTHENTICATED_PROBLEMS, IdParam, problemResponses } from '../http/openapi-schemas.js';
import { ProblemError } from '../http/problem.js';
import type { DocumentStore } from '../store/document-store.js';
import { householdRecordSchema } from './household-record.js';
import { paths } from './paths.js';

const routeFor = (auth: TokenAuth) =>
  createRoute({
    method: 'post',
    path: '/v1/devices/{deviceId}/token',
    summary: 'An appliance rotates its token; the old one stops working at once',
    tags: ['devices'],
    security: [{ bearer: [] }],
    middleware: [requireToken(auth, ['device'])] as const,
    request: { params: z.object({ deviceId: IdParam }) },
    responses: {
      200: {
        description: 'The new device token',
        content: { 'application/json': { schema: z.object({ token: z.string() }) } },
      },
      ...problemResponses(...AUTHENTICATED_PROBLEMS, 'validation_failed'),
    },
  });

/** `POST /v1/devices/:deviceId/token`: bumps the device's generation and signs a new token. */
export function registerRotateDeviceToken(
  app: OpenAPIHono<HttpEnv>,
  { auth, store, signer }: { auth: TokenAuth; store: DocumentStore; signer: TokenSigner },
): void {
  app.openapi(routeFor(auth), async (c) => {
    const { deviceId } = c.req.valid('param');
    const principal = c.var.principal;
    ensureOwns(principal.deviceId === deviceId);
    const generation = await store.runTransaction(async (tx) => {
      const snap = await tx.get(paths.household(principal.householdId));
      const record = householdRecordSchema.safeParse(snap.data);
      const current = record.success ? record.data.auth.devices[deviceId] : undefined;
      // The token was valid a moment ago; a concurrent rotation or removal wins.
      if (!record.success || current !== principal.generation) throw new ProblemError('token_revoked');
      const next = current + 1;
      tx.merge(paths.household(principal.householdId), { auth: { devices: { [deviceId]: next } } });
      return next;
    });
    const token = signer.sign({ kind: 'device', householdId: principal.householdId, deviceId, generation });
    return c.json({ token }, 200);
  });
}
