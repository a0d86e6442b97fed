import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ensureOwns, requireToken, type TokenAuth } from '../auth/bearer.js';
import type { TokenSigner } from '../auth/token-signer.js';
import type { HttpEnv } from '../http/http-env.js';
import { AUTHENTICATED_PROBLEMS, IdParam, problemResponses } from '../http/openapi-schemas.js';
import { ProblemError } from '../http/problem.js';
import type { DocumentStore } from '../store/document-store.js';
import { householdRecordSchema } from './household-record.js';
import { paths } from './paths.js';
import { deviceRotation, ROTATION_GRACE_MS } from './token-generations.js';

const routeFor = (auth: TokenAuth) =>
  createRoute({
    method: 'post',
    path: '/v1/devices/{deviceId}/token',
    summary: 'An appliance rotates its token; the old one stops working at once',
    description:
      'The new token expires when the presented one would have (a token without expiry gets none). ' +
      `A response lost on the way can be asked for again with the old token for ${ROTATION_GRACE_MS / 60_000} minutes ` +
      '(the answer is a token of the generation already issued); the old token is refused everywhere else at once. ' +
      "A screen page's token cannot rotate (403): its device's own token would be revoked.",
    tags: ['devices'],
    security: [{ bearer: [] }],
    // The generation is checked in the route's transaction, which also accepts a retry in the grace window.
    middleware: [requireToken(auth, ['device'], { deferGenerationCheck: true })] as const,
    request: { params: z.object({ deviceId: IdParam }) },
    responses: {
      200: {
        description: 'The new device token',
        content: { 'application/json': { schema: z.object({ token: z.string() }) } },
      },
      ...problemResponses(...AUTHENTICATED_PROBLEMS, 'forbidden', 'validation_failed'),
    },
  });

/**
 * `POST /v1/devices/:deviceId/token`: bumps the device's generation and signs a
 * new token with the presented token's expiry. The absolute expiry, not the
 * same length from now: rotation replaces a token, it does not renew its lease,
 * so a one-hour token or a day's demo token cannot be kept alive (or made
 * permanent) by rotating it. `wallNow` is the wall clock, as for the signer.
 */
export function registerRotateDeviceToken(
  app: OpenAPIHono<HttpEnv>,
  {
    auth,
    store,
    signer,
    wallNow = () => Date.now(),
  }: { auth: TokenAuth; store: DocumentStore; signer: TokenSigner; wallNow?: () => number },
): void {
  app.openapi(routeFor(auth), async (c) => {
    const { deviceId } = c.req.valid('param');
    const principal = c.var.principal;
    ensureOwns(principal.deviceId === deviceId);
    const generation = await store.runTransaction(async (tx) => {
      const household = paths.household(principal.householdId);
      const record = householdRecordSchema.safeParse((await tx.get(household)).data);
      // A concurrent rotation is answered as its retry; a removal wins.
      const rotation = record.success ? deviceRotation(record.data, principal, wallNow()) : undefined;
      if (!rotation) throw new ProblemError('token_revoked');
      // A page's token shares its device's generation: rotating it would revoke the appliance's own token.
      if (principal.page) {
        throw new ProblemError('forbidden', "a screen page's token cannot rotate its device's token");
      }
      if (rotation.kind === 'rotate') {
        tx.merge(household, {
          auth: { devices: { [deviceId]: rotation.generation }, rotations: { [deviceId]: rotation.grace } },
        });
      }
      return rotation.generation;
    });
    const token = signer.sign({
      kind: 'device',
      householdId: principal.householdId,
      deviceId,
      generation,
      ...(principal.exp === undefined ? {} : { exp: principal.exp }),
    });
    return c.json({ token }, 200);
  });
}
