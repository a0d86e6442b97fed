/**
 * The definers bound to one skill's generated vocabulary. A skill writes once
 * (in `skills/<id>/define.ts`):
 *
 *   export const { defineIntent, defineQuestion, defineHandler, responseKey } = withVocabulary<Vocabulary>();
 *
 * and its handlers' `t` takes only its response keys, card actions name only
 * its intents and their slots, and a reply's `question` only its questions.
 */
import {
  type DefinedIntent,
  defineIntent,
  type Handler,
  type IntentInput,
  type QuestionDefinition,
  responseKey,
  type SlotDefinition,
} from './skill-definition.js';
import type { Vocabulary } from './vocabulary.js';

/** The definers of a skill whose vocabulary is `V`. */
export type SkillKit<V extends Vocabulary> = {
  /** One intent; slot names are inferred from `slots`, required slots are present in the handler. */
  defineIntent<const Slots extends Record<string, SlotDefinition<V['keys']>> = Record<never, SlotDefinition>>(
    intent: IntentInput<V, Slots>,
  ): DefinedIntent<V, Slots>;
  /** A yes/no question: the handlers of its answers. */
  defineQuestion(question: QuestionDefinition<V>): QuestionDefinition<V>;
  /** A handler outside an intent (`launch`, `builtIns`). */
  defineHandler(handler: Handler<V>): Handler<V>;
  /** A response key kept for later (in the session), checked against the skill's keys. */
  responseKey<const K extends V['keys']>(key: K): K;
};

/** The definers typed with the vocabulary `hearth build` generated for a skill; identities at run time. */
export function withVocabulary<V extends Vocabulary>(): SkillKit<V> {
  return {
    defineIntent: defineIntent as SkillKit<V>['defineIntent'],
    defineQuestion: (question) => question,
    defineHandler: (handler) => handler,
    responseKey,
  };
}
