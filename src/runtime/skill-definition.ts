/**
 * What a brand writes in `skills/<id>/skill.ts`: a typed `defineSkill(...)`.
 * Language data (invocation names, utterances, slot values, responses) lives
 * in `locales/`; the definition holds structure and behaviour.
 */
import { z } from 'zod';
import { type ConsentGate, PURPOSES, type Purpose } from './consent-gate.js';
import type { SlotTypeValue } from './locale-files.js';
import type { Locale } from './locales.js';
import type { OfferExplanation } from './offer-port.js';
import type { SkillServices } from './skill-services.js';
import type { ReplyDraft, Turn } from './turn.js';
import type { Vocabulary } from './vocabulary.js';

/** Built-in intents every skill answers; the runtime has a default handler for each. */
export const BUILT_IN_INTENTS = [
  'AMAZON.HelpIntent',
  'AMAZON.StopIntent',
  'AMAZON.CancelIntent',
  'AMAZON.FallbackIntent',
  'AMAZON.NavigateHomeIntent',
  'AMAZON.YesIntent',
  'AMAZON.NoIntent',
] as const;
export type BuiltInIntent = (typeof BUILT_IN_INTENTS)[number];

/** Pseudo-intents for the session opening and closing (Alexa LaunchRequest, SessionEndedRequest; Dialogflow WELCOME). */
export const LAUNCH = 'Launch';
export const SESSION_ENDED = 'SessionEnded';

/** Privacy intents every skill must define (DESIGN.md, Skills and intents). */
export const COMMON_INTENTS = [
  'WhyThisSuggestionIntent',
  'WhatDoYouKnowIntent',
  'StopUsingMyDataIntent',
  'StopAllOffersIntent',
] as const;
export type CommonIntent = (typeof COMMON_INTENTS)[number];

/** Whether an intent is one of the privacy intents every skill answers. */
export function isCommonIntent(intent: string): intent is CommonIntent {
  return (COMMON_INTENTS as readonly string[]).includes(intent);
}

/** Built-in slot types a skill may use without listing values. */
export const BUILT_IN_SLOT_TYPES = ['AMAZON.NUMBER'] as const;

/** Translate a response key of the skill's namespace in the turn's locale (interpolation and plurals by i18next). */
export type Translate<K extends string = string> = (
  key: K,
  values?: Record<string, string | number>,
) => string;

/** What a handler gets besides the turn; with a skill's vocabulary `V`, `t` accepts only its response keys. */
export type HandlerContext<V extends Vocabulary = Vocabulary> = {
  /** i18next fixed to the skill's namespace and the turn's locale (with its fallback chain). */
  t: Translate<V['keys']>;
  /** The only way to household data: it answers from what the pipeline read for the intent's declared purposes. */
  consent: ConsentGate;
  /** Domain services given to `createApp` (the recipe index, the capsule forecast). */
  services: SkillServices;
  now: Date;
  locale: Locale;
  /**
   * The offer this skill showed the household lately (the last 30 minutes), as its offer-log
   * record explains it; undefined when none. Only the privacy intents use it.
   */
  lastOffer?: () => Promise<OfferExplanation | undefined>;
  /** The localised name of a custom slot value by id (`valueName('Ingredient', 'zucchini')` -> "courgette" in en-GB); the id when unknown. */
  valueName: (type: string, id: string) => string;
};

/** A handler: a plain function of a turn and a context. It never sees platform JSON or HTTP. */
export type Handler<V extends Vocabulary = Vocabulary> = (
  turn: Turn,
  context: HandlerContext<V>,
) => ReplyDraft<V> | Promise<ReplyDraft<V>>;

/**
 * A slot of an intent. A required slot names the response key (`prompt`) the
 * runtime asks with while it is missing; its handler then sees it as present.
 */
export type SlotDefinition<K extends string = string> =
  | { type: string; required?: false; prompt?: K }
  | { type: string; required: true; prompt: K };

/** The names of the required slots among `Slots`. */
export type RequiredSlots<Slots> = {
  [N in keyof Slots]: Slots[N] extends { required: true } ? N : never;
}[keyof Slots] &
  string;

