import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { requireToken } from '../../auth/bearer.js';
import type { AppEnv } from '../../http/app-env.js';
import { AUTHENTICATED_PROBLEMS, IdParam, problemResponses } from '../../http/openapi-schemas.js';
import { ProblemError } from '../../http/problem.js';
import { requireOwnDevice } from './device-route-guard.js';
import { answerScreenHome } from './screen-home.js';
import { ScreenReplySchema } from './screen-reply.js';
import { loadScreenDevice } from './screen-turn.js';

const route = createRoute({
  method: 'get',
  path: '/v1/screens/{deviceId}/home',
  summary: 'The card an idle appliance screen shows (fridge: recipe ideas; coffee machine: capsule stock)',
  description:
    "A turn of the device's skill in a fresh session: personal only for what the household consented to. " +
    'Send the reply\'s `session` with the next turn so "why this suggestion?" can be answered.',
  tags: ['screens'],
  security: [{ bearer: [] }],
  // The generation is checked in the screen's one read (loadScreenDevice), not by a read of its own.
  middleware: [requireToken(['device'], { deferGenerationCheck: true }), requireOwnDevice] as const,
  request: { params: z.object({ deviceId: IdParam }) },
  responses: {
    200: { description: 'The home reply', content: { 'application/json': { schema: ScreenReplySchema } } },
    ...problemResponses(...AUTHENTICATED_PROBLEMS, 'validation_failed'),
  },
});

/** `GET /v1/screens/:deviceId/home`: the idle screen's card, as a turn of the device's skill. */
export function registerScreenHome(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const { deviceId } = c.req.valid('param');
    const screen = await loadScreenDevice(c.var.deps.store, {
      householdId: c.var.principal.householdId,
      deviceId,
      generation: c.var.principal.generation,
    });
    if (!screen) throw new ProblemError('not_found');
    return c.json(await answerScreenHome(c.var.deps, screen, { requestId: c.var.requestId }), 200);
  });
}
