/**
 * The floor of typed understanding (issue 13): the held-out evaluation set
 * (test/nlu/evaluation/<locale>.json) is well formed, covers every intent of both
 * skills in every primary locale, copies no authored sample, and the matcher, as
 * screens use it, understands and refuses it within the targets. A miss is printed
 * with what was expected and what the matcher answered.
 */
import { describe, expect, it } from 'vitest';
import {
  describeMiss,
  evaluateUnderstanding,
  type LocaleUnderstanding,
  overallUnderstanding,
} from '../../bench/nlu-accuracy.js';
import { NLU_TARGETS } from '../../bench/nlu-bench.js';
import { EVALUATED_SKILLS, type EvaluationSet, loadEvaluationSets } from '../../bench/nlu-evaluation-set.js';
import { findSkill } from '../../skills/index.js';
import { loadDefaultLanguage } from '../../src/runtime/default-language.js';
import { type Locale, PRIMARY_LOCALES } from '../../src/runtime/locales.js';
import { type Lexicon, tokenize } from '../../src/runtime/matcher.js';
import { type SkillModel, valuesOfType } from '../../src/runtime/skill-model.js';
import { slotReferencePattern } from '../../src/runtime/slot-pattern.js';

const language = loadDefaultLanguage();
const sets = loadEvaluationSets();

function setOf(locale: Locale): EvaluationSet {
  const set = sets.find((s) => s.locale === locale);
  if (!set) throw new Error(`no evaluation set for ${locale}`);
  return set;
}

function modelOf(skillId: string, locale: Locale): SkillModel {
  const skill = findSkill(skillId);
  if (!skill) throw new Error(`unknown skill ${skillId}`);
  return language.model(skill, locale);
}

/** Text as the matcher reads it: normalised tokens (case, accents, apostrophes and punctuation gone). */
function words(text: string): string[] {
  return tokenize(text).map((t) => t.norm);
}

type Part = { word: string } | { type: string };

/** A sample's words, with a part standing for each `{slot}`. */
function sampleParts(intent: SkillModel['intents'][number], text: string): Part[] {
  return text.split(slotReferencePattern()).flatMap((piece): Part[] => {
    const slot = /^\{([^{}]*)\}$/.exec(piece);
    if (slot) return [{ type: intent.slots[slot[1] ?? '']?.type ?? '' }];
    return words(piece).map((word) => ({ word }));
  });
}

/** The ways a slot of `type` can be said: its values and synonyms, or a number's words. */
function slotSpellings(model: SkillModel, lexicon: Lexicon, type: string): string[][] {
  if (type === 'AMAZON.NUMBER') return [...lexicon.numbers.keys()].map((phrase) => phrase.split(' '));
  return valuesOfType(model, type).flatMap((v) => [v.value, ...(v.synonyms ?? [])].map(words));
}

/** Whether `tokens` are the sample with each slot filled by one of its values (or a number). */
function instantiates(
  parts: readonly Part[],
  tokens: readonly string[],
  spell: (type: string) => string[][],
) {
  const from = (j: number, i: number): boolean => {
    const part = parts[j];
    if (!part) return i === tokens.length;
    if ('word' in part) return tokens[i] === part.word && from(j + 1, i + 1);
    if (part.type === 'AMAZON.NUMBER' && /^\d+$/.test(tokens[i] ?? '') && from(j + 1, i + 1)) return true;
    return spell(part.type).some(
      (value) =>
        value.length > 0 && value.every((w, k) => tokens[i + k] === w) && from(j + 1, i + value.length),
    );
  };
  return from(0, 0);
}

function report(figures: LocaleUnderstanding | ReturnType<typeof overallUnderstanding>, kind: string) {
  const misses = figures.misses.filter((m) => m.kind === kind);
  return `${misses.length} misses:\n  ${misses.map(describeMiss).join('\n  ')}`;
}

