import { resolveLocale } from '../../runtime/locales.js';
import type { RawTurn } from '../../runtime/normalise-turn.js';
import { LAUNCH, SESSION_ENDED } from '../../runtime/skill-definition.js';
import type { SlotValue } from '../../runtime/turn.js';
import type { AlexaEnvelope, AlexaSlot } from './alexa-envelope.js';

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

/** An Alexa slot as the runtime's slot value: entity resolution's canonical name and id when it matched (bounded by the pipeline). */
export function slotValueOf(slot: AlexaSlot): SlotValue | undefined {
  const raw = slot.value;
  if (raw === undefined || raw === '') return undefined;
  const match = slot.resolutions?.resolutionsPerAuthority?.find((r) => r.status.code === 'ER_SUCCESS_MATCH');
  const resolved = match?.values?.[0]?.value;
  return resolved
    ? { raw, value: resolved.name, ...(resolved.id ? { id: resolved.id } : {}) }
    : { raw, value: raw };
}

/** Maps an Alexa request envelope to a raw turn for the pipeline. */
export function alexaTurn(envelope: AlexaEnvelope, { intent, now }: { intent: string; now: Date }): RawTurn {
  const slots: Record<string, SlotValue> = {};
  for (const [name, slot] of Object.entries(envelope.request.intent?.slots ?? {})) {
    const value = slotValueOf(slot);
    if (value) slots[name] = value;
  }
  return {
    channel: 'alexa',
    // The device's locale decides the language: a French speaker in a German household hears French.
    locale: resolveLocale(envelope.request.locale),
    intent,
    slots,
    session: envelope.session?.attributes ?? {},
    now,
  };
}
