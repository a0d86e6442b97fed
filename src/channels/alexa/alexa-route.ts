import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Skill as CustomSkill } from 'ask-sdk-core';
import type { HttpEnv } from '../../http/http-env.js';
import { createGrantUseRecorder, type GrantUse } from '../../linking/grant-use.js';
import { runTurn } from '../../runtime/run-turn.js';
import { canonicalIntentName, ownIntent } from '../../runtime/skill-definition.js';
import type { ChannelDeps } from '../channel-deps.js';
import { linkedHousehold } from '../linked-household.js';
import { refusePlatformRequest } from '../platform-refusal.js';
import type { SkillChannelsLookup } from '../skill-channels.js';
import { alexaEnvelopeSchema, envelopeForSdk } from './alexa-envelope.js';
import { type AlexaInvocation, buildAlexaSkill } from './alexa-skill.js';
import { handleSkillEvent } from './alexa-skill-events.js';
import { alexaTurn, intentOfRequest } from './alexa-turn.js';
import { type AlexaVerifier, createAlexaVerifier } from './verify-request.js';

export interface AlexaRouteOptions {
  /** Off only for local work (ALEXA_VERIFY_SIGNATURE=false): signature and timestamp are then not checked. */
  verifySignature: boolean;
  /** Injected by tests (a test CA); by default Amazon's rules against Node's trusted roots. */
  verifier?: AlexaVerifier;
}

/** How often a service with signature checks off says so again. */
const UNVERIFIED_WARNING_EVERY_MS = 60_000;

/** `POST /alexa/:skillId`: verified as Amazon requires, then one hearth turn rendered by ask-sdk. */
export function registerAlexaRoute(
  app: OpenAPIHono<HttpEnv>,
  deps: ChannelDeps,
  options: AlexaRouteOptions,
  skillChannels: SkillChannelsLookup,
): void {
  let verifier = options.verifier;
  const skills = new Map<string, { applicationId: string; skill: CustomSkill }>();
  let lastUnverifiedWarning = Number.NEGATIVE_INFINITY;
  // Which grants this app has seen used, and by which Alexa user: recorded after the reply.
  const grantUse = createGrantUseRecorder({ store: deps.store });

  app.post('/alexa/:skillId', async (c) => {
    const startedAt = performance.now();
    const refuse = (status: 400 | 404, refusal: string, message: string) =>
      refusePlatformRequest(c, 'alexa', status, refusal, message);
    const definition = deps.skills.find(c.req.param('skillId'));
    if (!definition) return refuse(404, 'unknown_skill', `no skill ${c.req.param('skillId')}`);

    // Cheap checks first (JSON, envelope, this skill's application id), so that
    // a request that could never pass costs no certificate fetch; the verifier
    // then checks the headers and the timestamp before it fetches anything.
    const rawBody = await c.req.text();
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

    if (options.verifySignature) {
      verifier ??= createAlexaVerifier();
      const verdict = await verifier.verify({ rawBody, headers: c.req.header() });
      if (!verdict.ok) return refuse(400, verdict.code, verdict.reason);
    } else {
      // Said at start, then at most once a minute: loud enough to notice, not a log line per turn.
      if (performance.now() - lastUnverifiedWarning >= UNVERIFIED_WARNING_EVERY_MS) {
        lastUnverifiedWarning = performance.now();
        c.var.log.warn('alexa signature and timestamp NOT verified (ALEXA_VERIFY_SIGNATURE=false)');
      }
    }
    const intent = intentOfRequest(envelope);
    if (!intent) {
      // Requests hearth does not voice (skill events, display callbacks): acknowledge with an empty response.
      const events = { store: deps.store, signer: deps.signer, grantUse };
      await handleSkillEvent(events, { skillId: definition.id, envelope, log: c.var.log });
      return c.json({ version: '1.0', response: {} });
    }

    let built = skills.get(definition.id);
    if (!built || built.applicationId !== alexaApplicationId) {
      built = { applicationId: alexaApplicationId, skill: buildAlexaSkill(definition, alexaApplicationId) };
      skills.set(definition.id, built);
    }

    const { accessToken, userId } = envelope.context.System.user ?? {};
    const linked = linkedHousehold(deps, definition, accessToken, 'alexa');
    let used: GrantUse | undefined;
    const raw = alexaTurn(envelope, { intent, now: deps.clock() });
    const slots = ownIntent(definition, canonicalIntentName(intent))?.slots ?? {};
    const requiredMissing = Object.entries(slots).some(([name, slot]) => slot.required && !raw.slots[name]);
    const dialogOpen =
      envelope.request.dialogState === 'STARTED' || envelope.request.dialogState === 'IN_PROGRESS';
    const invocation: AlexaInvocation = {
      envelope,
      delegate: requiredMissing && dialogOpen,
      answer: async () => {
        const outcome = await runTurn(
          definition,
          {
            ...raw,
            ...(linked.read ? { household: linked.read } : {}),
            requestId: c.var.requestId,
            startedAt,
          },
          deps.turns,
        );
        // A store that did not answer is no reason to ask the user to link again.
        const isLinked =
          linked.read !== undefined && outcome.household !== 'revoked' && outcome.household !== 'gone';
        if (linked.claims && outcome.household === 'ok') {
          const { householdId, grantId } = linked.claims;
          const user = userId ? { platform: 'alexa' as const, skillId: definition.id, userId } : undefined;
          used = { householdId, grantId, ...(user ? { user } : {}) };
        }
        return { reply: outcome.reply, intent: outcome.turn.intent, linked: isLinked };
      },
    };
    const response = await built.skill.invoke(envelopeForSdk(json), invocation);
    // A grant's first use (per process, then daily) records its Alexa user: written after this reply.
    if (used) grantUse.note(used, c.var.log);
    return c.json(response);
  });
}
