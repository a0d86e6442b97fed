import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SKILLS } from '../../skills/index.js';
import { matcherFor } from '../../src/runtime/conversation.js';
import { loadDefaultLanguage } from '../../src/runtime/default-language.js';
import { PRIMARY_LOCALES } from '../../src/runtime/locales.js';
import { type Lexicon, normaliseText } from '../../src/runtime/matcher.js';
import type { SkillModel } from '../../src/runtime/skill-model.js';
import { uniqueSamples, valuesOfType } from '../../src/runtime/skill-model.js';
import { slotReferencePattern } from '../../src/runtime/slot-pattern.js';
import { calibrate, confidenceOf } from '../../src/runtime/understanding/calibration.js';
import { confusableIntents } from '../../src/runtime/understanding/confusable-intents.js';
import { createSimilarityModel } from '../../src/runtime/understanding/similarity-model.js';
import { stemmerOf } from '../../src/runtime/understanding/stemmers.js';
import { tokenize } from '../../src/runtime/understanding/typed-words.js';
import { DEV_SET } from './understanding-dev-set.js';
import { understandingFigures, understands } from './understanding-figures.js';

const language = loadDefaultLanguage();
const skill = (id: string) => SKILLS.find((s) => s.id === id)!;
const FALLBACK = 'AMAZON.FallbackIntent';

/** A one-locale model of made-up intents, for the similarity stage alone. */
function tinyModel(locale: SkillModel['locale'], intents: Record<string, string[]>): SkillModel {
  return {
    skillId: 'tiny',
    locale,
    intents: Object.entries(intents).map(([name, samples]) => ({
      name,
      slots: {},
      samples: samples.map((text) => ({ text, file: 'test' })),
    })),
    types: {},
  };
}
const bareLexicon = (lexicon: Partial<Lexicon> = {}): Lexicon => ({
  fillers: new Set(),
  numbers: new Map(),
  ...lexicon,
});
const topOf = (model: SkillModel, lexicon: Lexicon, text: string) =>
  createSimilarityModel(model, lexicon).score(tokenize(text)).ranking[0];

