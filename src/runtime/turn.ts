/**
 * The channel-agnostic shapes every channel produces and consumes: a `Turn`
 * goes in, a `Reply` comes out. No platform JSON past this point.
 */
import { z } from 'zod';
import type { Purpose } from './consent-gate.js';
import type { ConsentChanges } from './consent-recorder.js';
import type { Effects } from './effects.js';
import type { Locale } from './locales.js';
import type { OfferCue } from './offer-port.js';
import type { BuiltInIntent } from './skill-definition.js';
import type { Vocabulary } from './vocabulary.js';

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

/** Largest session state a client may hand back, serialised: session state is small by design. */
export const MAX_SESSION_BYTES = 8 * 1024;

/**
 * Deepest nesting of session state (the session object is level 1). Skills keep
 * a few levels at most; the bound is what keeps the recursive schema (and
 * JSON.stringify) off the end of the stack for hostile input.
 */
export const MAX_SESSION_DEPTH = 32;

/**
 * Walks `raw` without recursion: 'deep' past MAX_SESSION_DEPTH (which also ends
 * a cycle), 'large' past one value per byte of MAX_SESSION_BYTES (every JSON
 * value takes at least a byte, so more cannot fit, and the walk stays bounded).
 */
function outOfBounds(raw: unknown): 'deep' | 'large' | undefined {
  const pending: [value: unknown, depth: number][] = [[raw, 1]];
  let values = 0;
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, depth] = next;
    if (++values > MAX_SESSION_BYTES) return 'large';
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_SESSION_DEPTH) return 'deep';
    for (const child of Object.values(value)) pending.push([child, depth + 1]);
  }
  return undefined;
}

const TOO_LARGE = `session is limited to ${MAX_SESSION_BYTES} bytes serialised`;

/** Why `raw` is too deep or too large to be session state, or undefined when it is within bounds; never throws. */
export function sessionBoundsProblem(raw: unknown): string | undefined {
  try {
    const bound = outOfBounds(raw);
    if (bound === 'deep') return `session is limited to ${MAX_SESSION_DEPTH} levels of nesting`;
    if (bound === 'large') return TOO_LARGE;
    // Safe now that the depth is bounded; undefined (a function, say) is left to the schema.
    const serialised = JSON.stringify(raw);
    if (serialised !== undefined && Buffer.byteLength(serialised) > MAX_SESSION_BYTES) return TOO_LARGE;
    return undefined;
  } catch {
    // A BigInt, a throwing getter or toJSON: not JSON, so not session state.
    return 'session is not JSON';
  }
}

/** Session state from client-held JSON (screens, Alexa attributes, Dialogflow contexts): `{}` when invalid, too deep or too large; never throws. */
export function parseSession(raw: unknown): SessionState {
  if (sessionBoundsProblem(raw) !== undefined) return {};
  try {
    const parsed = sessionStateSchema.safeParse(raw);
    return parsed.success ? parsed.data : {};
  } catch {
    // Only a hostile object (a throwing getter, a proxy) gets here; JSON never does.
    return {};
  }
}

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

/** The household a turn is for, when the channel could identify one. */
export type TurnHousehold = { id: string; locale: Locale; timeZone: string };

/** The appliance a turn comes from (screens), when any. */
export type TurnDevice = { id: string; kind: string };

/**
 * The slots of a turn: `R` (the intent's required slots) are present, since the
 * runtime asks for a missing one before the handler runs; the rest of `S` may be absent.
 */
export type TurnSlots<S extends string = string, R extends S = never> = Partial<
  Record<Exclude<S, R>, SlotValue>
> &
  Record<R, SlotValue>;

/** One user turn, whatever the channel. `S` names the slots the intent may carry, `R` those it requires. */
export type Turn<S extends string = string, R extends S = never> = {
  channel: Channel;
  skillId: string;
  locale: Locale;
  household?: TurnHousehold;
  device?: TurnDevice;
  /** Intent name: a skill intent, a built-in (`AMAZON.HelpIntent`, ...), `Launch` or `SessionEnded`. */
  intent: string;
  slots: TurnSlots<S, R>;
  session: SessionState;
  /** Request time (the domain clock: `HEARTH_NOW` in demo mode). */
  now: Date;
};

/** A card item: one recipe, one ingredient, one capsule variety. */
export type CardItem = { id: string; title: string; subtitle?: string; badges?: string[] };

/** The slots an action may send: any for an untyped skill, else only the intent's own. */
type ActionSlots<N extends string> = string extends N ? Record<string, string> : { [K in N]?: string };

/**
 * A button on a card; tapping it sends the turn `{ intent, slots }`. With a
 * skill's vocabulary `V`, `intent` is one of its intents (or a built-in) and
 * `slots` only that intent's slots, so a typo does not compile.
 */
export type CardAction<V extends Vocabulary = Vocabulary> =
  | {
      [I in keyof V['intents'] & string]: {
        id: string;
        label: string;
        intent: I;
        slots?: ActionSlots<V['intents'][I]>;
      };
    }[keyof V['intents'] & string]
  | { id: string; label: string; intent: BuiltInIntent };

/** A screen card. */
export type Card<V extends Vocabulary = Vocabulary> = {
  title: string;
  items: CardItem[];
  actions: CardAction<V>[];
};

/** What a handler returns; the runtime completes it into a `Reply`. */
export type ReplyDraft<V extends Vocabulary = Vocabulary> = {
  /** What is said, as plain text (the runtime renders SSML from it, escaped). */
  speech: string;
  /** What is shown; defaults to the speech. */
  text?: string;
  card?: Card<V>;
  suggestions?: string[];
  /**
   * Asked again when the user says nothing. Without one, a reply that keeps
   * the session open is reprompted with the skill's `help.reprompt`.
   */
  reprompt?: string;
  endSession?: boolean;
  /** The next session state; defaults to the turn's. */
  session?: SessionState;
  /**
   * The yes/no question this reply asks (a name in the skill's `questions`): the
   * next turn's Yes or No goes to that question's handlers. Any other turn lets it lapse.
   */
  question?: V['questions'];
  /** Household writes: before the reply (it depends on them) or after it. */
  effects?: Effects;
  /** Withdrawals (and the objection to marketing) the household just asked for: committed before the reply. */
  consentChanges?: ConsentChanges;
  /**
   * For the offers engine: the household asked for offers ("any deals?"), or domain events
   * happened (`ingredientMissing`). The guards decide; the skill never places an offer itself.
   */
  offers?: OfferCue;
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
