import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { HttpEnv } from '../http/http-env.js';
import { IdParam, JSON_BODY_PROBLEMS, problemResponses } from '../http/openapi-schemas.js';
import { ProblemError, problemResponse } from '../http/problem.js';
import { isSafeId } from '../ids/safe-id.js';
import type { DocumentStore } from '../store/document-store.js';
import { applyBrandStatus, BRAND_STATUSES } from './brand-order-status.js';
import { type BrandWebhooks, webhookOf } from './brand-webhooks.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from './webhook-signature.js';

const StatusBody = z
  .object({
    /**
     * The order the update is for, checked against the URL when given: the signature covers the
     * body, not the path, so naming the order in the body keeps a captured update from being
     * replayed (within the 5 minutes) to another order's URL.
     */
    orderId: z.string().optional(),
    status: z.enum(BRAND_STATUSES),
    /** When the change happened at the brand; any offset, stored in UTC. */
    at: z.iso.datetime({ offset: true }),
  })
  .openapi('BrandOrderStatus');

const StatusAnswer = z
  .object({
    orderId: z.string(),
    status: z.string(),
    /** False when the order already had (or had gone past) this status: a repeat changes nothing. */
    changed: z.boolean(),
  })
  .openapi('BrandOrderStatusAnswer');

const route = createRoute({
  method: 'post',
  path: '/v1/brands/{brandId}/orders/{orderId}/status',
  summary: "A brand's status update of an order it received, signed as hearth signs its webhooks",
  description:
    'Headers `X-Hearth-Timestamp` (Unix seconds, within 5 minutes) and `X-Hearth-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<raw body>" with the brand\'s webhook secret>`. Moves one step at a time: placed -> confirmed -> shipped -> delivered, cancelled from placed or confirmed; a status the order already had answers 200 with `changed: false`.',
  tags: ['brands'],
  request: {
    params: z.object({ brandId: IdParam, orderId: IdParam }),
    headers: z.object({ [TIMESTAMP_HEADER]: z.string(), [SIGNATURE_HEADER]: z.string() }),
    body: { required: true, content: { 'application/json': { schema: StatusBody } } },
  },
  responses: {
    200: { description: 'Applied, or already so', content: { 'application/json': { schema: StatusAnswer } } },
    ...problemResponses(
      'signature_invalid',
      'signature_expired',
      'unknown_order',
      'order_transition_not_allowed',
      'store_unavailable',
      ...JSON_BODY_PROBLEMS,
    ),
  },
});

/** A 401 of the signature check: its own challenge, not the Bearer one the error handler gives. */
function signatureProblem(requestId: string, code: 'signature_invalid' | 'signature_expired'): Response {
  const response = problemResponse(code, undefined, { requestId });
  response.headers.set(
    'www-authenticate',
    `HMAC realm="hearth", headers="${TIMESTAMP_HEADER} ${SIGNATURE_HEADER}"`,
  );
  response.headers.set('x-request-id', requestId);
  return response;
}

/**
 * `POST /v1/brands/:brandId/orders/:orderId/status`: verified on the raw body before anything
 * is parsed (a body re-serialised by a validator would not be the bytes the brand signed), so the
 * route is documented from its `createRoute` but served by a plain handler.
 */
export function registerBrandOrderStatus(
  app: OpenAPIHono<HttpEnv>,
  {
    store,
    webhooks,
    wallClock = () => new Date(),
  }: { store: DocumentStore; webhooks: BrandWebhooks; wallClock?: () => Date },
): void {
  app.openAPIRegistry.registerPath(route);
  app.post('/v1/brands/:brandId/orders/:orderId/status', async (c) => {
    const brandId = c.req.param('brandId');
    const orderId = c.req.param('orderId');
    const raw = await c.req.text();
    // A brand this deployment has no secret for cannot have signed anything.
    const webhook = webhookOf(webhooks, brandId);
    const verdict = webhook
      ? verifySignature({
          secret: webhook.secret,
          body: raw,
          timestamp: c.req.header(TIMESTAMP_HEADER),
          signature: c.req.header(SIGNATURE_HEADER),
          now: wallClock(),
        })
      : ({ ok: false, reason: 'signature_invalid' } as const);
    if (!verdict.ok) return signatureProblem(c.get('requestId'), verdict.reason);

    if (!isSafeId(orderId)) throw new ProblemError('unknown_order');
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new ProblemError('invalid_json');
    }
    const body = StatusBody.safeParse(json);
    if (!body.success) {
      const errors = body.error.issues.map((i) => ({
        path: i.path.join('.') || '(root)',
        message: i.message,
      }));
      throw new ProblemError('validation_failed', 'body does not match the schema', { errors });
    }
    if (body.data.orderId !== undefined && body.data.orderId !== orderId) {
      throw new ProblemError('validation_failed', 'the body names another order than the URL', {
        errors: [{ path: 'orderId', message: 'differs from the URL' }],
      });
    }
    const outcome = await applyBrandStatus({
      store,
      brandId,
      orderId,
      status: body.data.status,
      at: new Date(body.data.at).toISOString(),
    });
    if (outcome.kind === 'unknown_order') throw new ProblemError('unknown_order');
    if (outcome.kind === 'not_allowed') {
      throw new ProblemError(
        'order_transition_not_allowed',
        `the order is ${outcome.status}; it cannot become ${body.data.status}`,
      );
    }
    return c.json({ orderId, status: outcome.status, changed: outcome.kind === 'applied' }, 200);
  });
}
