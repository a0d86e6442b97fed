/**
 * The channel-agnostic shapes every channel produces and consumes: a `Turn`
 * goes in, a `Reply` comes out. No platform JSON past this point.
 */
import { z } from 'zod';
import type { Purpose } from './consent-gate.js';
import type { Locale } from './locales.js';

/** JSON-compatible value kept in session state between turns. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Session state: small, JSON-serialisable, owned by the skill (and the runtime's `_` keys). */
export type SessionState = Record<string, JsonValue>;

export const jsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(jsonValueSchema),
    z.record(z.string(), jsonValueSchema),
  ]),
);
export const sessionStateSchema = z.record(z.string(), jsonValueSchema);

/** Where the turn came from. */
export type Channel = 'alexa' | 'google' | 'screen' | 'simulator' | 'test';

/** A filled slot: what was heard, the resolved value and, for custom types, the value's stable id. */
export type SlotValue = {
  /** What the user said or typed for this slot. */
  raw: string;
  /** The resolved value in the turn's locale (the canonical name, or the number as digits). */
  value: string;
  /** Stable, locale-independent id of a custom slot value (`zucchini` for "courgette"); absent when unresolved. */
  id?: string;
};

export const slotValueSchema = z.object({ raw: z.string(), value: z.string(), id: z.string().optional() });

/** The household a turn is for, when the channel could identify one. */
export type TurnHousehold = { id: string; locale: Locale; timeZone: string };

/** The appliance a turn comes from (screens), when any. */
export type TurnDevice = { id: string; kind: string };

/** One user turn, whatever the channel. `S` names the slots the intent may carry. */
export type Turn<S extends string = string> = {
  channel: Channel;
  skillId: string;
  locale: Locale;
  household?: TurnHousehold;
  device?: TurnDevice;
  /** Intent name: a skill intent, a built-in (`AMAZON.HelpIntent`, ...), `Launch` or `SessionEnded`. */
  intent: string;
  slots: Partial<Record<S, SlotValue>>;
  session: SessionState;
  /** Request time (the domain clock: `HEARTH_NOW` in demo mode). */
  now: Date;
};

/** A card item: one recipe, one ingredient, one capsule variety. */
export type CardItem = { id: string; title: string; subtitle?: string; badges?: string[] };

/** A button on a card; tapping it sends the turn `{ intent, slots }`. */
export type CardAction = { id: string; label: string; intent: string; slots?: Record<string, string> };

/** A screen card. */
export type Card = { title: string; items: CardItem[]; actions: CardAction[] };

/** What a handler returns; the runtime completes it into a `Reply`. */
export type ReplyDraft = {
  /** What is said, as plain text (the runtime renders SSML from it, escaped). */
  speech: string;
  /** What is shown; defaults to the speech. */
  text?: string;
  card?: Card;
  suggestions?: string[];
  /** Asked again when the user says nothing; a reprompt keeps the session open unless `endSession` says otherwise. */
  reprompt?: string;
  endSession?: boolean;
  /** The next session state; defaults to the turn's. */
  session?: SessionState;
};

/** What every channel renders: speech (plain and SSML), text, card, suggestions, session and what was read. */
export type Reply = {
  locale: Locale;
  speech: string;
  /** `<speak>…</speak>` with every character of the speech SSML-escaped. */
  ssml: string;
  text: string;
  card?: Card;
  suggestions: string[];
  reprompt?: string;
  repromptSsml?: string;
  endSession: boolean;
  session: SessionState;
  /** The purposes whose context the reply read (granted by the gate and handed out). */
  used: Purpose[];
};
