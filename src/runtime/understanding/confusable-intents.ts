/**
 * Intents of a skill whose samples the matcher's similarity stage confuses,
 * for `hearth validate` to warn about and to say where more samples would
 * help: each authored sample held out, the model without it asked which
 * intent it is (the same model that understands typed text).
 */
import type { Lexicon } from '../matcher.js';
import type { SkillModel } from '../skill-model.js';
import { createSimilarityModel } from './similarity-model.js';

/** Samples of `intentA` that the model, without them, takes for `intentB`. */
export type ConfusablePair = {
  intentA: string;
  intentB: string;
  /** The samples of A read as B, as authored. */
  examples: string[];
  /** The share of A's samples read as B, in (0, 1]. */
  score: number;
};

/** Pairs of intents whose held-out samples go to the other intent, most confused first. */
export function confusableIntents(model: SkillModel, lexicon: Lexicon): ConfusablePair[] {
  const heldOut = createSimilarityModel(model, lexicon).heldOut();
  const totals = new Map<string, number>();
  const pairs = new Map<string, ConfusablePair>();
  for (const { intent, text, ranking } of heldOut) {
    totals.set(intent, (totals.get(intent) ?? 0) + 1);
    const top = ranking[0];
    if (!top || top.intent === intent || top.score <= 0) continue;
    const key = `${intent}\u0000${top.intent}`;
    const pair = pairs.get(key) ?? { intentA: intent, intentB: top.intent, examples: [], score: 0 };
    pair.examples.push(text);
    pairs.set(key, pair);
  }
  return [...pairs.values()]
    .map((pair) => ({ ...pair, score: pair.examples.length / (totals.get(pair.intentA) ?? 1) }))
    .sort(
      (a, b) => b.score - a.score || a.intentA.localeCompare(b.intentA) || a.intentB.localeCompare(b.intentB),
    );
}