describe("the matcher's similarity stage", () => {
  it('meets inflected forms at one stem in every primary language', () => {
    const pairs: [string, string, string][] = [
      ['en', 'capsules', 'capsule'],
      ['fr', 'cuisiner', 'cuisine'],
      ['de', 'bestellen', 'bestelle'],
      ['es', 'cápsulas', 'cápsula'],
      ['it', 'ordinare', 'ordina'],
    ];
    for (const [lang, a, b] of pairs) {
      const stem = stemmerOf(lang);
      expect(stem(normaliseText(a)), `${lang}: ${a} / ${b}`).toBe(stem(normaliseText(b)));
    }
  });

  it('reads elisions and contractions as the words they stand for, from the locale files', () => {
    expect(language.lexicon('it-IT').contractions?.get('della')).toEqual(['di', 'la']);
    expect(language.lexicon('de-DE').contractions?.get('zum')).toEqual(['zu', 'dem']);
    expect(language.lexicon('fr-FR').elisions?.get('qu')).toEqual(['que']);
    expect(language.lexicon('fr-CA').elisions?.get('l')).toEqual(['le']);
    const de = tinyModel('de-DE', { Go: ['geh zu dem bahnhof'], Stay: ['bleib im bett'] });
    const lexicon = bareLexicon({ contractions: language.lexicon('de-DE').contractions });
    expect(topOf(de, lexicon, 'geh zum bahnhof')?.score).toBeCloseTo(1, 5);
    expect(topOf(de, bareLexicon(), 'geh zum bahnhof')?.score).toBeLessThan(0.9);
    const it_ = tinyModel('it-IT', { Fridge: ['cosa c è in il frigo'], Shop: ['la lista della spesa'] });
    const itLexicon = bareLexicon({
      elisions: language.lexicon('it-IT').elisions,
      contractions: language.lexicon('it-IT').contractions,
    });
    expect(topOf(it_, itLexicon, "cos'è nel frigo")?.intent).toBe('Fridge');
  });

  it('understands natural phrasings of the dev set: intent and slots, at least 85% per language', () => {
    for (const f of understandingFigures()) {
      expect(f.dev, `${f.locale} misses: ${f.devMisses.join('; ')}`).toBeGreaterThanOrEqual(0.85);
    }
  });

  it('recognises slot values, synonyms and numbers inside free text, as ids', () => {
    const en = matcherFor(skill('coffee-companion'), 'en-US', language);
    expect(en.match('could you please order 20 vanilla capsules for me')).toMatchObject({
      intent: 'ReorderIntent',
      slots: { quantity: { value: '20' }, variety: { id: 'vanilla' } },
    });
    const fr = matcherFor(skill('fridge-chef'), 'fr-FR', language);
    expect(fr.match("arrête d'utiliser les données de mon frigo")).toMatchObject({
      intent: 'StopUsingMyDataIntent',
      slots: { dataKind: { id: 'inventory' } },
    });
    for (const locale of PRIMARY_LOCALES) {
      for (const phrase of DEV_SET[locale].filter((p) => p.slots?.quantity)) {
        expect(understands(locale, phrase).result.slots.quantity?.value, phrase.text).toBe(
          phrase.slots?.quantity,
        );
      }
    }
  });

  it('fills a slot with a value read exactly before one read through a typo', () => {
    // "pack" is one letter from the value "Hack" (minced beef): the cream named exactly wins.
    const de = matcherFor(skill('fridge-chef'), 'de-DE', language);
    expect(de.match('pack bitte Sahne auf den Einkaufszettel')).toMatchObject({
      intent: 'AddToShoppingListIntent',
      slots: { ingredient: { id: 'cream' } },
    });
  });

  it('narrows a slot span that is no value to the one value of its type inside it', () => {
    const es = matcherFor(skill('coffee-companion'), 'es-ES', language);
    expect(es.match('necesito más café descafeinado')).toMatchObject({
      intent: 'ReorderIntent',
      slots: { variety: { id: 'decaf' } },
    });
    const en = matcherFor(skill('coffee-companion'), 'en-US', language);
    expect(en.match('stop using my coffee consumption data')).toMatchObject({
      intent: 'StopUsingMyDataIntent',
      slots: { dataKind: { id: 'consumption' } },
    });
    // A span with no value inside stays as heard (the handler asks again).
    const fr = matcherFor(skill('fridge-chef'), 'fr-FR', language);
    const unknown = fr.match('ajoute du quinoa soufflé à ma liste de courses');
    expect(unknown.intent).toBe('AddToShoppingListIntent');
    expect(unknown.slots.ingredient?.id).toBeUndefined();
  });

  it('tolerates a typo on a longer word in a phrasing no sample has', () => {
    const en = matcherFor(skill('coffee-companion'), 'en-US', language);
    expect(en.match('i want to ordr more coffee').intent).toBe('ReorderIntent');
    const es = matcherFor(skill('fridge-chef'), 'es-ES', language);
    expect(es.match('qué puedo cocinr esta noche').intent).toBe('WhatCanICookIntent');
  });

  it('refuses the off-topic calibration requests of every primary language, 90% or more', () => {
    for (const f of understandingFigures()) {
      expect(f.offTopicRefused, `${f.locale}: ${f.offTopicAccepted.join('; ')}`).toBeGreaterThanOrEqual(0.9);
    }
    const en = matcherFor(skill('fridge-chef'), 'en-US', language);
    expect(en.match("what's the weather like tomorrow")).toEqual({
      intent: FALLBACK,
      slots: {},
      confidence: 0,
    });
  });

  it('chooses its threshold between held-out samples and off-topic requests, deterministically', () => {
    const scores = { right: [0.5, 0.6, 0.8, 0.9], wrong: [0.4], offTopic: [0.1, 0.2, 0.3] };
    const calibration = calibrate(scores);
    expect(calibration.threshold).toBeGreaterThan(0.3);
    expect(calibration.threshold).toBeLessThanOrEqual(0.5);
    expect(calibration.offTopicRefused).toBe(1);
    expect(calibration.heldOutAccepted).toBeCloseTo(4 / 5, 5);
    expect(calibrate(scores)).toEqual(calibration);
    for (const locale of PRIMARY_LOCALES) {
      for (const s of SKILLS) {
        const built = matcherFor(s, locale, language).calibration!;
        expect(built.offTopicRefused, `${s.id} ${locale}`).toBeGreaterThanOrEqual(0.85);
        expect(built.threshold).toBeGreaterThan(0);
        expect(built.threshold).toBeLessThan(1);
      }
    }
  });

  it('gives a confidence in [0, 1] that grows with the similarity', () => {
    const calibration = calibrate({ right: [0.5, 0.7, 0.9], wrong: [0.3], offTopic: [0.1, 0.2, 0.35] });
    let previous = -1;
    for (let s = 0; s <= 1; s += 0.05) {
      const c = confidenceOf(calibration, s);
      expect(c).toBeGreaterThanOrEqual(0);
      expect(c).toBeLessThanOrEqual(1);
      expect(c).toBeGreaterThan(previous);
      previous = c;
    }
    const en = matcherFor(skill('fridge-chef'), 'en-US', language);
    const exact = en.match('what can I cook').confidence;
    const paraphrase = en.match('got any thoughts on what I might cook this evening');
    expect(exact).toBeGreaterThan(paraphrase.confidence);
  });

  it('matches any authored sample, slots filled with one of their values, to its own intent and slots', () => {
    for (const locale of ['en-US', 'de-DE'] as const) {
      const s = skill('coffee-companion');
      const model = language.model(s, locale);
      const matcher = matcherFor(s, locale, language);
      const cases = model.intents.flatMap((intent) =>
        uniqueSamples(intent).map((text) => ({ intent, text })),
      );
      fc.assert(
        fc.property(fc.constantFrom(...cases), fc.nat(), ({ intent, text }, seed) => {
          const expected: Record<string, string> = {};
          const filled = text.replace(slotReferencePattern(), (reference) => {
            const name = reference.slice(1, -1);
            const type = intent.slots[name]?.type;
            if (type === 'AMAZON.NUMBER') {
              expected[name] = String(2 + (seed % 40));
              return expected[name];
            }
            const values = valuesOfType(model, type);
            const value = values[seed % values.length]!;
            expected[name] = value.id;
            return value.value;
          });
          const result = matcher.match(filled);
          // Samples that are the same text in two intents may go to either; no sample here is.
          expect(result.intent, filled).toBe(intent.name);
          for (const [name, id] of Object.entries(expected))
            expect(result.slots[name]?.id ?? result.slots[name]?.value, `${filled}: ${name}`).toBe(id);
        }),
        { seed: 13, numRuns: 150 },
      );
    }
  });
});

