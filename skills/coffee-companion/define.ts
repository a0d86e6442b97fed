/**
 * The definers of coffee-companion, typed with the vocabulary `hearth build` generated from
 * its definition and en-US responses: `t` takes only its response keys, card
 * actions only its intents and their slots, a reply's `question` only its questions.
 */
import { withVocabulary } from 'hearth/skill';
import type { Vocabulary } from './vocabulary.generated.js';

export type { Vocabulary };
export const { defineIntent, defineQuestion, defineHandler, responseKey } = withVocabulary<Vocabulary>();
