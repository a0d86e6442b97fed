import type { LanguageData } from '../../runtime/i18n.js';
import { resolveLocale } from '../../runtime/locales.js';
import { knownIntent, type RawTurn } from '../../runtime/normalise-turn.js';
import {
  canonicalIntentName,
  LAUNCH,
  ownIntent,
  type SkillDefinition,
} from '../../runtime/skill-definition.js';
import { MAX_SESSION_BYTES, type SlotValue } from '../../runtime/turn.js';
import { type DialogflowRequest, SESSION_CONTEXT } from './dialogflow-request.js';

/** The runtime intent for a Dialogflow display name: the agent's `Launch` (WELCOME event) opens the session. */
export function intentOfDisplayName(displayName: string): string {
  if (displayName === 'Launch' || displayName === 'Default Welcome Intent') return LAUNCH;
  if (displayName === 'Default Fallback Intent') return 'AMAZON.FallbackIntent';
  return canonicalIntentName(displayName);
}

function sessionOf(request: DialogflowRequest): unknown {
  const context = request.queryResult.outputContexts?.find((c) =>
    c.name.endsWith(`/contexts/${SESSION_CONTEXT}`),
  );
  const state = context?.parameters?.state;
  // Larger than a session may be (checked again by parseSession): not worth parsing.
  if (typeof state !== 'string' || Buffer.byteLength(state) > MAX_SESSION_BYTES) return {};
  try {
    return JSON.parse(state);
  } catch {
    return {}; // not JSON
  }
}

/** Maps a Dialogflow webhook request to a raw turn; custom entity values arrive as stable ids (see the agent build). */
export function dialogflowTurn(
  request: DialogflowRequest,
  { skill, language, now }: { skill: SkillDefinition; language: LanguageData; now: Date },
): RawTurn {
  const locale = resolveLocale(request.queryResult.languageCode);
  const intent = knownIntent(skill, intentOfDisplayName(request.queryResult.intent.displayName));
  const definitions = ownIntent(skill, intent)?.slots ?? {};
  const slots: Record<string, SlotValue> = {};
  for (const [name, raw] of Object.entries(request.queryResult.parameters ?? {})) {
    const definition = Object.hasOwn(definitions, name) ? definitions[name] : undefined;
    if (!definition || (typeof raw !== 'string' && typeof raw !== 'number')) continue;
    const text = String(raw);
    if (text === '') continue;
    if (definition.type === 'AMAZON.NUMBER') {
      slots[name] = { raw: text, value: text };
      continue;
    }
    const localised = language.valueName(skill, locale, definition.type, text);
    slots[name] = localised === text ? { raw: text, value: text } : { raw: text, value: localised, id: text };
  }
  return { channel: 'google', locale, intent, slots, session: sessionOf(request), now };
}
