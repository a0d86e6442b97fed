import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { requireToken, type TokenAuth } from '../../auth/bearer.js';
import type { HttpEnv } from '../../http/http-env.js';
import { AUTHENTICATED_PROBLEMS, IdParam, problemResponses } from '../../http/openapi-schemas.js';
import { requireOwnDevice } from './device-route-guard.js';
import { ScreenReplySchema } from './screen-reply.js';
import { answerScreenTurn, type ScreenDeps } from './screen-turn.js';

const routeFor = (auth: TokenAuth) =>
  createRoute({
    method: 'get',
    path: '/v1/screens/{deviceId}/home',
    summary: 'The card an idle appliance screen shows (fridge: recipe ideas; coffee machine: capsule stock)',
    description:
      "A turn of the device's skill in a fresh session: personal only for what the household consented to. " +
      'Send the reply\'s `session` with the next turn so "why this suggestion?" can be answered.',
    tags: ['screens'],
    security: [{ bearer: [] }],
    // The generation is checked in the turn's one read, not by a read of its own.
    middleware: [requireToken(auth, ['device'], { deferGenerationCheck: true }), requireOwnDevice] as const,
    request: { params: z.object({ deviceId: IdParam }) },
    responses: {
      200: { description: 'The home reply', content: { 'application/json': { schema: ScreenReplySchema } } },
      ...problemResponses(...AUTHENTICATED_PROBLEMS, 'validation_failed'),
    },
  });

/** `GET /v1/screens/:deviceId/home`: the idle screen's card, as a turn of the device's skill. */
export function registerScreenHome(app: OpenAPIHono<HttpEnv>, deps: ScreenDeps & { auth: TokenAuth }): void {
  app.openapi(routeFor(deps.auth), async (c) => {
    const { deviceId } = c.req.valid('param');
    const { householdId, generation } = c.var.principal;
    const principal = { householdId, deviceId, generation };
    const { reply } = await answerScreenTurn(deps, principal, { home: true }, { requestId: c.var.requestId });
    return c.json(reply, 200);
  });
}
