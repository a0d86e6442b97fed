import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ensureOwns, requireToken, type TokenAuth } from '../../auth/bearer.js';
import type { HttpEnv } from '../../http/http-env.js';
import {
  AUTHENTICATED_PROBLEMS,
  IdParam,
  JSON_BODY_PROBLEMS,
  problemResponses,
} from '../../http/openapi-schemas.js';
import { ProblemError } from '../../http/problem.js';
import type { SkillRegistry } from '../../runtime/skill-registry.js';
import type { DocumentStore } from '../../store/document-store.js';
import { confirmPairingCode } from './confirm-pairing.js';
import { type PairingOptions, pairingSettings, rateLimited, rateLimitedResponses } from './pairing-limits.js';
import { PAIRING_TTL_MS } from './pairing-record.js';

const ConfirmBody = z.object({
  code: z.string().max(64).openapi({
    description: 'The code the appliance shows; any case, dashes and spaces ignored',
    example: '7KQ2-M9XD',
  }),
});

const Paired = z
  .object({ deviceId: z.string(), kind: z.string(), skillId: z.string(), name: z.string() })
  .openapi('PairedDevice');

/** One answer for every code that does not pair, whatever the reason: a guesser learns nothing from it. */
const INVALID_CODE =
  `this code does not pair any appliance: check the code shown on the appliance's screen; ` +
  `a code works once and for ${PAIRING_TTL_MS / 60_000} minutes, after which the appliance shows a new one`;

const routeFor = (auth: TokenAuth) =>
  createRoute({
    method: 'post',
    path: '/v1/households/{hid}/pairings',
    summary: 'The household confirms the code an appliance shows: the appliance becomes one of its devices',
    description:
      'The device gets the skill that serves its kind, and the locale the appliance asked for or the ' +
      "household's. An unknown, mistyped, expired or already used code is the same 400 " +
      '`pairing_code_invalid`; a household may fail 5 times at once and 5 more every 15 minutes, then 429.',
    tags: ['pairing'],
    security: [{ bearer: [] }],
    middleware: [requireToken(auth, ['household'])] as const,
    request: {
      params: z.object({ hid: IdParam }),
      body: { content: { 'application/json': { schema: ConfirmBody } }, required: true },
    },
    responses: {
      201: { description: 'The new device', content: { 'application/json': { schema: Paired } } },
      ...problemResponses(...AUTHENTICATED_PROBLEMS, ...JSON_BODY_PROBLEMS, 'pairing_code_invalid'),
      ...rateLimitedResponses(
        'more than 5 failed confirmations at once or 5 every 15 minutes from one household',
      ),
    },
  });

/** `POST /v1/households/:hid/pairings`: the household confirms a code (`confirmPairingCode`). */
export function registerConfirmPairing(
  app: OpenAPIHono<HttpEnv>,
  deps: { auth: TokenAuth; store: DocumentStore; skills: SkillRegistry } & PairingOptions,
): void {
  const { auth, store, skills } = deps;
  const { limits, wallNow } = pairingSettings(deps);

  app.openapi(routeFor(auth), async (c) => {
    const { hid } = c.req.valid('param');
    ensureOwns(c.var.principal.householdId === hid);
    const outcome = await confirmPairingCode({
      store,
      skills,
      householdFailures: limits.householdFailures,
      householdId: hid,
      typed: c.req.valid('json').code,
      now: new Date(wallNow()),
    });

    if (outcome.kind === 'limited') {
      return rateLimited(
        c,
        outcome.retryAfterSeconds,
        'too many pairing codes that did not pair; retry after the seconds in Retry-After',
      );
    }
    if (outcome.kind === 'not_found') throw new ProblemError('not_found');
    if (outcome.kind === 'invalid') {
      c.var.log?.info('pairing code refused');
      throw new ProblemError('pairing_code_invalid', INVALID_CODE);
    }
    const { deviceId, device } = outcome;
    const { kind, skillId, name } = device;
    c.var.log?.info({ deviceId, kind }, 'device paired');
    return c.json({ deviceId, kind, skillId, name }, 201);
  });
}
