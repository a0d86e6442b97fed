/**
 * How well typed text is understood, on the held-out evaluation set (nlu-evaluation-set.ts):
 * each phrasing goes through the matcher exactly as a screen's `{ text }` turn without a
 * session does (`matcherFor(skill, locale, language).match(text)`), and is right when both
 * the intent and the slots are; each off-topic request must be refused by every skill of the
 * set. The bench (`nlu.accuracy`, `nlu.offtopic_refused`) and the floor test both use it.
 */
import { SKILLS } from '../skills/index.js';
import { matcherFor } from '../src/runtime/conversation.js';
import { loadDefaultLanguage } from '../src/runtime/default-language.js';
import type { LanguageData } from '../src/runtime/i18n.js';
import type { Locale } from '../src/runtime/locales.js';
import type { SkillDefinition } from '../src/runtime/skill-definition.js';
import type { SkillModel } from '../src/runtime/skill-model.js';
import type { SlotValue } from '../src/runtime/turn.js';
import { EVALUATED_SKILLS, type EvaluationSet, type PhraseTrait } from './nlu-evaluation-set.js';

const FALLBACK = 'AMAZON.FallbackIntent';

/** An intent and its slots as the set writes them: custom values by id, numbers by digits. */
export type Understood = { intent: string; slots: Record<string, string> };

/** A phrasing understood wrongly, or an off-topic request a skill accepted. */
export type UnderstandingMiss = {
  kind: 'phrase' | 'off-topic';
  skill: string;
  text: string;
  /** What it means; for an off-topic request, the fallback. */
  expected: Understood;
  got: Understood & { confidence: number };
  /** Whether the intent at least was right (phrases only). */
  intentRight: boolean;
  /** What makes the phrase differ from the samples (phrases only); the off-topic request's topic. */
  traits: readonly (PhraseTrait | string)[];
};

/** The figures of one locale. */
export type LocaleUnderstanding = {
  locale: Locale;
  /** Phrasings meant for a skill. */
  count: number;
  /** Share of phrasings with the intent and every slot right (and no other slot filled). */
  accuracy: number;
  /** Share of phrasings with the intent right, whatever the slots. */
  intentAccuracy: number;
  /** Off-topic requests, each tried on every skill of the set. */
  offTopicCount: number;
  /** Share of (off-topic request, skill) pairs refused. */
  offTopicRefused: number;
  misses: UnderstandingMiss[];
};

/** Pooled over locales: every phrasing (and off-topic pair) counts once. */
export type OverallUnderstanding = Omit<LocaleUnderstanding, 'locale'>;

/**
 * A match's slots in the set's terms: the value id of a custom slot, the digits of a number; a
 * custom value the matcher could not resolve is written `?raw`, so it never equals an id.
 */
function answeredSlots(
  model: SkillModel,
  intent: string,
  slots: Record<string, SlotValue>,
): Record<string, string> {
  const defined = model.intents.find((i) => i.name === intent)?.slots ?? {};
  const answered: Record<string, string> = {};
  for (const [name, value] of Object.entries(slots)) {
    const type = Object.hasOwn(defined, name) ? defined[name]?.type : undefined;
    answered[name] = type === 'AMAZON.NUMBER' ? value.value : (value.id ?? `?${value.raw}`);
  }
  return answered;
}

function sameSlots(a: Record<string, string>, b: Record<string, string>): boolean {
  const names = Object.keys(a);
  return names.length === Object.keys(b).length && names.every((name) => b[name] === a[name]);
}

function skillOf(id: string, skills: readonly SkillDefinition[]): SkillDefinition {
  const skill = skills.find((s) => s.id === id);
  if (!skill) throw new Error(`the evaluation set names skill ${id}, which is not registered`);
  return skill;
}

/** Evaluates one locale's set against the matcher of each skill, as screen text turns use it. */
export function evaluateUnderstanding(
  set: EvaluationSet,
  language: LanguageData = loadDefaultLanguage(),
  skills: readonly SkillDefinition[] = SKILLS,
): LocaleUnderstanding {
  const { locale } = set;
  const misses: UnderstandingMiss[] = [];
  let right = 0;
  let intentRight = 0;
  for (const phrase of set.phrases) {
    const skill = skillOf(phrase.skill, skills);
    const matched = matcherFor(skill, locale, language).match(phrase.text);
    const slots = answeredSlots(language.model(skill, locale), matched.intent, matched.slots);
    const intentOk = matched.intent === phrase.intent;
    const ok = intentOk && sameSlots(phrase.slots, slots);
    if (intentOk) intentRight++;
    if (ok) right++;
    else
      misses.push({
        kind: 'phrase',
        skill: skill.id,
        text: phrase.text,
        expected: { intent: phrase.intent, slots: phrase.slots },
        got: { intent: matched.intent, slots, confidence: matched.confidence },
        intentRight: intentOk,
        traits: phrase.traits,
      });
  }
  let refused = 0;
  let tried = 0;
  for (const request of set.offTopic) {
    for (const id of EVALUATED_SKILLS) {
      const skill = skillOf(id, skills);
      const matched = matcherFor(skill, locale, language).match(request.text);
      tried++;
      if (matched.intent === FALLBACK) refused++;
      else
        misses.push({
          kind: 'off-topic',
          skill: skill.id,
          text: request.text,
          expected: { intent: FALLBACK, slots: {} },
          got: {
            intent: matched.intent,
            slots: answeredSlots(language.model(skill, locale), matched.intent, matched.slots),
            confidence: matched.confidence,
          },
          intentRight: false,
          traits: [request.topic],
        });
    }
  }
  const count = set.phrases.length;
  return {
    locale,
    count,
    accuracy: count ? right / count : 0,
    intentAccuracy: count ? intentRight / count : 0,
    offTopicCount: set.offTopic.length,
    offTopicRefused: tried ? refused / tried : 0,
    misses,
  };
}

/** The figures of several locales pooled: each phrasing and each off-topic pair weighs the same. */
export function overallUnderstanding(locales: readonly LocaleUnderstanding[]): OverallUnderstanding {
  const count = locales.reduce((n, l) => n + l.count, 0);
  const offTopicCount = locales.reduce((n, l) => n + l.offTopicCount, 0);
  const weighted = (pick: (l: LocaleUnderstanding) => number, weight: (l: LocaleUnderstanding) => number) => {
    const total = locales.reduce((n, l) => n + weight(l), 0);
    return total ? locales.reduce((n, l) => n + pick(l) * weight(l), 0) / total : 0;
  };
  return {
    count,
    accuracy: weighted(
      (l) => l.accuracy,
      (l) => l.count,
    ),
    intentAccuracy: weighted(
      (l) => l.intentAccuracy,
      (l) => l.count,
    ),
    offTopicCount,
    offTopicRefused: weighted(
      (l) => l.offTopicRefused,
      (l) => l.offTopicCount,
    ),
    misses: locales.flatMap((l) => l.misses),
  };
}

function shownSlots(slots: Record<string, string>): string {
  const entries = Object.entries(slots);
  return entries.length ? ` {${entries.map(([k, v]) => `${k}: ${v}`).join(', ')}}` : '';
}

/** One line per miss: the text, what it means, what the matcher answered, and why it may differ. */
export function describeMiss(miss: UnderstandingMiss): string {
  const expected = `${miss.expected.intent}${shownSlots(miss.expected.slots)}`;
  const got = `${miss.got.intent}${shownSlots(miss.got.slots)} (${miss.got.confidence.toFixed(2)})`;
  return `${miss.skill}: "${miss.text}" expected ${expected}, got ${got} [${miss.traits.join(', ')}]`;
}
