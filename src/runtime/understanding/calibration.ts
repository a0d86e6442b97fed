/**
 * The similarity stage's threshold and confidence, chosen on data the matcher
 * is built from, never on an evaluation set: each authored sample held out
 * (leave-one-out: the model without it must still accept it, under its own
 * intent) and the language's off-topic requests (`offTopic` in
 * common/matcher.json: the model must refuse them). Deterministic.
 */
import type { SimilarityModel } from './similarity-model.js';
import { tokenize } from './typed-words.js';

export type Calibration = {
  /** The least similarity score accepted. */
  threshold: number;
  /** Confidence = 1 / (1 + e^-(slope * score + intercept)): the chance a match at that score is right. */
  slope: number;
  intercept: number;
  /** Held-out samples ranked under their own intent and accepted, over all held-out samples. */
  heldOutAccepted: number;
  /** Off-topic requests refused, over all of them (1 when there are none). */
  offTopicRefused: number;
};

/**
 * What accepting an off-topic request costs, against refusing a phrasing meant for the skill:
 * a wrong action (an order started, a list changed, a promotion) is worse than "sorry, say that
 * again", so a refusal counts twice an acceptance when the threshold is chosen.
 */
export const OFF_TOPIC_WEIGHT = 2;

/** The scores the calibration is computed from: held-out samples (right intent or not) and off-topic requests. */
export type CalibrationScores = { right: number[]; wrong: number[]; offTopic: number[] };

/** Score the held-out samples and the off-topic requests with the model. */
export function calibrationScores(model: SimilarityModel, offTopic: readonly string[]): CalibrationScores {
  const right: number[] = [];
  const wrong: number[] = [];
  for (const { intent, ranking } of model.heldOut()) {
    const top = ranking[0];
    if (top && top.intent === intent) right.push(top.score);
    else wrong.push(top?.score ?? 0);
  }
  const offTopicScores = offTopic.map((text) => model.score(tokenize(text)).ranking[0]?.score ?? 0);
  return { right, wrong, offTopic: offTopicScores };
}

/**
 * The threshold that best separates held-out samples ranked right from off-topic requests (the rate
 * of the first accepted plus OFF_TOPIC_WEIGHT times the rate of the second refused; ties go to the
 * middle of the widest gap), and a logistic fit of "right" on the score.
 */
export function calibrate({ right, wrong, offTopic }: CalibrationScores): Calibration {
  const candidates = [...new Set([...right, ...offTopic])].sort((a, b) => a - b);
  const cuts = [0, ...candidates.slice(1).map((s, i) => (s + (candidates[i] ?? 0)) / 2), 1];
  let best = { cut: 0.5, value: Number.NEGATIVE_INFINITY, gap: 0 };
  const rate = (scores: number[], pass: (s: number) => boolean, empty: number) =>
    scores.length ? scores.filter(pass).length / scores.length : empty;
  for (let k = 0; k < cuts.length; k++) {
    const cut = cuts[k] ?? 0;
    const value = rate(right, (s) => s >= cut, 1) + OFF_TOPIC_WEIGHT * rate(offTopic, (s) => s < cut, 1);
    const gap = (cuts[k + 1] ?? 1) - (cuts[k - 1] ?? 0);
    if (value > best.value + 1e-12 || (Math.abs(value - best.value) <= 1e-12 && gap > best.gap))
      best = { cut, value, gap };
  }
  const threshold = best.cut;
  const { slope, intercept } = logisticFit([
    ...right.map((s) => ({ s, y: 1 })),
    ...wrong.map((s) => ({ s, y: 0 })),
    ...offTopic.map((s) => ({ s, y: 0 })),
  ]);
  return {
    threshold,
    slope,
    intercept,
    heldOutAccepted:
      (right.filter((s) => s >= threshold).length || 0) / Math.max(1, right.length + wrong.length),
    offTopicRefused: rate(offTopic, (s) => s < threshold, 1),
  };
}

/** The calibrated confidence of a similarity score. */
export function confidenceOf(calibration: Calibration, score: number): number {
  return 1 / (1 + Math.exp(-(calibration.slope * score + calibration.intercept)));
}

/**
 * Logistic regression of y on s, classes weighted equally, by Newton's method with a small ridge so
 * that separable data still gives a finite, increasing slope.
 */
function logisticFit(points: { s: number; y: number }[]): { slope: number; intercept: number } {
  const positives = points.filter((p) => p.y === 1).length;
  const negatives = points.length - positives;
  if (!positives || !negatives) return { slope: 10, intercept: -5 };
  const weightOf = (y: number) =>
    y === 1 ? points.length / (2 * positives) : points.length / (2 * negatives);
  let a = 0;
  let b = 0;
  const ridge = 0.01;
  for (let iteration = 0; iteration < 50; iteration++) {
    let ga = -ridge * a;
    let gb = 0;
    let haa = ridge;
    let hab = 0;
    let hbb = 1e-9;
    for (const { s, y } of points) {
      const p = 1 / (1 + Math.exp(-(a * s + b)));
      const w = weightOf(y);
      ga += w * (y - p) * s;
      gb += w * (y - p);
      const h = w * p * (1 - p);
      haa += h * s * s;
      hab += h * s;
      hbb += h;
    }
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-12) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a += da;
    b += db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return { slope: Math.max(a, 1e-6), intercept: b };
}
