/**
 * `GET /v1/households/:hid/objections`: the household's objections to offers (to all direct
 * marketing, to brands, to campaigns). `DELETE /v1/households/:hid/objections/brands/:brandId`
 * and `…/brands/:brandId/campaigns/:campaignId`: lift an objection to a brand's offers or to
 * one campaign, answering the objections after (lifting one that does not stand changes
 * nothing; one that stands is lifted even if its brand or campaign no longer exists). The objection to all marketing is lifted in the ledger, not here: by granting a
 * brand's offers again (`/v1/households/:hid/consents`, or the consent center).
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ensureOwns, requireToken, type TokenAuth } from '../auth/bearer.js';
import type { ClaimsOf } from '../auth/token-claims.js';
import type { HttpEnv } from '../http/http-env.js';
import { AUTHENTICATED_PROBLEMS, IdParam, problemResponses } from '../http/openapi-schemas.js';
import { ProblemError } from '../http/problem.js';
import type { DocumentStore } from '../store/document-store.js';
import { type BrandObjection, liftObjection, objectionStands, readObjections } from './keep-objections.js';
import { ensureObjectionTarget, Objections } from './v1-households-offers.js';

const TAGS = ['households'];

const objectionsResponse = (description: string) => ({
  200: { description, content: { 'application/json': { schema: Objections } } },
});

const listRoute = (auth: TokenAuth) =>
  createRoute({
    method: 'get',
    path: '/v1/households/{hid}/objections',
    summary: 'The household’s objections: to all direct marketing, to brands’ offers, to campaigns',
    tags: TAGS,
    security: [{ bearer: [] }],
    middleware: [requireToken(auth, ['household'])] as const,
    request: { params: z.object({ hid: IdParam }) },
    responses: {
      ...objectionsResponse('The household’s objections'),
      ...problemResponses(...AUTHENTICATED_PROBLEMS, 'validation_failed'),
    },
  });

const LIFT_PROBLEMS = problemResponses(
  ...AUTHENTICATED_PROBLEMS,
  'validation_failed',
  'unknown_brand',
  'unknown_campaign',
);

const liftBrandRoute = (auth: TokenAuth) =>
  createRoute({
    method: 'delete',
    path: '/v1/households/{hid}/objections/brands/{brandId}',
    summary: 'Lifts the objection to a brand’s offers (its campaigns’ objections stay)',
    tags: TAGS,
    security: [{ bearer: [] }],
    middleware: [requireToken(auth, ['household'])] as const,
    request: { params: z.object({ hid: IdParam, brandId: IdParam }) },
    responses: { ...objectionsResponse('The household’s objections now'), ...LIFT_PROBLEMS },
  });

const liftCampaignRoute = (auth: TokenAuth) =>
  createRoute({
    method: 'delete',
    path: '/v1/households/{hid}/objections/brands/{brandId}/campaigns/{campaignId}',
    summary: 'Lifts the objection to one of a brand’s campaigns',
    tags: TAGS,
    security: [{ bearer: [] }],
    middleware: [requireToken(auth, ['household'])] as const,
    request: { params: z.object({ hid: IdParam, brandId: IdParam, campaignId: IdParam }) },
    responses: { ...objectionsResponse('The household’s objections now'), ...LIFT_PROBLEMS },
  });

export type HouseholdObjectionsDeps = {
  auth: TokenAuth;
  store: DocumentStore;
  /** Whether a brand has a campaign of that id. */
  campaignExists: (brandId: string, campaignId: string) => boolean;
};

export function registerHouseholdObjections(app: OpenAPIHono<HttpEnv>, deps: HouseholdObjectionsDeps): void {
  const { auth, store } = deps;

  app.openapi(listRoute(auth), async (c) => {
    const { hid } = c.req.valid('param');
    ensureOwns(c.var.principal.householdId === hid);
    const view = await readObjections(store, hid);
    if (view === 'gone') throw new ProblemError('not_found');
    return c.json(view, 200);
  });

  /**
   * Lifts an objection the household owns. One that stands is lifted even when its brand or
   * campaign is gone since (a campaign that ended); otherwise the target must exist, so that a
   * mistyped id is told apart from an objection already lifted.
   */
  const lift = async (hid: string, principal: ClaimsOf<'household'>, target: BrandObjection) => {
    ensureOwns(principal.householdId === hid);
    const before = await readObjections(store, hid);
    if (before === 'gone') throw new ProblemError('not_found');
    if (!objectionStands(before, target))
      await ensureObjectionTarget(deps, target.brandId, target.campaignId);
    const view = await liftObjection(store, hid, target);
    if (view === 'gone') throw new ProblemError('not_found');
    return view;
  };

  app.openapi(liftBrandRoute(auth), async (c) => {
    const { hid, brandId } = c.req.valid('param');
    return c.json(await lift(hid, c.var.principal, { brandId }), 200);
  });

  app.openapi(liftCampaignRoute(auth), async (c) => {
    const { hid, brandId, campaignId } = c.req.valid('param');
    return c.json(await lift(hid, c.var.principal, { brandId, campaignId }), 200);
  });
}
