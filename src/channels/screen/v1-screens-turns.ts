import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { type AuthEnv, requireToken, type TokenAuth } from '../../auth/bearer.js';
import {
  type DeviceRateLimitOptions,
  deviceRateLimit,
  RATE_LIMITED_RESPONSES,
} from '../../http/device-rate-limit.js';
import type { HttpEnv } from '../../http/http-env.js';
import {
  AUTHENTICATED_PROBLEMS,
  IdParam,
  JSON_BODY_PROBLEMS,
  problemResponses,
} from '../../http/openapi-schemas.js';
import { LOCALES } from '../../runtime/locales.js';
import { requireOwnDevice } from './device-route-guard.js';
import { ScreenReplySchema, ScreenSessionSchema } from './screen-reply.js';
import { answerScreenTurn, type ScreenDeps, type ScreenInput } from './screen-turn.js';

/** Bounds that keep a turn cheap to match and its reply small, whatever a screen sends. */
export const MAX_TEXT_CHARS = 500;
export const MAX_SLOTS = 10;
export const MAX_SLOT_CHARS = 200;

export const ScreenTurnSchema = z
  .strictObject({
    intent: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .openapi({ description: 'A card action or intent name; unknown names get the fallback reply' }),
    slots: z
      .record(
        z.string().regex(/^[a-z][A-Za-z0-9]{0,63}$/, 'slot names are camelCase'),
        z.string().max(MAX_SLOT_CHARS),
      )
      .refine((slots) => Object.keys(slots).length <= MAX_SLOTS, { message: `at most ${MAX_SLOTS} slots` })
      .optional()
      .openapi({ description: 'Slot values as ids, values or synonyms (with `intent` only)' }),
    text: z.string().min(1).max(MAX_TEXT_CHARS).optional().openapi({
      description:
        "Typed text, matched with the skill's utterances in the turn's locale; the reply's `understood` says what it was matched to",
    }),
    session: ScreenSessionSchema.optional(),
    locale: z
      .enum(LOCALES)
      .optional()
      .openapi({ description: "Answer in this locale instead of the device's" }),
  })
  .superRefine((body, ctx) => {
    if ((body.intent === undefined) === (body.text === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'send either `intent` (with optional `slots`) or `text`' });
    }
    if (body.slots !== undefined && body.intent === undefined) {
      ctx.addIssue({ code: 'custom', path: ['slots'], message: '`slots` go with `intent`' });
    }
  })
  .openapi('ScreenTurn');
type ScreenTurnBody = z.infer<typeof ScreenTurnSchema>;

/** Turns of one device (typed or tapped): bursts of 20, 5 per second kept up, then 429 with Retry-After. */
const perDevice = (options?: DeviceRateLimitOptions) =>
  deviceRateLimit<AuthEnv<'device'>>(
    (c) => `${c.var.principal.householdId}/${c.var.principal.deviceId}`,
    options,
  );

const routeFor = (auth: TokenAuth, rateLimit?: DeviceRateLimitOptions) =>
  createRoute({
    method: 'post',
    path: '/v1/screens/{deviceId}/turns',
    summary: "An appliance screen sends a turn (a tapped action or typed text) and gets the skill's reply",
    description:
      "The device's skill answers in the device's locale (or `locale`), for the token's household, " +
      'reading only what the household consented to. Send back the `session` of the previous reply. ' +
      'A turn sent as `text` is answered with `understood: { intent, slots, confidence }`: the intent it ' +
      'was matched to (`AMAZON.FallbackIntent` when none), its slot values as ids and how confident the match is.',
    tags: ['screens'],
    security: [{ bearer: [] }],
    // The generation is checked in the turn's one read, not by a read of its own.
    middleware: [
      requireToken(auth, ['device'], { deferGenerationCheck: true }),
      requireOwnDevice,
      perDevice(rateLimit),
    ] as const,
    request: {
      params: z.object({ deviceId: IdParam }),
      body: { required: true, content: { 'application/json': { schema: ScreenTurnSchema } } },
    },
    responses: {
      200: {
        description: 'The reply to show',
        content: { 'application/json': { schema: ScreenReplySchema } },
      },
      ...problemResponses(...AUTHENTICATED_PROBLEMS, ...JSON_BODY_PROBLEMS),
      ...RATE_LIMITED_RESPONSES,
    },
  });

function inputOf(body: ScreenTurnBody): ScreenInput {
  if (body.text !== undefined) return { text: body.text };
  return { intent: body.intent ?? '', ...(body.slots ? { slots: body.slots } : {}) };
}

/** `POST /v1/screens/:deviceId/turns`: one turn of the device's skill, answered as the screen Reply. */
export function registerScreenTurns(
  app: OpenAPIHono<HttpEnv>,
  deps: ScreenDeps & { auth: TokenAuth; rateLimit?: DeviceRateLimitOptions },
): void {
  app.openapi(routeFor(deps.auth, deps.rateLimit), async (c) => {
    const { deviceId } = c.req.valid('param');
    const body = c.req.valid('json');
    const { householdId, generation } = c.var.principal;
    const { reply } = await answerScreenTurn(deps, { householdId, deviceId, generation }, inputOf(body), {
      ...(body.session ? { session: body.session } : {}),
      ...(body.locale ? { locale: body.locale } : {}),
      requestId: c.var.requestId,
    });
    return c.json(reply, 200);
  });
}