/** An intent: its slots, the purposes whose context it reads, and its handler. */
export type IntentDefinition<
  V extends Vocabulary = Vocabulary,
  S extends string = string,
  R extends S = never,
> = {
  slots?: Readonly<Record<S, SlotDefinition<V['keys']>>>;
  /**
   * The context purposes the handler may read. The pipeline reads the household
   * and exactly these context documents in one round trip before the handler
   * runs; `consent.read` of any other purpose grants nothing.
   */
  purposes?: readonly Purpose[];
  /**
   * Purposes whose grant the handler needs to know but whose documents it never
   * reads ("what do you know about me"): decided in the same read, no document fetched.
   */
  consentOf?: readonly Purpose[];
  /**
   * Written as a method so that an intent whose handler relies on its required
   * slots still fits a skill's list of intents (method parameters are bivariant):
   * the runtime only calls it once every required slot is filled.
   */
  handle(turn: Turn<S, R>, context: HandlerContext<V>): ReplyDraft<V> | Promise<ReplyDraft<V>>;
};

/** The shape of a question name: camelCase, bounded (the name travels in client-held session state). */
export const QUESTION_NAME = /^[a-z][A-Za-z0-9]{0,63}$/;

/** A yes/no question a skill asks (a reply's `question`): who handles its answer. */
export type QuestionDefinition<V extends Vocabulary = Vocabulary> = { yes: Handler<V>; no: Handler<V> };

/** What an appliance screen of this skill is: the device kinds it serves and the intent its idle home card runs. */
export type ScreenDefinition = { deviceKinds: readonly string[]; homeIntent: string };

/**
 * A custom slot type; its values and synonyms are per locale in `locales/<locale>/<skill>/model.json`,
 * or supplied by `values` from data the skill already has (the recipe catalog's ingredients),
 * so they are not written twice. Model files may still add values or replace one by id.
 */
export type SlotTypeDefinition = {
  description?: string;
  values?: (locale: Locale) => readonly SlotTypeValue[];
};

export type SkillDefinition = {
  /** kebab-case, also the folder names under skills/, locales/<locale>/ and interaction-models/. */
  id: string;
  brandId: string;
  /**
   * Invocation names are language data (locales/<locale>/<skill>/model.json).
   * `brandName` is the one-word brand name the skill may be invoked by, if any
   * (Amazon allows one-word invocation names only for brand names).
   */
  invocation: { brandName?: string };
  slotTypes: Record<string, SlotTypeDefinition>;
  intents: Record<string, IntentDefinition> & Record<CommonIntent, IntentDefinition>;
  /**
   * The yes/no questions the skill asks, by name (camelCase): a reply with
   * `question: 'confirmOrder'` sends the next Yes or No to that question's handlers.
   */
  questions?: Record<string, QuestionDefinition>;
  /** Overrides of the runtime's built-in handlers (Yes and No without a pending question among them). */
  builtIns?: Partial<Record<BuiltInIntent, Handler>>;
  launch?: Handler;
  /** The appliance screens this skill answers, if any. */
  screens?: ScreenDefinition;
};

/** The skill's own intent of that name; never an `Object.prototype` member (`constructor`, `toString`) named by a request. */
export function ownIntent(skill: SkillDefinition, name: string): IntentDefinition | undefined {
  return Object.hasOwn(skill.intents, name) ? skill.intents[name] : undefined;
}

/** An intent as written, before its slot names are known: `Slots` is the `slots` object itself. */
export type IntentInput<V extends Vocabulary, Slots> = {
  slots?: Slots;
  purposes?: readonly Purpose[];
  consentOf?: readonly Purpose[];
  handle(
    turn: Turn<keyof Slots & string, RequiredSlots<Slots>>,
    context: HandlerContext<V>,
  ): ReplyDraft<V> | Promise<ReplyDraft<V>>;
};

