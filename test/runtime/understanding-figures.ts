/**
 * The figures of the matcher's understanding on data it may be developed on:
 * the dev set (understanding-dev-set.ts), the authored samples held out one at
 * a time, and the off-topic calibration requests of each language. Shared by
 * understanding.test.ts and anyone printing them.
 */
import { SKILLS } from '../../skills/index.js';
import { matcherFor } from '../../src/runtime/conversation.js';
import { loadDefaultLanguage } from '../../src/runtime/default-language.js';
import { PRIMARY_LOCALES } from '../../src/runtime/locales.js';
import { DEV_SET, type DevPhrase } from './understanding-dev-set.js';

const language = loadDefaultLanguage();
const skillOf = (id: string) => SKILLS.find((s) => s.id === id)!;

/** Whether the matcher gets a dev phrase right: intent, and each expected slot by id (or value). */
export function understands(locale: (typeof PRIMARY_LOCALES)[number], phrase: DevPhrase) {
  const result = matcherFor(skillOf(phrase.skill), locale, language).match(phrase.text);
  const slotsRight = Object.entries(phrase.slots ?? {}).every(
    ([name, expected]) => (result.slots[name]?.id ?? result.slots[name]?.value) === expected,
  );
  return { result, right: result.intent === phrase.intent && slotsRight };
}

export type LocaleFigures = {
  locale: string;
  dev: number;
  devMisses: string[];
  heldOut: number;
  offTopicRefused: number;
  offTopicAccepted: string[];
};

/** Dev accuracy, held-out accuracy (calibration) and off-topic refusal (whole matcher) per primary locale. */
export function understandingFigures(): LocaleFigures[] {
  return PRIMARY_LOCALES.map((locale) => {
    const dev = DEV_SET[locale].map((phrase) => ({ phrase, ...understands(locale, phrase) }));
    const misses = dev
      .filter((d) => !d.right)
      .map((d) => `${d.phrase.text} -> ${d.result.intent} ${JSON.stringify(d.result.slots)}`);
    const offTopic = language.lexicon(locale).offTopic ?? [];
    const accepted: string[] = [];
    let heldOut = 0;
    for (const skill of SKILLS) {
      const matcher = matcherFor(skill, locale, language);
      heldOut += (matcher.calibration?.heldOutAccepted ?? 0) / SKILLS.length;
      for (const text of offTopic) {
        const r = matcher.match(text);
        if (r.intent !== 'AMAZON.FallbackIntent') accepted.push(`${skill.id}: ${text} -> ${r.intent}`);
      }
    }
    return {
      locale,
      dev: dev.filter((d) => d.right).length / dev.length,
      devMisses: misses,
      heldOut,
      offTopicRefused: 1 - accepted.length / Math.max(1, offTopic.length * SKILLS.length),
      offTopicAccepted: accepted,
    };
  });
}
