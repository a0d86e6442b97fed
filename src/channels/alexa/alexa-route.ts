import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Skill as CustomSkill } from 'ask-sdk-core';
import type { RequestEnvelope } from 'ask-sdk-model';
import { findSkill } from '../../../skills/index.js';
import type { AppEnv } from '../../http/app-env.js';
import { canonicalIntentName, ownIntent } from '../../runtime/skill-definition.js';
import { answerTurn } from '../answer-turn.js';
import { linkedHousehold } from '../linked-household.js';
import { refusePlatformRequest } from '../platform-refusal.js';
import type { SkillChannelsLookup } from '../skill-channels.js';
import { alexaEnvelopeSchema } from './alexa-envelope.js';
import { type AlexaInvocation, buildAlexaSkill } from './alexa-skill.js';
import { alexaTurn, intentOfRequest } from './alexa-turn.js';
import { type AlexaVerifier, createAlexaVerifier } from './verify-request.js';

export interface AlexaRouteOptions {
  /** Off only for local work (ALEXA_VERIFY_SIGNATURE=false): signature and timestamp are then not checked. */
  verifySignature: boolean;
  /** Injected by tests (a test CA); by default Amazon's rules against Node's trusted roots. */
  verifier?: AlexaVerifier;
}

/** `POST /alexa/:skillId`: verified as Amazon requires, then one hearth turn rendered by ask-sdk. */
export function registerAlexaRoute(
  app: OpenAPIHono<AppEnv>,
  options: AlexaRouteOptions,
  skillChannels: SkillChannelsLookup,
): void {
  const verifier = options.verifier ?? createAlexaVerifier();
  const skills = new Map<string, { applicationId: string; skill: CustomSkill }>();

  app.post('/alexa/:skillId', async (c) => {
    const startedAt = performance.now();
    const refuse = (status: 400 | 404, refusal: string, message: string) =>
      refusePlatformRequest(c, 'alexa', status, refusal, message);
    const definition = findSkill(c.req.param('skillId'));
    if (!definition) return refuse(404, 'unknown_skill', `no skill ${c.req.param('skillId')}`);
    const { deps } = c.var;

    const rawBody = await c.req.text();
    if (options.verifySignature) {
      const verdict = await verifier.verify({ rawBody, headers: c.req.header() });
      if (!verdict.ok) return refuse(400, verdict.code, verdict.reason);
    } else {
      c.var.log.warn('alexa signature and timestamp NOT verified (ALEXA_VERIFY_SIGNATURE=false)');
    }
    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      return refuse(400, 'body_invalid', 'the body is not JSON');
    }
    const parsed = alexaEnvelopeSchema.safeParse(json);
    if (!parsed.success) return refuse(400, 'body_invalid', 'the body is not an Alexa request envelope');
    const envelope = parsed.data;

    // The skill id check holds even when signature checks are off.
    const { alexaApplicationId } = await skillChannels(deps.store, definition.id);
    if (!alexaApplicationId || envelope.context.System.application.applicationId !== alexaApplicationId) {
      return refuse(400, 'skill_id_mismatch', 'the request is for another skill');
    }
    const intent = intentOfRequest(envelope);
    if (!intent) {
      // Requests hearth does not voice (skill events, display callbacks): acknowledge with an empty response.
      return c.json({ version: '1.0', response: {} });
    }

    let built = skills.get(definition.id);
    if (!built || built.applicationId !== alexaApplicationId) {
      built = { applicationId: alexaApplicationId, skill: buildAlexaSkill(definition, alexaApplicationId) };
      skills.set(definition.id, built);
    }

    const linked = await linkedHousehold(deps, envelope.context.System.user?.accessToken, 'alexa');
    const turn = alexaTurn(envelope, {
      skillId: definition.id,
      intent,
      ...(linked.household ? { household: linked.household } : {}),
      now: deps.clock(),
    });
    const canonical = canonicalIntentName(intent);
    const slots = ownIntent(definition, canonical)?.slots ?? {};
    const requiredMissing = Object.entries(slots).some(([name, slot]) => slot.required && !turn.slots[name]);
    const dialogOpen =
      envelope.request.dialogState === 'STARTED' || envelope.request.dialogState === 'IN_PROGRESS';
    const invocation: AlexaInvocation = {
      turn,
      envelope,
      // A store that did not answer is no reason to ask the user to link again.
      linked: Boolean(linked.household || linked.unavailable),
      delegate: requiredMissing && dialogOpen,
      answer: (t) => answerTurn(deps, definition, t, { requestId: c.var.requestId, startedAt }),
    };
    const response = await built.skill.invoke(json as RequestEnvelope, invocation);
    return c.json(response);
  });
}