/** What `defineIntent` makes of an intent as written. */
export type DefinedIntent<V extends Vocabulary, Slots> = IntentDefinition<
  V,
  keyof Slots & string,
  RequiredSlots<Slots>
>;

/** No slots: what an intent without `slots` has. */
type NoSlots = Record<never, SlotDefinition>;

/**
 * One intent, with its slot names inferred from `slots`: in the handler a
 * required slot is present (`turn.slots.ingredient.id`), an optional one may be absent.
 */
export function defineIntent<const Slots extends Record<string, SlotDefinition> = NoSlots>(
  intent: IntentInput<Vocabulary, Slots>,
): DefinedIntent<Vocabulary, Slots> {
  return intent as DefinedIntent<Vocabulary, Slots>;
}

/** Mark a string as a response key used indirectly (stored, then translated later), so validate counts it as used. */
export function responseKey<const K extends string>(key: K): K {
  return key;
}

/** Declare a skill. Identity at run time; the type checks the shape, `hearth validate` the rest. */
export function defineSkill<const D extends SkillDefinition>(definition: D): D {
  return definition;
}

const handlerSchema = z.custom<Handler>((v) => typeof v === 'function', { message: 'must be a function' });
const nameSchema = /^[A-Za-z][A-Za-z0-9_.]*$/;

/** The structural schema validate applies to a loaded skill module (a clear message, never a crash). */
export const skillDefinitionSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'lower-case kebab-case'),
  brandId: z.string().min(1),
  invocation: z.object({
    brandName: z
      .string()
      .regex(/^[a-z]+$/, 'one lower-case word')
      .optional(),
  }),
  slotTypes: z.record(
    z.string().regex(/^[A-Z][A-Za-z0-9]*$/, 'PascalCase type name'),
    z.object({
      description: z.string().optional(),
      values: z
        .custom<(locale: Locale) => readonly SlotTypeValue[]>((v) => typeof v === 'function', {
          message: 'must be a function of the locale',
        })
        .optional(),
    }),
  ),
  intents: z.record(
    z.string().regex(/^[A-Z][A-Za-z0-9]*Intent$/, 'PascalCase ending in "Intent"'),
    z.object({
      slots: z
        .record(
          z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'camelCase slot name'),
          z.object({
            type: z.string().regex(nameSchema),
            required: z.boolean().optional(),
            prompt: z.string().optional(),
          }),
        )
        .optional(),
      purposes: z.array(z.enum(PURPOSES)).optional(),
      consentOf: z.array(z.enum(PURPOSES)).optional(),
      handle: handlerSchema,
    }),
  ),
  questions: z
    .record(
      z.string().regex(QUESTION_NAME, 'camelCase question name, at most 64 characters'),
      z.object({ yes: handlerSchema, no: handlerSchema }),
    )
    .optional(),
  builtIns: z.partialRecord(z.enum(BUILT_IN_INTENTS), handlerSchema).optional(),
  launch: handlerSchema.optional(),
  screens: z
    .object({
      deviceKinds: z.array(z.string().regex(/^[a-z][a-z0-9-]*$/, 'lower-case kebab-case')).min(1),
      homeIntent: z.string().min(1),
    })
    .optional(),
});

/** Whether an intent name is one of the built-ins. */
export function isBuiltInIntent(name: string): name is BuiltInIntent {
  return (BUILT_IN_INTENTS as readonly string[]).includes(name);
}

/** Map short built-in names (`HelpIntent`, as Dialogflow and screens send them) to the canonical `AMAZON.` name. */
export function canonicalIntentName(name: string): string {
  const prefixed = `AMAZON.${name}`;
  return isBuiltInIntent(prefixed) ? prefixed : name;
}

/** The purposes an intent declares: those whose grant it may ask for, and those of them whose documents it reads. */
export function declaredPurposes(
  skill: SkillDefinition,
  intent: string,
): { consent: readonly Purpose[]; documents: readonly Purpose[] } {
  const own = ownIntent(skill, intent);
  const documents = own?.purposes ?? [];
  return { consent: [...new Set([...documents, ...(own?.consentOf ?? [])])], documents };
}
