/**
 * The `nlu` benchmark: typed understanding on the held-out evaluation set
 * (test/nlu/evaluation/<locale>.json), overall and per primary locale. Figures
 * `nlu.accuracy` (intent and slots right) and `nlu.offtopic_refused`, with the
 * targets of issue 13; `nlu.intent_accuracy` for reading alongside.
 */
import { loadDefaultLanguage } from '../src/runtime/default-language.js';
import { describeMiss, evaluateUnderstanding, overallUnderstanding } from './nlu-accuracy.js';
import { loadEvaluationSets } from './nlu-evaluation-set.js';
import { type BenchModule, type BenchResult, benchResult, reported } from './results.js';
import { rounded } from './stats.js';

/** Targets of issue 13: understood overall and in every locale; off-topic refused. */
export const NLU_TARGETS = {
  accuracy: 0.9,
  localeAccuracy: 0.85,
  offTopicRefused: 0.9,
} as const;

export const nluBench: BenchModule = {
  name: 'nlu',
  async run(): Promise<BenchResult[]> {
    const language = loadDefaultLanguage();
    const locales = loadEvaluationSets().map((set) => evaluateUnderstanding(set, language));
    const overall = overallUnderstanding(locales);
    for (const l of locales) {
      console.log(
        `  ${l.locale}: ${l.count} phrasings, accuracy ${rounded(l.accuracy, 3)} (intent ${rounded(l.intentAccuracy, 3)}); ${l.offTopicCount} off-topic, refused ${rounded(l.offTopicRefused, 3)}; ${l.misses.length} misses`,
      );
      for (const miss of l.misses) console.log(`    ${describeMiss(miss)}`);
    }
    const ratio = (name: string, value: number, target: number | null) =>
      benchResult(name, rounded(value, 3), 'ratio', target === null ? null : { op: '>=', value: target });
    return reported([
      ratio('nlu.accuracy', overall.accuracy, NLU_TARGETS.accuracy),
      ...locales.map((l) => ratio(`nlu.accuracy.${l.locale}`, l.accuracy, NLU_TARGETS.localeAccuracy)),
      ratio('nlu.intent_accuracy', overall.intentAccuracy, null),
      ratio('nlu.offtopic_refused', overall.offTopicRefused, NLU_TARGETS.offTopicRefused),
      ...locales.map((l) =>
        ratio(`nlu.offtopic_refused.${l.locale}`, l.offTopicRefused, NLU_TARGETS.offTopicRefused),
      ),
    ]);
  },
};
