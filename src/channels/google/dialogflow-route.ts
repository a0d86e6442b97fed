import { timingSafeEqual } from 'node:crypto';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { JsonObject } from 'actions-on-google';
import type { HttpEnv } from '../../http/http-env.js';
import { createGrantUseRecorder } from '../../linking/grant-use.js';
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
 * What the one fallback handler runs for a request, keyed by the body object handed
 * to the library; the answer and a fault of ours come back here, never through the
 * library (its debug log prints every response it builds).
 */
type PendingTurn = {
  run: () => Promise<Record<string, unknown>>;
  answer?: Record<string, unknown>;
  failure?: { error: unknown };
};

/**
 * The library's intent dispatcher looks names up on a plain object, so a display
 * name like `constructor` would reach Object.prototype; hearth maps intents
 * itself, and the library only ever sees this name (and falls back to our handler).
 */
const LIBRARY_INTENT_NAME = 'hearth';

/**
 * What actions-on-google is handed of a request: with `DEBUG=actions-on-google:*` it
 * prints the body and headers it gets, around hearth's redacting logger. So it gets no
 * headers (hearth checks them), no token, nothing that was said, and builds no reply:
 * only the session, the language and the one intent name that reaches our fallback.
 */
function libraryView(request: DialogflowRequest): JsonObject {
  return {
    session: request.session,
    queryResult: {
      languageCode: request.queryResult.languageCode,
      intent: { displayName: LIBRARY_INTENT_NAME },
    },
  };
}

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
 * `dialogflow()`. hearth checks the skill's verification headers itself, in constant
 * time and before the body is read, and reads the body itself; the library dispatches
 * a view of it that carries no secret (`libraryView`) to the one handler, which runs the turn.
 */
export function registerDialogflowRoute(
  app: OpenAPIHono<HttpEnv>,
  deps: ChannelDeps,
  skillChannels: SkillChannelsLookup,
): void {
  const pending = new WeakMap<object, PendingTurn>();
  let library: Promise<DialogflowHandler> | undefined;
  // When each grant was last used (Dialogflow names no user hearth could rely on).
  const grantUse = createGrantUseRecorder({ store: deps.store });

  // actions-on-google pulls in much of googleapis: load it on the first Dialogflow request, not at start.
  const loadLibrary = async (): Promise<DialogflowHandler> => {
    const { dialogflow } = await import('actions-on-google');
    const built = dialogflow();
    built.fallback(async (conv) => {
      const turn = pending.get(conv.body as object);
      if (!turn) throw new Error('no pending turn for this request');
      try {
        turn.answer = await turn.run();
      } catch (error) {
        turn.failure = { error };
        throw error;
      }
      conv.json({});
    });
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

    // Loaded on the first request; that one-off load must not eat the turn's deadline.
    library ??= loadLibrary();
    const handler = await library.catch((error: unknown) => {
      library = undefined; // a failed load is tried again on the next request
      throw error;
    });
    const startedAt = performance.now();
    const turn: PendingTurn = {
      run: async () => {
        const token = request.originalDetectIntentRequest?.payload?.accessToken;
        const linked = linkedHousehold(deps, skill, token, 'dialogflow');
        const raw = dialogflowTurn(request, { skill, language: deps.turns.language, now: deps.clock() });
        const { reply, household } = await runTurn(
          skill,
          {
            ...raw,
            ...(linked.read ? { household: linked.read } : {}),
            requestId: c.var.requestId,
            startedAt,
          },
          deps.turns,
        );
        if (linked.claims && household === 'ok') {
          grantUse.note(
            { householdId: linked.claims.householdId, grantId: linked.claims.grantId },
            c.var.log,
          );
        }
        return dialogflowResponse(reply, request.session);
      },
    };
    const forLibrary = libraryView(request);
    pending.set(forLibrary, turn);
    try {
      // No headers: the library's debug log would print the verification secret.
      await handler.handler(forLibrary, {});
    } catch (error) {
      // A fault of ours goes to the one error handler (logged, 500/503); otherwise the library refused the body.
      if (turn.failure) throw turn.failure.error;
      c.var.log.warn(
        { err: { name: (error as Error)?.name } },
        'actions-on-google could not handle the request',
      );
      return refuse(400, 'body_invalid', 'the request could not be handled as a Dialogflow webhook request');
    }
    if (!turn.answer) throw new Error('actions-on-google answered without running the turn');
    return c.json(turn.answer, 200);
  });
}
