import { withDeadline } from '../async/with-deadline.js';
import type { AppDeps } from '../http/app-env.js';
import { noConsentGate } from '../runtime/consent-gate.js';
import { loadDefaultLanguage, runTurn } from '../runtime/run-turn.js';
import type { SkillDefinition } from '../runtime/skill-definition.js';
import { renderSsml } from '../runtime/ssml.js';
import type { Reply, Turn } from '../runtime/turn.js';
import { GATE_BUDGET_MS, gateWithDeadline, HANDLER_RESERVE_MS, TURN_DEADLINE_MS } from './turn-deadline.js';

/**
 * The one path from a channel to a skill: the household's consent gate (or
 * none for an anonymous turn) under a deadline, the runtime, and a short
 * apology in the turn's language if the whole turn overruns. Every channel
 * calls this; none reads household data any other way.
 */
export async function answerTurn(
  deps: Pick<AppDeps, 'consent' | 'logger'>,
  skill: SkillDefinition,
  turn: Turn,
  {
    requestId,
    startedAt = performance.now(),
  }: {
    requestId?: string;
    /** When the request arrived (`performance.now()`): what the channel spent before counts against the deadline. */
    startedAt?: number;
  } = {},
): Promise<Reply> {
  const log = deps.logger.child({ requestId, skillId: skill.id, channel: turn.channel });
  const remaining = Math.max(0, TURN_DEADLINE_MS - (performance.now() - startedAt));
  const gate = turn.household
    ? gateWithDeadline(
        deps.consent({ householdId: turn.household.id, brandId: skill.brandId }),
        Math.min(GATE_BUDGET_MS, Math.max(0, remaining - HANDLER_RESERVE_MS)),
        (why) => log.warn({ why }, 'consent gate too slow; answering non-personally'),
      )
    : noConsentGate;
  const reply = runTurn(skill, turn, { consent: gate, logger: log });
  return withDeadline(reply, remaining, () => {
    log.warn({ intent: turn.intent }, 'turn overran its deadline; apologising');
    const t = loadDefaultLanguage().translator(skill.id, turn.locale);
    const speech = t('errors.apology');
    const reply: Reply = {
      locale: turn.locale,
      speech,
      ssml: renderSsml(speech),
      text: speech,
      suggestions: [],
      endSession: false,
      session: turn.session,
      used: [],
    };
    return reply;
  });
}
