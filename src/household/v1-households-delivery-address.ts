/**
 * `GET`, `PUT` and `DELETE /v1/households/:hid/delivery-address`: the household's delivery
 * address, for its own token only (another household's is 404, as any resource not owned).
 * Contract data, not a consent purpose: what the household sets here is what its orders are
 * delivered to (a proposal reads it back masked, the yes checks it, the brand receives it).
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ensureOwns, requireToken, type TokenAuth } from '../auth/bearer.js';
import type { HttpEnv } from '../http/http-env.js';
import {
  AUTHENTICATED_PROBLEMS,
  IdParam,
  JSON_BODY_PROBLEMS,
  problemResponses,
} from '../http/openapi-schemas.js';
import { ProblemError } from '../http/problem.js';
import type { DocumentStore } from '../store/document-store.js';
import { deliveryAddressDocumentSchema, deliveryAddressSchema } from './delivery-address.js';
import { readDeliveryAddress, removeDeliveryAddress, saveDeliveryAddress } from './keep-delivery-address.js';

// `.meta` rather than `.openapi`: the schemas are the data model's, built with plain zod,
// which has `.openapi` only once @hono/zod-openapi has extended it (import order).
const AddressBody = deliveryAddressSchema.meta({
  id: 'DeliveryAddressInput',
  example: {
    name: 'Claire Martin',
    line1: '12 rue des Lilas',
    postalCode: '75011',
    city: 'Paris',
    country: 'FR',
  },
});
const StoredAddress = deliveryAddressDocumentSchema.meta({ id: 'DeliveryAddress' });
const params = z.object({ hid: IdParam });
const TAGS = ['households'];

const getRoute = (auth: TokenAuth) =>
  createRoute({
    method: 'get',
    path: '/v1/households/{hid}/delivery-address',
    summary: "The household's delivery address, in full (proposals read it back masked)",
    tags: TAGS,
    security: [{ bearer: [] }],
    middleware: [requireToken(auth, ['household'])] as const,
    request: { params },
    responses: {
      200: { description: 'The address', content: { 'application/json': { schema: StoredAddress } } },
      ...problemResponses(...AUTHENTICATED_PROBLEMS, 'validation_failed', 'no_delivery_address'),
    },
  });

const putRoute = (auth: TokenAuth) =>
  createRoute({
    method: 'put',
    path: '/v1/households/{hid}/delivery-address',
    summary:
      "Sets or replaces the household's delivery address (its open proposals are asked again at the yes)",
    tags: TAGS,
    security: [{ bearer: [] }],
    middleware: [requireToken(auth, ['household'])] as const,
    request: {
      params,
      body: { content: { 'application/json': { schema: AddressBody } }, required: true },
    },
    responses: {
      200: {
        description: 'The address as stored',
        content: { 'application/json': { schema: StoredAddress } },
      },
      ...problemResponses(...AUTHENTICATED_PROBLEMS, ...JSON_BODY_PROBLEMS),
    },
  });

const deleteRoute = (auth: TokenAuth) =>
  createRoute({
    method: 'delete',
    path: '/v1/households/{hid}/delivery-address',
    summary: "Removes the household's delivery address (nothing can be ordered until one is set again)",
    tags: TAGS,
    security: [{ bearer: [] }],
    middleware: [requireToken(auth, ['household'])] as const,
    request: { params },
    responses: {
      204: { description: 'Removed (or there was none)' },
      ...problemResponses(...AUTHENTICATED_PROBLEMS, 'validation_failed'),
    },
  });

export function registerHouseholdDeliveryAddress(
  app: OpenAPIHono<HttpEnv>,
  { auth, store, wallClock }: { auth: TokenAuth; store: DocumentStore; wallClock: () => Date },
): void {
  app.openapi(getRoute(auth), async (c) => {
    const { hid } = c.req.valid('param');
    ensureOwns(c.var.principal.householdId === hid);
    const address = await readDeliveryAddress(store, hid);
    if (!address) throw new ProblemError('no_delivery_address');
    return c.json(address, 200);
  });

  app.openapi(putRoute(auth), async (c) => {
    const { hid } = c.req.valid('param');
    ensureOwns(c.var.principal.householdId === hid);
    const saved = await saveDeliveryAddress(store, hid, c.req.valid('json'), wallClock());
    // Erased between the token check and the write: nothing written, and nothing to own.
    if (saved === 'gone') throw new ProblemError('not_found');
    return c.json(saved, 200);
  });

  app.openapi(deleteRoute(auth), async (c) => {
    const { hid } = c.req.valid('param');
    ensureOwns(c.var.principal.householdId === hid);
    await removeDeliveryAddress(store, hid);
    return c.body(null, 204);
  });
}
