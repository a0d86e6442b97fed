import { timingSafeEqual } from 'node:crypto';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { JsonObject } from 'actions-on-google';
import type { HttpEnv } from '../../http/http-env.js';
import { runTurn } from '../../runtime/run-turn.js';
import type { ChannelDeps } from '../channel-deps.js';
import { linkedHousehold } from '../linked-household.js';
import { refusePlatformRequest } from '../platform-refusal.js';
import type { SkillChannelsLookup } from '../skill-channels.js';
import { type DialogflowRequest, dialogflowRequestSchema } from './dialogflow-request.js';
import { dialogflowResponse } from './dialogflow-response.js';
import { dialogflowTurn } from './dialogflow-turn.js';

type DialogflowHandler = {
  handler: (body: JsonObject, headers: Record<string, string>) => Promise<{ status: number; body: unknown }>;
};
/**
 * What the one fallback handler needs to answer a request, keyed by the body
 * object handed to the library; `failure` keeps a fault of ours apart from the
 * library refusing the request.
 */
type PendingTurn = { answer: () => Promise<Record<string, unknown>>; failure?: { error: unknown } };

/**
 * The library's intent dispatcher looks names up on a plain object, so a display
 * name like `constructor` would reach Object.prototype; hearth maps intents
 * itself, and the library only ever sees this name (and falls back to our handler).
 */
const LIBRARY_INTENT_NAME = 'hearth';

/** Constant-time comparison of every configured verification header. */
function headersMatch(expected: Record<string, string>, got: Record<string, string>): boolean {
  let ok = true;
  for (const [name, value] of Object.entries(expected)) {
    const a = Buffer.from(value);
    const b = Buffer.from(got[name.toLowerCase()] ?? '');
    ok = a.length === b.length && timingSafeEqual(a, b) && ok;
  }
  return ok;
}

/**
 * `POST /google/:skillId`: Dialogflow ES fulfillment through actions-on-google's
 * `dialogflow({ verification })`. hearth checks the skill's verification headers
 * itself first, in constant time and before the body is read; the library's own
 * check (plain string comparison) then always passes and stays as the
 * integration Dialogflow's documentation describes.
 */
export function registerDialogflowRoute(
  app: OpenAPIHono<HttpEnv>,
  deps: ChannelDeps,
  skillChannels: SkillChannelsLookup,
): void {
  const pending = new WeakMap<object, PendingTurn>();
  const apps = new Map<string, { key: string; app: DialogflowHandler }>();

  // actions-on-google pulls in much of googleapis: load it on the first Dialogflow request, not at start.
  const appFor = async (skillId: string, headers: Record<string, string>): Promise<DialogflowHandler> => {
    const key = JSON.stringify(Object.entries(headers).sort());
    const existing = apps.get(skillId);
    if (existing && existing.key === key) return existing.app;
    const { dialogflow } = await import('actions-on-google');
    const built = dialogflow({ verification: headers });
    built.fallback(async (conv) => {
      const turn = pending.get(conv.body as object);
      if (!turn) throw new Error('no pending turn for this request');
      try {
        conv.json(await turn.answer());
      } catch (error) {
        turn.failure = { error };
        throw error;
      }
    });
    apps.set(skillId, { key, app: built });
    return built;
  };

  app.post('/google/:skillId', async (c) => {
    const refuse = (status: 400 | 403 | 404, refusal: string, message: string) =>
      refusePlatformRequest(c, 'dialogflow', status, refusal, message);
    const skill = deps.skills.find(c.req.param('skillId'));
    if (!skill) return refuse(404, 'unknown_skill', `no skill ${c.req.param('skillId')}`);
    const { dialogflowHeaders } = await skillChannels(deps.store, skill.id);
    // A skill without verification headers is not served at all: an open fulfillment URL is a hole.
    if (!dialogflowHeaders || Object.keys(dialogflowHeaders).length === 0) {
      return refuse(403, 'not_configured', 'Dialogflow verification is not configured for this skill');
    }
    const headers = c.req.header();
    if (!headersMatch(dialogflowHeaders, headers)) {
      return refuse(403, 'verification_failed', 'verification headers missing or wrong');
    }

    let json: unknown;
    try {
      json = await c.req.json();
    } catch {
      return refuse(400, 'body_invalid', 'the body is not JSON');
    }
    const parsed = dialogflowRequestSchema.safeParse(json);
    if (!parsed.success) return refuse(400, 'body_invalid', 'the body is not a Dialogflow webhook request');
    const request: DialogflowRequest = parsed.data;
    // hearth does not use Google Sign-In: an idToken would make actions-on-google call Google to verify it.
    const payload = request.originalDetectIntentRequest?.payload as
      | { user?: { idToken?: unknown } }
      | undefined;
    if (payload?.user) delete payload.user.idToken;
    const forLibrary = {
      ...request,
      queryResult: {
        ...request.queryResult,
        intent: { ...request.queryResult.intent, displayName: LIBRARY_INTENT_NAME },
      },
    };

    // Loaded on the first request; that one-off load must not eat the turn's deadline.
    const library = await appFor(skill.id, dialogflowHeaders);
    const startedAt = performance.now();
    const turn: PendingTurn = {
      answer: async () => {
        const token = request.originalDetectIntentRequest?.payload?.accessToken;
        const linked = linkedHousehold(deps, skill, token, 'google');
        const raw = dialogflowTurn(request, { skill, language: deps.turns.language, now: deps.clock() });
        const { reply } = await runTurn(
          skill,
          {
            ...raw,
            ...(linked.read ? { household: linked.read } : {}),
            requestId: c.var.requestId,
            startedAt,
          },
          deps.turns,
        );
        return dialogflowResponse(reply, request.session);
      },
    };
    pending.set(forLibrary, turn);
    let result: { status: number; body: unknown };
    try {
      result = await library.handler(forLibrary as unknown as JsonObject, headers);
    } catch (error) {
      // A fault of ours goes to the one error handler (logged, 500/503); otherwise the library refused the body.
      if (turn.failure) throw turn.failure.error;
      c.var.log.warn(
        { err: { name: (error as Error)?.name } },
        'actions-on-google could not handle the request',
      );
      return refuse(400, 'body_invalid', 'the request could not be handled as a Dialogflow webhook request');
    }
    if (result.status !== 200)
      return refuse(403, 'verification_failed', 'verification headers missing or wrong');
    return c.json(result.body as Record<string, unknown>, 200);
  });
}
