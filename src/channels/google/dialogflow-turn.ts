import type { LanguageData } from '../../runtime/i18n.js';
import { resolveLocale } from '../../runtime/locales.js';
import { canonicalIntentName, LAUNCH, type SkillDefinition } from '../../runtime/skill-definition.js';
import {
  MAX_SESSION_BYTES,
  parseSession,
  type SlotValue,
  type Turn,
  type TurnHousehold,
} from '../../runtime/turn.js';
import { type DialogflowRequest, SESSION_CONTEXT } from './dialogflow-request.js';

const MAX_SLOT_CHARS = 500;

/** The runtime intent for a Dialogflow display name: the agent's `Launch` (WELCOME event) opens the session. */
export function intentOfDisplayName(displayName: string): string {
  if (displayName === 'Launch' || displayName === 'Default Welcome Intent') return LAUNCH;
  if (displayName === 'Default Fallback Intent') return 'AMAZON.FallbackIntent';
  return canonicalIntentName(displayName);
}

function sessionOf(request: DialogflowRequest) {
  const context = request.queryResult.outputContexts?.find((c) =>
    c.name.endsWith(`/contexts/${SESSION_CONTEXT}`),
  );
  const state = context?.parameters?.state;
  // Larger than a session may be (checked again by parseSession): not worth parsing.
  if (typeof state !== 'string' || Buffer.byteLength(state) > MAX_SESSION_BYTES) return {};
  try {
    return parseSession(JSON.parse(state));
  } catch {
    return {}; // not JSON
  }
}

/** Maps a Dialogflow webhook request to a Turn; custom entity values arrive as stable ids (see the agent build). */
export function dialogflowTurn(
  request: DialogflowRequest,
  {
    skill,
    language,
    household,
    now,
  }: { skill: SkillDefinition; language: LanguageData; household?: TurnHousehold; now: Date },
): Turn {
  const locale = resolveLocale(request.queryResult.languageCode);
  const intent = intentOfDisplayName(request.queryResult.intent.displayName);
  const definitions = skill.intents[intent]?.slots ?? {};
  const slots: Record<string, SlotValue> = {};
  for (const [name, raw] of Object.entries(request.queryResult.parameters ?? {})) {
    const definition = definitions[name];
    if (!definition || (typeof raw !== 'string' && typeof raw !== 'number')) continue;
    const text = String(raw).slice(0, MAX_SLOT_CHARS);
    if (text === '') continue;
    if (definition.type === 'AMAZON.NUMBER') {
      slots[name] = { raw: text, value: text };
      continue;
    }
    const localised = language.valueName(skill, locale, definition.type, text);
    slots[name] = localised === text ? { raw: text, value: text } : { raw: text, value: localised, id: text };
  }
  return {
    channel: 'google',
    skillId: skill.id,
    locale,
    ...(household ? { household } : {}),
    intent,
    slots,
    session: sessionOf(request),
    now,
  };
}
