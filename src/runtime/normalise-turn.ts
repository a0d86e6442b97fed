/**
 * The one normalisation of a turn, whatever the channel: intent names are
 * canonical and looked up as the skill's own (never `constructor`), slots are
 * only those the intent defines, each bounded, session state is parsed within
 * its bounds, and a slot elicitation in progress keeps what it gathered.
 */
import type { Locale } from './locales.js';
import {
  canonicalIntentName,
  isBuiltInIntent,
  LAUNCH,
  ownIntent,
  SESSION_ENDED,
  type SkillDefinition,
} from './skill-definition.js';
import { parseSession, type SessionState, type SlotValue, type Turn, type TurnDevice } from './turn.js';

/** Session key under which the runtime remembers a slot it is asking for. */
export const ELICIT_KEY = '_elicit';

/** What no sample matched or no skill knows. */
export const FALLBACK_INTENT = 'AMAZON.FallbackIntent';

/** Longest slot value kept (what was heard, the resolved value, the id): nobody says 500 characters. */
export const MAX_SLOT_CHARS = 500;
/** Most slots an intent may carry. */
export const MAX_SLOTS = 10;

/** A turn as a channel hands it over: platform JSON mapped, nothing yet trusted. */
export type RawTurn = {
  channel: Turn['channel'];
  locale: Locale;
  /** Whatever name the platform sent: a skill intent, a short built-in name, `Launch`, `SessionEnded`, or junk. */
  intent: string;
  slots: Partial<Record<string, SlotValue>>;
  /** Client-held session state as received (Alexa attributes, a Dialogflow context, a screen's session). */
  session: unknown;
  device?: TurnDevice;
  now: Date;
};

type Elicitation = { intent: string; slot: string; slots: Record<string, SlotValue> };

function boundedSlot(value: SlotValue): SlotValue | undefined {
  const raw = value.raw.slice(0, MAX_SLOT_CHARS);
  if (raw === '') return undefined;
  return {
    raw,
    value: value.value.slice(0, MAX_SLOT_CHARS),
    ...(value.id !== undefined && value.id !== '' ? { id: value.id.slice(0, MAX_SLOT_CHARS) } : {}),
  };
}

function readElicitation(session: SessionState): Elicitation | undefined {
  const value = session[ELICIT_KEY];
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const { intent, slot, slots } = value;
  if (typeof intent !== 'string' || typeof slot !== 'string') return undefined;
  if (!slots || typeof slots !== 'object' || Array.isArray(slots)) return undefined;
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

/** The session without the runtime's elicitation record. */
export function withoutElicitation(session: SessionState): SessionState {
  if (!Object.hasOwn(session, ELICIT_KEY)) return session;
  const { [ELICIT_KEY]: _dropped, ...rest } = session;
  return rest;
}

/** The intent a name stands for in `skill`: canonical, and the fallback for anything the skill does not answer. */
export function knownIntent(skill: SkillDefinition, name: string): string {
  const canonical = canonicalIntentName(name);
  const known =
    ownIntent(skill, canonical) !== undefined ||
    isBuiltInIntent(canonical) ||
    canonical === LAUNCH ||
    canonical === SESSION_ENDED;
  return known ? canonical : FALLBACK_INTENT;
}

/** A normalised turn, and the slot to ask for when a required one is missing. */
export type NormalisedTurn = { turn: Turn; missing?: { slot: string; prompt: string } };

/** Normalises a raw turn for `skill` (household is added by the pipeline after its read). */
export function normaliseTurn(skill: SkillDefinition, raw: RawTurn): NormalisedTurn {
  const intent = knownIntent(skill, raw.intent);
  const received = parseSession(raw.session);
  const definitions = ownIntent(skill, intent)?.slots ?? {};
  const pending = readElicitation(received);
  const slots: Record<string, SlotValue> = {};
  if (pending && pending.intent === intent) {
    for (const [name, value] of Object.entries(pending.slots)) {
      const bounded = Object.hasOwn(definitions, name) ? boundedSlot(value) : undefined;
      if (bounded) slots[name] = bounded;
    }
  }
  let count = 0;
  for (const [name, value] of Object.entries(raw.slots)) {
    if (!value || !Object.hasOwn(definitions, name) || count >= MAX_SLOTS) continue;
    const bounded = boundedSlot(value);
    if (!bounded) continue;
    slots[name] = bounded;
    count += 1;
  }
  const turn: Turn = {
    channel: raw.channel,
    skillId: skill.id,
    locale: raw.locale,
    ...(raw.device ? { device: raw.device } : {}),
    intent,
    slots,
    session: withoutElicitation(received),
    now: raw.now,
  };
  for (const [name, slot] of Object.entries(definitions)) {
    if (slot.required && !slots[name])
      return { turn, missing: { slot: name, prompt: slot.prompt ?? 'help.reprompt' } };
  }
  return { turn };
}