describe('the NLU evaluation set', () => {
  it('has one file per primary locale, each valid by its schema', () => {
    expect(sets.map((s) => s.locale).sort()).toEqual([...PRIMARY_LOCALES].sort());
  });

  it.each(PRIMARY_LOCALES)('has at least 30 phrasings and 10 off-topic requests in %s', (locale) => {
    const set = setOf(locale);
    expect(set.phrases.length).toBeGreaterThanOrEqual(30);
    expect(set.offTopic.length).toBeGreaterThanOrEqual(10);
    for (const skill of EVALUATED_SKILLS)
      expect(set.phrases.filter((p) => p.skill === skill).length).toBeGreaterThanOrEqual(10);
  });

  it.each(PRIMARY_LOCALES)('covers every intent of both skills in %s', (locale) => {
    const set = setOf(locale);
    for (const id of EVALUATED_SKILLS) {
      const skill = findSkill(id);
      const said = new Set(set.phrases.filter((p) => p.skill === id).map((p) => p.intent));
      const unsaid = Object.keys(skill?.intents ?? {}).filter((intent) => !said.has(intent));
      expect(unsaid, `${id} intents without a phrasing in ${locale}`).toEqual([]);
    }
  });

  it.each(PRIMARY_LOCALES)('expects only intents, slots and values the skills define in %s', (locale) => {
    const problems: string[] = [];
    for (const phrase of setOf(locale).phrases) {
      const model = modelOf(phrase.skill, locale);
      const intent = model.intents.find((i) => i.name === phrase.intent);
      if (!intent || intent.name === 'AMAZON.FallbackIntent') {
        problems.push(`"${phrase.text}": ${phrase.intent} is not an intent of ${phrase.skill}`);
        continue;
      }
      for (const [name, expected] of Object.entries(phrase.slots)) {
        const type = Object.hasOwn(intent.slots, name) ? intent.slots[name]?.type : undefined;
        const valid =
          type === 'AMAZON.NUMBER'
            ? /^\d+$/.test(expected)
            : valuesOfType(model, type).some((v) => v.id === expected);
        if (!valid) problems.push(`"${phrase.text}": ${name} = ${expected} is not a ${type ?? 'slot'} value`);
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(PRIMARY_LOCALES)('copies no authored sample, nor repeats itself, in %s', (locale) => {
    const lexicon = language.lexicon(locale);
    const set = setOf(locale);
    const copies: string[] = [];
    for (const phrase of set.phrases) {
      const model = modelOf(phrase.skill, locale);
      const tokens = words(phrase.text);
      const spell = (type: string) => slotSpellings(model, lexicon, type);
      for (const intent of model.intents)
        for (const sample of intent.samples)
          if (instantiates(sampleParts(intent, sample.text), tokens, spell))
            copies.push(`"${phrase.text}" is the ${intent.name} sample "${sample.text}"`);
    }
    expect(copies).toEqual([]);
    const said = [...set.phrases, ...set.offTopic].map((p) => words(p.text).join(' '));
    expect(said.filter((text, k) => said.indexOf(text) !== k)).toEqual([]);
  });

  it('would count a sample with a slot value put in as a copy', () => {
    // The copy check above must be able to fail: a sample filled with a synonym and a number is one.
    const model = modelOf('coffee-companion', 'en-US');
    const intent = model.intents.find((i) => i.name === 'ReorderIntent');
    if (!intent) throw new Error('coffee-companion has no ReorderIntent');
    const spell = (type: string) => slotSpellings(model, language.lexicon('en-US'), type);
    const parts = sampleParts(intent, 'order {quantity} {variety} capsules');
    expect(instantiates(parts, words('Order fifty decaf espresso capsules!'), spell)).toBe(true);
    expect(instantiates(parts, words('order 12 lungo capsules'), spell)).toBe(true);
    expect(instantiates(parts, words('order fifty decaf espresso capsules please'), spell)).toBe(false);
  });
});

describe('typed understanding on the held-out evaluation set', () => {
  const figures = sets.map((set) => evaluateUnderstanding(set, language));
  const overall = overallUnderstanding(figures);

  it(`understands at least ${NLU_TARGETS.accuracy} of the phrasings overall (intent and slots)`, () => {
    expect(overall.accuracy, report(overall, 'phrase')).toBeGreaterThanOrEqual(NLU_TARGETS.accuracy);
  });

  it.each(PRIMARY_LOCALES)(
    `understands at least ${NLU_TARGETS.localeAccuracy} of the phrasings in %s`,
    (locale) => {
      const l = figures.find((f) => f.locale === locale);
      expect(l?.accuracy, l && report(l, 'phrase')).toBeGreaterThanOrEqual(NLU_TARGETS.localeAccuracy);
    },
  );

  it.each(PRIMARY_LOCALES)(
    `refuses at least ${NLU_TARGETS.offTopicRefused} of the off-topic requests in %s`,
    (locale) => {
      const l = figures.find((f) => f.locale === locale);
      expect(l?.offTopicRefused, l && report(l, 'off-topic')).toBeGreaterThanOrEqual(
        NLU_TARGETS.offTopicRefused,
      );
    },
  );

  it(`refuses at least ${NLU_TARGETS.offTopicRefused} of the off-topic requests overall`, () => {
    expect(overall.offTopicRefused, report(overall, 'off-topic')).toBeGreaterThanOrEqual(
      NLU_TARGETS.offTopicRefused,
    );
  });
});
