/**
 * `POST /v1/households/:hid/orders/:orderId/cancel`: the household cancels an order within
 * its window from a companion app, with the same domain code as "cancel my order" by voice
 * and the screen's button (status, history and the brand's outbox entry in one transaction).
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ensureOwns, requireToken, type TokenAuth } from '../auth/bearer.js';
import { ORDER_STATUSES } from '../domains/capsules/order-record.js';
import { cancelOrder } from '../domains/capsules/orders/cancel-order.js';
import type { HttpEnv } from '../http/http-env.js';
import { AUTHENTICATED_PROBLEMS, IdParam, problemResponses } from '../http/openapi-schemas.js';
import { ProblemError } from '../http/problem.js';
import type { DocumentStore } from '../store/document-store.js';

const CancelledOrder = z
  .object({
    id: z.string(),
    status: z.enum(ORDER_STATUSES),
    variety: z.string(),
    capsules: z.number().int(),
    totalMinor: z.number().int(),
    currency: z.string(),
    placedAt: z.string(),
    cancelUntil: z.string(),
    history: z.array(z.object({ status: z.enum(ORDER_STATUSES), at: z.string(), by: z.string() })),
  })
  .openapi('CancelledOrder');

const routeFor = (auth: TokenAuth) =>
  createRoute({
    method: 'post',
    path: '/v1/households/{hid}/orders/{orderId}/cancel',
    summary: 'The household cancels a capsule order within its cancel window (24 hours from placing)',
    tags: ['orders'],
    security: [{ bearer: [] }],
    middleware: [requireToken(auth, ['household'])] as const,
    request: { params: z.object({ hid: IdParam, orderId: IdParam }) },
    responses: {
      200: {
        description: 'Cancelled; the brand is told through its outbox',
        content: { 'application/json': { schema: CancelledOrder } },
      },
      ...problemResponses(...AUTHENTICATED_PROBLEMS, 'validation_failed', 'order_not_cancellable'),
    },
  });

export function registerCancelOrder(
  app: OpenAPIHono<HttpEnv>,
  { auth, store, clock }: { auth: TokenAuth; store: DocumentStore; clock: () => Date },
): void {
  app.openapi(routeFor(auth), async (c) => {
    const { hid, orderId } = c.req.valid('param');
    ensureOwns(c.var.principal.householdId === hid);
    const result = await cancelOrder(store, { householdId: hid, orderId, now: clock(), by: 'api' });
    // Another household's order is not found under this one: 404, as any resource not owned.
    if (result.status === 'notFound') throw new ProblemError('not_found');
    if (result.status !== 'cancelled') {
      throw new ProblemError(
        'order_not_cancellable',
        result.status === 'alreadyCancelled'
          ? 'the order is already cancelled'
          : `the order is ${result.order.status} and past its cancel window`,
      );
    }
    const { id, status, variety, capsules, totalMinor, currency, placedAt, cancelUntil, history } =
      result.order;
    return c.json(
      { id, status, variety, capsules, totalMinor, currency, placedAt, cancelUntil, history },
      200,
    );
  });
}
