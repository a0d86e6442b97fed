import { resolveLocale } from '../../runtime/locales.js';
import { LAUNCH, SESSION_ENDED } from '../../runtime/skill-definition.js';
import { parseSession, type SlotValue, type Turn, type TurnHousehold } from '../../runtime/turn.js';
import type { AlexaEnvelope, AlexaSlot } from './alexa-envelope.js';

/** Slot values longer than this are cut: nobody says 500 characters, and speech must stay within limits. */
const MAX_SLOT_CHARS = 500;

/** The runtime intent for an Alexa request type, or undefined for requests hearth does not answer with speech. */
export function intentOfRequest(envelope: AlexaEnvelope): string | undefined {
  switch (envelope.request.type) {
    case 'LaunchRequest':
      return LAUNCH;
    case 'SessionEndedRequest':
      return SESSION_ENDED;
    case 'IntentRequest':
      return envelope.request.intent?.name;
    default:
      return undefined;
  }
}

/** An Alexa slot as the runtime's slot value: entity resolution's canonical name and id when it matched. */
export function slotValueOf(slot: AlexaSlot): SlotValue | undefined {
  const raw = slot.value?.slice(0, MAX_SLOT_CHARS);
  if (raw === undefined || raw === '') return undefined;
  const match = slot.resolutions?.resolutionsPerAuthority?.find((r) => r.status.code === 'ER_SUCCESS_MATCH');
  const resolved = match?.values?.[0]?.value;
  return resolved
    ? { raw, value: resolved.name.slice(0, MAX_SLOT_CHARS), ...(resolved.id ? { id: resolved.id } : {}) }
    : { raw, value: raw };
}

/** Maps an Alexa request envelope to a Turn. */
export function alexaTurn(
  envelope: AlexaEnvelope,
  {
    skillId,
    intent,
    household,
    now,
  }: { skillId: string; intent: string; household?: TurnHousehold; now: Date },
): Turn {
  const slots: Record<string, SlotValue> = {};
  for (const [name, slot] of Object.entries(envelope.request.intent?.slots ?? {})) {
    const value = slotValueOf(slot);
    if (value) slots[name] = value;
  }
  return {
    channel: 'alexa',
    skillId,
    // The device's locale decides the language: a French speaker in a German household hears French.
    locale: resolveLocale(envelope.request.locale ?? household?.locale),
    ...(household ? { household } : {}),
    intent,
    slots,
    session: parseSession(envelope.session?.attributes ?? {}),
    now,
  };
}
