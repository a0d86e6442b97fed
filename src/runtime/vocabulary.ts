/**
 * What a skill's handlers may name, as types: its response keys, its intents
 * with their slots, and its yes/no questions. `hearth build` writes each
 * skill's vocabulary to `skills/<id>/vocabulary.generated.ts` from its
 * definition and its en-US responses; `withVocabulary` binds the definers to it.
 */

/** A skill's vocabulary. The default (any string) is what the runtime and untyped code see. */
export type Vocabulary = {
  /** Response keys of the skill's namespace, plural forms folded to their base key (`stock.total`). */
  keys: string;
  /** Each intent of the skill, with the union of its slot names (`never` when it has none). */
  intents: { [intent: string]: string };
  /** Names of the skill's yes/no questions (`never` when it asks none). */
  questions: string;
};