describe('the work of understanding long text', () => {
  it('bounds a 500-character input, one word or many, by 5 normal typed turns (MatchMeter steps)', () => {
    for (const locale of PRIMARY_LOCALES) {
      const s = skill('fridge-chef');
      const matcher = matcherFor(s, locale, language);
      const stepsOf = (text: string, expecting?: { intent: string; slot: string }) => {
        const meter = { steps: 0 };
        matcher.match(text, expecting, meter);
        return meter.steps;
      };
      const normal = DEV_SET[locale].filter((p) => p.skill === s.id).map((p) => stepsOf(p.text));
      const mean = normal.reduce((a, b) => a + b, 0) / normal.length;
      const long = [
        'İ'.repeat(500),
        'tomatoes'.repeat(62),
        DEV_SET[locale]
          .map((p) => p.text)
          .join(' ')
          .slice(0, 500),
      ];
      for (const text of long) {
        const expecting = { intent: 'AddToShoppingListIntent', slot: 'ingredient' };
        expect(stepsOf(text) / mean, `${locale}: ${text.slice(0, 30)}`).toBeLessThanOrEqual(5);
        expect(stepsOf(text, expecting) / mean, `${locale}: ${text.slice(0, 30)}`).toBeLessThanOrEqual(5);
      }
    }
  });
});

describe('confusable intents', () => {
  it('names intents whose held-out samples go to another intent, with the samples', () => {
    const model = tinyModel('en-US', {
      OrderCoffee: ['order coffee', 'order more coffee', 'buy coffee'],
      BuyCoffee: ['buy more coffee', 'buy coffee now', 'get more coffee'],
      Weather: ['what is the weather', 'weather forecast'],
    });
    const pairs = confusableIntents(model, bareLexicon());
    expect(pairs.length).toBeGreaterThan(0);
    for (const pair of pairs) {
      expect(['OrderCoffee', 'BuyCoffee']).toContain(pair.intentA);
      expect(['OrderCoffee', 'BuyCoffee']).toContain(pair.intentB);
      expect(pair.score).toBeGreaterThan(0);
      expect(pair.score).toBeLessThanOrEqual(1);
      expect(pair.examples.length).toBeGreaterThan(0);
    }
    expect(pairs.map((p) => p.score)).toEqual([...pairs.map((p) => p.score)].sort((a, b) => b - a));
  });

  it('finds none between intents that share no words', () => {
    const model = tinyModel('en-US', {
      Coffee: ['order coffee', 'order more coffee', 'coffee please'],
      Weather: ['what is the weather', 'weather forecast', 'forecast for tomorrow'],
    });
    expect(confusableIntents(model, bareLexicon())).toEqual([]);
  });
});
