/**
 * The turn runtime: Turn -> handler -> Reply. Channels, screens, the
 * simulator and brand tests all call `runTurn`; it never throws for a
 * handler's failure (the skill apologises in the turn's language instead).
 */
import { type ConsentGate, recordingGate } from './consent-gate.js';
import { createLanguageData, type LanguageData } from './i18n.js';
import { readLocaleFiles } from './locale-files.js';
import { defaultLocalesDir } from './package-root.js';
import {
  type BuiltInIntent,
  canonicalIntentName,
  type Handler,
  type HandlerContext,
  isBuiltInIntent,
  LAUNCH,
  ownIntent,
  SESSION_ENDED,
  type SkillDefinition,
} from './skill-definition.js';
import { renderSsml } from './ssml.js';
import type { JsonValue, Reply, ReplyDraft, SessionState, SlotValue, Turn } from './turn.js';

/** Session key under which the runtime remembers a slot it is asking for. */
export const ELICIT_KEY = '_elicit';

/** Where a handler failure is reported; pino's logger fits. */
export type TurnLogger = { error: (details: Record<string, unknown>, message: string) => void };

export type TurnDeps = {
  consent: ConsentGate;
  /** Responses and slot values; defaults to the repo's locales/ read once. */
  language?: LanguageData;
  logger?: TurnLogger;
};

let defaultLanguage: LanguageData | undefined;

/** The language data of the package's own locales/ (read once per process). */
export function loadDefaultLanguage(): LanguageData {
  defaultLanguage ??= createLanguageData(readLocaleFiles(defaultLocalesDir()));
  return defaultLanguage;
}

const builtInHandlers: Record<BuiltInIntent, Handler> = {
  'AMAZON.HelpIntent': (_turn, { t }) => ({ speech: t('help.speech'), reprompt: t('help.reprompt') }),
  'AMAZON.StopIntent': (_turn, { t }) => ({ speech: t('stop.speech'), endSession: true, session: {} }),
  'AMAZON.CancelIntent': (_turn, { t }) => ({ speech: t('cancel.speech'), endSession: true, session: {} }),
  'AMAZON.FallbackIntent': (_turn, { t }) => ({
    speech: t('fallback.speech'),
    reprompt: t('fallback.reprompt'),
  }),
  'AMAZON.NavigateHomeIntent': (_turn, { t }) => ({
    speech: t('navigateHome.speech'),
    endSession: true,
    session: {},
  }),
  'AMAZON.YesIntent': (_turn, { t }) => ({ speech: t('yesNo.noQuestion'), reprompt: t('help.reprompt') }),
  'AMAZON.NoIntent': (_turn, { t }) => ({ speech: t('yesNo.noQuestion'), reprompt: t('help.reprompt') }),
};

const defaultLaunch: Handler = (_turn, { t }) => ({
  speech: t('launch.speech'),
  reprompt: t('launch.reprompt'),
});

type Elicitation = { intent: string; slot: string; slots: Record<string, SlotValue> };

function readElicitation(session: SessionState): Elicitation | undefined {
  const value = session[ELICIT_KEY];
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const { intent, slot, slots } = value;
  if (
    typeof intent !== 'string' ||
    typeof slot !== 'string' ||
    !slots ||
    typeof slots !== 'object' ||
    Array.isArray(slots)
  ) {
    return undefined;
  }
  const filled: Record<string, SlotValue> = {};
  for (const [name, v] of Object.entries(slots)) {
    if (
      v &&
      typeof v === 'object' &&
      !Array.isArray(v) &&
      typeof v.raw === 'string' &&
      typeof v.value === 'string'
    ) {
      filled[name] = { raw: v.raw, value: v.value, ...(typeof v.id === 'string' ? { id: v.id } : {}) };
    }
  }
  return { intent, slot, slots: filled };
}

function withoutElicitation(session: SessionState): SessionState {
  const { [ELICIT_KEY]: _dropped, ...rest } = session;
  return rest;
}

function complete(turn: Turn, draft: ReplyDraft, used: Reply['used']): Reply {
  const endSession = draft.endSession ?? false;
  return {
    locale: turn.locale,
    speech: draft.speech,
    ssml: renderSsml(draft.speech),
    text: draft.text ?? draft.speech,
    ...(draft.card ? { card: draft.card } : {}),
    suggestions: draft.suggestions ?? [],
    ...(draft.reprompt !== undefined && !endSession
      ? { reprompt: draft.reprompt, repromptSsml: renderSsml(draft.reprompt) }
      : {}),
    endSession,
    session: endSession ? {} : (draft.session ?? withoutElicitation(turn.session)),
    used,
  };
}

/** Pick the handler for a turn; unknown intents (own properties only: never `constructor`) get the fallback. */
function handlerFor(skill: SkillDefinition, intent: string): Handler {
  if (intent === LAUNCH) return skill.launch ?? defaultLaunch;
  // A built-in name is one of BUILT_IN_INTENTS, none of which Object.prototype has.
  if (isBuiltInIntent(intent)) return skill.builtIns?.[intent] ?? builtInHandlers[intent];
  const own = ownIntent(skill, intent);
  if (own) return own.handle;
  return skill.builtIns?.['AMAZON.FallbackIntent'] ?? builtInHandlers['AMAZON.FallbackIntent'];
}

/** Run one turn of `skill`: elicit missing required slots, call the handler, render the reply. Never throws. */
export async function runTurn(skill: SkillDefinition, turn: Turn, deps: TurnDeps): Promise<Reply> {
  const language = deps.language ?? loadDefaultLanguage();
  const t = language.translator(skill.id, turn.locale);
  const intent = canonicalIntentName(turn.intent);
  if (intent === SESSION_ENDED) return complete(turn, { speech: '', endSession: true }, []);

  // Continue a slot elicitation: keep the slots gathered so far.
  const pending = readElicitation(turn.session);
  let slots: Record<string, SlotValue> = {};
  for (const [name, value] of Object.entries(turn.slots)) if (value) slots[name] = value;
  if (pending && pending.intent === intent) slots = { ...pending.slots, ...slots };
  const current: Turn = { ...turn, intent, slots, session: withoutElicitation(turn.session) };

  const definition = ownIntent(skill, intent);
  for (const [name, slot] of Object.entries(definition?.slots ?? {})) {
    if (slot.required && !slots[name]) {
      const prompt = t(slot.prompt ?? 'help.reprompt');
      const elicit: { [key: string]: JsonValue } = { intent, slot: name, slots: { ...slots } };
      return complete(
        current,
        { speech: prompt, reprompt: prompt, session: { ...current.session, [ELICIT_KEY]: elicit } },
        [],
      );
    }
  }

  const recorder = recordingGate(deps.consent);
  const context: HandlerContext = {
    t,
    consent: recorder.gate,
    now: turn.now,
    locale: turn.locale,
    valueName: (type, id) => language.valueName(skill, turn.locale, type, id),
  };
  try {
    const draft = await handlerFor(skill, intent)(current, context);
    return complete(current, draft, recorder.used());
  } catch (error) {
    deps.logger?.error(
      { err: error, skillId: skill.id, intent, locale: turn.locale, channel: turn.channel },
      'skill handler failed',
    );
    const apology = t('errors.apology');
    return complete(current, { speech: apology, reprompt: t('help.reprompt') }, []);
  }
}
