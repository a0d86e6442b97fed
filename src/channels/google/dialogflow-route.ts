import type { OpenAPIHono } from '@hono/zod-openapi';
import { dialogflow } from 'actions-on-google';
import type { Context } from 'hono';
import { findSkill } from '../../../skills/index.js';
import type { AppEnv } from '../../http/app-env.js';
import { loadDefaultLanguage } from '../../runtime/run-turn.js';
import { answerTurn } from '../answer-turn.js';
import { linkedHousehold } from '../linked-household.js';
import { createSkillChannelsCache } from '../skill-channels.js';
import { type DialogflowRequest, dialogflowRequestSchema } from './dialogflow-request.js';
import { dialogflowResponse } from './dialogflow-response.js';
import { dialogflowTurn } from './dialogflow-turn.js';

const createDialogflowApp = (headers: Record<string, string>) => dialogflow({ verification: headers });
type DialogflowApp = ReturnType<typeof createDialogflowApp>;
/** What the one fallback handler needs to answer a request, keyed by the request body object. */
type PendingTurn = { answer: () => Promise<Record<string, unknown>> };

function refuse(c: Context<AppEnv>, status: 400 | 403 | 404, code: string, message: string) {
  c.var.log.warn({ code }, 'dialogflow request refused');
  return c.json({ error: code, message }, status);
}

/**
 * `POST /google/:skillId`: Dialogflow ES fulfillment through actions-on-google's
 * `dialogflow({ verification })`, which refuses requests without the headers
 * configured for the skill (403) before any hearth code runs.
 */
export function registerDialogflowRoute(app: OpenAPIHono<AppEnv>): void {
  const pending = new WeakMap<object, PendingTurn>();
  const apps = new Map<string, { key: string; app: DialogflowApp }>();
  let channels: ReturnType<typeof createSkillChannelsCache> | undefined;

  const appFor = (skillId: string, headers: Record<string, string>): DialogflowApp => {
    const key = JSON.stringify(Object.entries(headers).sort());
    const existing = apps.get(skillId);
    if (existing && existing.key === key) return existing.app;
    const built = createDialogflowApp(headers);
    built.fallback(async (conv) => {
      const turn = pending.get(conv.body as object);
      if (!turn) throw new Error('no pending turn for this request');
      conv.json(await turn.answer());
    });
    apps.set(skillId, { key, app: built });
    return built;
  };

  app.post('/google/:skillId', async (c) => {
    const skill = findSkill(c.req.param('skillId'));
    if (!skill) return refuse(c, 404, 'unknown_skill', `no skill ${c.req.param('skillId')}`);
    const { deps } = c.var;
    channels ??= createSkillChannelsCache(deps.store);
    const { dialogflowHeaders } = await channels(skill.id);
    // A skill without verification headers is not served at all: an open fulfillment URL is a hole.
    if (!dialogflowHeaders || Object.keys(dialogflowHeaders).length === 0) {
      return refuse(c, 403, 'not_configured', 'Dialogflow verification is not configured for this skill');
    }
    let json: unknown;
    try {
      json = await c.req.json();
    } catch {
      return refuse(c, 400, 'body_invalid', 'the body is not JSON');
    }
    const parsed = dialogflowRequestSchema.safeParse(json);
    if (!parsed.success)
      return refuse(c, 400, 'body_invalid', 'the body is not a Dialogflow webhook request');
    const body: DialogflowRequest = parsed.data;
    // hearth does not use Google Sign-In: an idToken would make actions-on-google call Google to verify it.
    const payload = body.originalDetectIntentRequest?.payload as { user?: { idToken?: unknown } } | undefined;
    if (payload?.user) delete payload.user.idToken;

    pending.set(body, {
      answer: async () => {
        const token = body.originalDetectIntentRequest?.payload?.accessToken;
        const linked = await linkedHousehold(deps, token, 'google');
        const turn = dialogflowTurn(body, {
          skill,
          language: loadDefaultLanguage(),
          ...(linked.household ? { household: linked.household } : {}),
          now: deps.clock(),
        });
        const reply = await answerTurn(deps, skill, turn, { requestId: c.var.requestId });
        return dialogflowResponse(reply, body.session);
      },
    });
    const result = await appFor(skill.id, dialogflowHeaders).handler(body, c.req.header());
    if (result.status !== 200)
      return refuse(c, 403, 'verification_failed', 'verification headers missing or wrong');
    return c.json(result.body as Record<string, unknown>, 200);
  });
}
