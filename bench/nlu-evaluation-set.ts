/**
 * The held-out evaluation set of typed understanding (issue 13): per primary locale, natural
 * phrasings people type or say to an appliance, each with the intent and slots it means, and
 * requests about something else that must be refused. Written for measuring only: never used
 * to train the matcher or to choose its thresholds. The files live in test/nlu/evaluation/
 * (`<locale>.json`); the schema is here so that the bench (`nlu.accuracy`) and the floor test
 * (test/nlu/evaluation.test.ts) read them the same way.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { PRIMARY_LOCALES } from '../src/runtime/locales.js';
import { findPackageRoot } from '../src/runtime/package-root.js';

/** What makes a phrasing differ from the authored samples: misses are grouped by these. */
export const PHRASE_TRAITS = [
  /** Other inflections of sample words (plural, conjugation, gender). */
  'inflection',
  /** Elisions and contractions: l', d', qu', "zum", "della", "what's". */
  'elision',
  /** The sample's words in another order. */
  'word-order',
  /** Words the samples do not have: "please", "tonight", "for dinner", "por favor". */
  'extra-words',
  /** A typing mistake on a longer word. */
  'typo',
  /** A number written in words. */
  'number-words',
  /** A number written in digits. */
  'digits',
  /** Another word for a sample word, or a slot value said another way. */
  'synonym',
  /** Said in a way no sample is close to. */
  'paraphrase',
  /** A slot value embedded in longer free text. */
  'slot-in-text',
] as const;

export type PhraseTrait = (typeof PHRASE_TRAITS)[number];

/** The skills the set covers (ids of skills/index.ts). */
export const EVALUATED_SKILLS = ['fridge-chef', 'coffee-companion'] as const;

const text = z.string().trim().min(1).max(200);

/** One phrasing meant for a skill, and what it means. */
export const evaluationPhraseSchema = z.strictObject({
  skill: z.enum(EVALUATED_SKILLS),
  text,
  intent: z.string().regex(/^(AMAZON\.)?[A-Z][A-Za-z]+Intent$/),
  /**
   * Slots as the matcher answers them: a custom slot's value id (`zucchini`), a number's digits
   * (`"20"`). Only the slots listed here may be filled.
   */
  slots: z.record(z.string().regex(/^[a-z][A-Za-z]*$/), z.string().min(1)).default({}),
  traits: z.array(z.enum(PHRASE_TRAITS)).min(1),
});

/** One request that no skill serves: every skill of the set must refuse it (`AMAZON.FallbackIntent`). */
export const offTopicPhraseSchema = z.strictObject({
  text,
  topic: z.enum([
    'weather',
    'music',
    'timer',
    'joke',
    'news',
    'sports',
    'shopping',
    'chit-chat',
    'appliance',
    'knowledge',
    'travel',
    'smart-home',
  ]),
});

/** One locale's file, test/nlu/evaluation/<locale>.json. */
export const evaluationSetSchema = z.strictObject({
  locale: z.enum(PRIMARY_LOCALES),
  phrases: z.array(evaluationPhraseSchema).min(30),
  offTopic: z.array(offTopicPhraseSchema).min(10),
});

export type EvaluationPhrase = z.infer<typeof evaluationPhraseSchema>;
export type OffTopicPhrase = z.infer<typeof offTopicPhraseSchema>;
export type EvaluationSet = z.infer<typeof evaluationSetSchema>;

/** test/nlu/evaluation/ of this checkout, whether running from bench/ or dist/bench/. */
export function evaluationSetDir(): string {
  return path.join(
    findPackageRoot(path.dirname(fileURLToPath(import.meta.url))),
    'test',
    'nlu',
    'evaluation',
  );
}

/** Every `<locale>.json` of `dir`, parsed; a file whose name is not its `locale` is an error. */
export function loadEvaluationSets(dir: string = evaluationSetDir()): EvaluationSet[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const file = path.join(dir, name);
      const parsed = evaluationSetSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
      if (`${parsed.data.locale}.json` !== name) throw new Error(`${file}: locale is ${parsed.data.locale}`);
      return parsed.data;
    });
}
