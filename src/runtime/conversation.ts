/**
 * A conversation with one skill outside any channel: typed text goes through
 * the local matcher, then the real runtime; session state carries over like
 * on a speaker. The simulator, replay files and the vitest helpers use it.
 */
import type { ConsentGate } from './consent-gate.js';
import { loadDefaultLanguage } from './default-language.js';
import type { EffectWriter } from './effects.js';
import type { LanguageData } from './i18n.js';
import type { Locale } from './locales.js';
import type { Expectation, Matcher } from './matcher.js';
import { ELICIT_KEY } from './normalise-turn.js';
import { resolveSlots } from './resolve-slots.js';
import { type HouseholdRead, runTurn, type TurnLogger } from './run-turn.js';
import { canonicalIntentName, LAUNCH, type SkillDefinition } from './skill-definition.js';
import type { SkillServices } from './skill-services.js';
import type { Channel, Reply, SessionState, SlotValue, TurnDevice, TurnHousehold } from './turn.js';
import { type Understood, understoodOf } from './understood.js';

/**
 * A reply together with what the turn was (its intent and slots, as the runtime ran it) and,
 * for typed text, what the matcher understood (slots gathered earlier in an elicitation are
 * in `slots`, not in `understood`).
 */
export type TurnResult = Reply & {
  intent: string;
  slots: Record<string, SlotValue>;
  understood?: Understood;
};

export type ConversationOptions = {
  locale: Locale;
  household?: TurnHousehold;
  device?: TurnDevice;
  /** What the household granted, by purpose; without one nothing is granted. */
  consent?: ConsentGate;
  /** Domain services for handlers. */
  services?: SkillServices;
  /** Where handlers' writes go; without one they are refused (logged). */
  effects?: EffectWriter;
  /** The request clock; defaults to the real time. */
  now?: () => Date;
  channel?: Channel;
  language?: LanguageData;
  logger?: TurnLogger;
};

export type Conversation = {
  /** Open the session (Alexa's LaunchRequest). */
  launch(): Promise<TurnResult>;
  /** Say or type something; it is matched against the skill's samples in the conversation's locale. */
  say(text: string): Promise<TurnResult>;
  /** Send an intent directly, as a screen action does; slot values may be ids, values or synonyms. */
  send(intent: string, slots?: Record<string, string>): Promise<TurnResult>;
  /** The current session state. */
  readonly session: SessionState;
};

/** The matcher of a skill in a locale (kept by the language data it was built from). */
export function matcherFor(
  skill: SkillDefinition,
  locale: Locale,
  language: LanguageData = loadDefaultLanguage(),
): Matcher {
  return language.matcher(skill, locale);
}

/** The slot the runtime is waiting for, read from the session. */
export function expectationOf(session: SessionState): Expectation | undefined {
  const value = session[ELICIT_KEY];
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return typeof value.intent === 'string' && typeof value.slot === 'string'
    ? { intent: value.intent, slot: value.slot }
    : undefined;
}

/** Start a conversation with a skill. */
export function createConversation(skill: SkillDefinition, options: ConversationOptions): Conversation {
  const language = options.language ?? loadDefaultLanguage();
  const { household, consent } = options;
  const read: HouseholdRead | undefined = household
    ? async (purposes) => ({
        status: 'ok',
        household,
        context: consent ? await consent.read(purposes) : { granted: [], documents: {} },
      })
    : undefined;
  let session: SessionState = {};

  async function turn(
    intent: string,
    slots: Record<string, SlotValue>,
    understood?: Understood,
  ): Promise<TurnResult> {
    const outcome = await runTurn(
      skill,
      {
        channel: options.channel ?? 'simulator',
        locale: options.locale,
        ...(options.device ? { device: options.device } : {}),
        intent,
        slots,
        session,
        now: options.now?.() ?? new Date(),
        ...(read ? { household: read } : {}),
      },
      {
        language,
        ...(options.logger ? { logger: options.logger } : {}),
        ...(options.services ? { services: options.services } : {}),
        ...(options.effects ? { effects: options.effects } : {}),
      },
    );
    const { reply } = outcome;
    session = reply.endSession ? {} : reply.session;
    const filled: Record<string, SlotValue> = {};
    for (const [name, value] of Object.entries(outcome.turn.slots)) if (value) filled[name] = value;
    return { ...reply, intent: outcome.turn.intent, slots: filled, ...(understood ? { understood } : {}) };
  }

  return {
    launch: () => turn(LAUNCH, {}),
    say(text) {
      const matched = matcherFor(skill, options.locale, language).match(text, expectationOf(session));
      return turn(matched.intent, matched.slots, understoodOf(matched));
    },
    send(intent, slots = {}) {
      const name = canonicalIntentName(intent);
      return turn(name, resolveSlots(skill, options.locale, name, slots, language));
    },
    get session() {
      return session;
    },
  };
}
