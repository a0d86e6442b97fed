/**
 * `GET /v1/households/:hid/offers/:offerId/explanation`: why an offer was made (or
 * suppressed), from the offer log: the brand, the campaign, sponsored or not, the rule and
 * the purposes used, and the same sentence the skill says to "why did you suggest that".
 * `POST /v1/households/:hid/objections` `{ brandId?, campaignId? }`: objects to all direct
 * marketing (neither named), to a brand's offers, or to one of its campaigns (listed and
 * lifted by `v1-households-objections.ts`).
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ensureOwns, requireToken, type TokenAuth } from '../auth/bearer.js';
import { ConsentChoiceError } from '../consent/record-choice.js';
import { brandRecordSchema, householdRecordSchema } from '../household/household-record.js';
import { paths } from '../household/paths.js';
import type { HttpEnv } from '../http/http-env.js';
import {
  AUTHENTICATED_PROBLEMS,
  IdParam,
  JSON_BODY_PROBLEMS,
  problemResponses,
} from '../http/openapi-schemas.js';
import { ProblemError } from '../http/problem.js';
import type { LanguageData } from '../runtime/i18n.js';
import type { TurnOffers } from '../runtime/offer-port.js';
import { explainOffer } from '../runtime/privacy-intents.js';
import type { SkillRegistry } from '../runtime/skill-registry.js';
import type { DocumentStore } from '../store/document-store.js';
import { recordObjection } from './keep-objections.js';
import { SUPPRESSION_REASONS } from './offer-log-record.js';

const TAGS = ['households'];

const Explanation = z
  .object({
    offerId: z.string(),
    brandId: z.string(),
    campaignId: z.string(),
    sponsored: z.boolean(),
    decision: z.enum(['shown', 'suppressed']),
    reason: z.enum(SUPPRESSION_REASONS).optional(),
    rule: z.string().openapi({ description: "The campaign's rule, as a response key of the skill" }),
    purposes: z.array(z.string()).openapi({ description: 'The purposes the decision used' }),
    at: z.string(),
    locale: z.string(),
    text: z
      .string()
      .openapi({ description: 'The explanation as the skill says it, in the household’s language' }),
  })
  .openapi('OfferExplanation');

const ObjectionBody = z
  .strictObject({
    brandId: IdParam.optional(),
    campaignId: IdParam.optional(),
  })
  .openapi('ObjectionInput', { example: { brandId: 'frostline', campaignId: 'cream-partner' } });

/** The household's objections, as every objections route answers them. */
export const Objections = z
  .object({
    marketing: z.boolean().openapi({ description: 'Objects to all direct marketing (art. 21)' }),
    brands: z.array(z.string()),
    campaigns: z.array(z.object({ brandId: z.string(), campaignId: z.string() })),
  })
  .openapi('Objections');

const explanationRoute = (auth: TokenAuth) =>
  createRoute({
    method: 'get',
    path: '/v1/households/{hid}/offers/{offerId}/explanation',
    summary: 'Why an offer was made or suppressed, from the offer log',
    tags: TAGS,
    security: [{ bearer: [] }],
    middleware: [requireToken(auth, ['household'])] as const,
    request: { params: z.object({ hid: IdParam, offerId: IdParam }) },
    responses: {
      200: { description: 'The explanation', content: { 'application/json': { schema: Explanation } } },
      ...problemResponses(...AUTHENTICATED_PROBLEMS, 'validation_failed', 'unknown_offer'),
    },
  });

const objectionRoute = (auth: TokenAuth) =>
  createRoute({
    method: 'post',
    path: '/v1/households/{hid}/objections',
    summary: 'Objects to all direct marketing, to one brand’s offers, or to one of its campaigns',
    tags: TAGS,
    security: [{ bearer: [] }],
    middleware: [requireToken(auth, ['household'])] as const,
    request: {
      params: z.object({ hid: IdParam }),
      body: { content: { 'application/json': { schema: ObjectionBody } }, required: true },
    },
    responses: {
      200: {
        description: 'The household’s objections now',
        content: { 'application/json': { schema: Objections } },
      },
      ...problemResponses(
        ...AUTHENTICATED_PROBLEMS,
        ...JSON_BODY_PROBLEMS,
        'unknown_brand',
        'unknown_campaign',
        'campaign_needs_brand',
      ),
    },
  });

/** Refuses an objection (or its lifting) naming a brand that does not exist, or a campaign it does not have. */
export async function ensureObjectionTarget(
  { store, campaignExists }: Pick<HouseholdOffersDeps, 'store' | 'campaignExists'>,
  brandId: string,
  campaignId: string | undefined,
): Promise<void> {
  const brand = await store.get(paths.brand(brandId));
  if (!brandRecordSchema.safeParse(brand.data).success) throw new ProblemError('unknown_brand');
  if (campaignId !== undefined && !campaignExists(brandId, campaignId))
    throw new ProblemError('unknown_campaign');
}

export type HouseholdOffersDeps = {
  auth: TokenAuth;
  store: DocumentStore;
  offers: TurnOffers;
  /** Whether a brand has a campaign of that id. */
  campaignExists: (brandId: string, campaignId: string) => boolean;
  skills: SkillRegistry;
  language: LanguageData;
  wallClock: () => Date;
};

export function registerHouseholdOffers(app: OpenAPIHono<HttpEnv>, deps: HouseholdOffersDeps): void {
  const { auth, store, offers, skills, language } = deps;

  app.openapi(explanationRoute(auth), async (c) => {
    const { hid, offerId } = c.req.valid('param');
    ensureOwns(c.var.principal.householdId === hid);
    const [explanation, householdSnap] = await Promise.all([
      offers.explain(hid, offerId),
      store.get(paths.household(hid)),
    ]);
    const household = householdRecordSchema.safeParse(householdSnap.data);
    const skill = explanation && skills.find(explanation.skillId);
    if (!explanation || !skill || !household.success) throw new ProblemError('unknown_offer');
    const locale = household.data.locale;
    const text = explainOffer(explanation, language.translator(skill.id, locale));
    return c.json(
      {
        offerId: explanation.offerId,
        brandId: explanation.brandId,
        campaignId: explanation.campaignId,
        sponsored: explanation.sponsored,
        decision: explanation.decision,
        ...(explanation.reason ? { reason: explanation.reason as (typeof SUPPRESSION_REASONS)[number] } : {}),
        rule: explanation.rule,
        purposes: explanation.purposes,
        at: explanation.at,
        locale,
        text,
      },
      200,
    );
  });

  app.openapi(objectionRoute(auth), async (c) => {
    const { hid } = c.req.valid('param');
    ensureOwns(c.var.principal.householdId === hid);
    const { brandId, campaignId } = c.req.valid('json');
    if (campaignId !== undefined && brandId === undefined) throw new ProblemError('campaign_needs_brand');
    if (brandId !== undefined) await ensureObjectionTarget(deps, brandId, campaignId);
    const input = `POST objections${brandId ? ` brandId=${brandId}` : ''}${campaignId ? ` campaignId=${campaignId}` : ''}`;
    const view = await recordObjection(
      store,
      hid,
      { ...(brandId ? { brandId } : {}), ...(campaignId ? { campaignId } : {}) },
      { at: deps.wallClock(), actor: c.var.principal.tokenId ?? null, input },
    ).catch((error: unknown) => {
      if (error instanceof ConsentChoiceError && error.code === 'household_gone') return 'gone' as const;
      throw error;
    });
    if (view === 'gone') throw new ProblemError('not_found');
    return c.json(view, 200);
  });
}
