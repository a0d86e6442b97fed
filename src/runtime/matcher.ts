/**
 * A local intent matcher built from the authored samples and slot values of
 * one skill in one locale: typed text -> intent + slots. Used by the
 * simulator, the vitest helpers and screen turns sent as `{ text }`.
 *
 * Each sample is aligned with the input by a small edit distance over tokens:
 * words may carry typos (cost grows with distance), filler words ("please",
 * "s'il te plaît", articles) cost little when extra, slot positions consume a
 * span that is a known value (or a number), or any short span at a price.
 * Normalisation makes case, accents and punctuation irrelevant. The language's
 * filler and number words come in as a `Lexicon`, read from the locale files
 * (lexicon.ts), never from tables here.
 *
 * Only the samples closest to the text by the similarity stage are aligned
 * (understanding/similarity-model.ts), which bounds the aligner's work. When
 * no sample aligns within the threshold, that stage (stems, elisions and
 * contractions, typos, values and numbers in free text) answers if its score
 * passes the threshold cross-validated when the matcher is built
 * (understanding/calibration.ts): held-out samples accepted, the language's
 * off-topic requests refused. Building costs a few milliseconds per skill and
 * locale, once, lazily; nothing is generated or committed.
 */
import type { SkillModel } from './skill-model.js';
import { slotReferencePattern } from './slot-pattern.js';
import type { SlotValue } from './turn.js';
import { type Calibration, calibrate, calibrationScores, confidenceOf } from './understanding/calibration.js';
import { createSimilarityModel, type Similarity, sampleKey } from './understanding/similarity-model.js';
import {
  editDistance,
  normaliseText,
  type Token,
  tokenize,
  typoLimit,
  matchWork as work,
} from './understanding/typed-words.js';

export { normaliseText, tokenize } from './understanding/typed-words.js';

/** What the matcher understood. `intent` is `AMAZON.FallbackIntent` when nothing matched well enough. */
export type MatchResult = { intent: string; slots: Record<string, SlotValue>; confidence: number };

/** A slot the conversation is waiting for (the runtime's elicitation), so a bare value can fill it. */
export type Expectation = { intent: string; slot: string };

/**
 * Counts the work of matches, deterministically: alignment cells, slot values tried and letters
 * compared. Tests bound it; a bench turns it into time.
 */
export type MatchMeter = { steps: number };

export type Matcher = {
  match(text: string, expecting?: Expectation, meter?: MatchMeter): MatchResult;
  /** The similarity stage's threshold and confidence, as cross-validated when the matcher was built. */
  readonly calibration?: Calibration;
};

/** A language's words the matcher needs besides a skill's samples, normalised like its input (`normaliseText`). */
export type Lexicon = {
  /** Single words that cost little when extra. */
  fillers: ReadonlySet<string>;
  /** Spoken numbers, words joined by single spaces ("vingt cinq"), and their values. */
  numbers: ReadonlyMap<string, number>;
  /** Elided words as tokenized ("l") and the words they stand for (["le"]); absent when the language has none. */
  elisions?: ReadonlyMap<string, readonly string[]>;
  /** Contracted words and the words they contract ("zum" -> ["zu", "dem"]). */
  contractions?: ReadonlyMap<string, readonly string[]>;
  /** Requests a skill in this language must refuse, which set the similarity stage's threshold. */
  offTopic?: readonly string[];
};

const FALLBACK = 'AMAZON.FallbackIntent';
/** What an extra filler word costs; any other extra word costs 1. */
const FILLER_COST = 0.25;
/** Above this cost per sample token a match is not trusted. */
const THRESHOLD = 0.34;

/** A word and every word made by leaving out up to `most` of its letters. */
function deletionsOf(word: string, most: number): Set<string> {
  const found = new Set([word]);
  let layer = [word];
  for (let d = 0; d < most; d++) {
    const next: string[] = [];
    for (const w of layer) {
      work.steps += w.length;
      for (let i = 0; i < w.length; i++) {
        const shorter = w.slice(0, i) + w.slice(i + 1);
        if (!found.has(shorter)) {
          found.add(shorter);
          next.push(shorter);
        }
      }
    }
    layer = next;
  }
  return found;
}

/** Cost of reading text word `heard` where the sample has `expected`: 0 equal, small for a typo, 1 otherwise. */
function wordCost(expected: string, heard: string): number {
  if (expected === heard) return 0;
  const limit = typoLimit(expected);
  if (limit === 0) return 1;
  const d = editDistance(expected, heard, limit);
  return d <= limit ? 0.3 * d : 1;
}

type SamplePart = { kind: 'word'; norm: string } | { kind: 'slot'; name: string; type: string };
/** A sample, and for each position the most input tokens the parts from there on can consume. */
type CompiledSample = { intent: string; parts: SamplePart[]; reach: number[]; stems: string[]; key: string };
type ValueEntry = { id: string; value: string; tokens: string[] };

type SlotFill = { name: string; value: SlotValue; cost: number; length: number };

/** Build a matcher for one skill's merged model in one locale, with that locale's lexicon. */
export function createMatcher(model: SkillModel, lexicon: Lexicon): Matcher {
  const { fillers, numbers } = lexicon;
  // A number slot reads spans up to the longest spoken number (at least one written number).
  let numberSpan = 1;
  for (const phrase of numbers.keys()) numberSpan = Math.max(numberSpan, phrase.split(' ').length);
  const similarity = createSimilarityModel(model, lexicon);
  const calibration = calibrate(calibrationScores(similarity, lexicon.offTopic ?? []));
  const intentSlots = new Map(model.intents.map((i) => [i.name, i.slots]));
  const values = new Map<string, ValueEntry[]>();
  for (const [type, list] of Object.entries(model.types)) {
    const entries: ValueEntry[] = [];
    for (const v of list) {
      for (const phrase of [v.value, ...(v.synonyms ?? [])]) {
        const tokens = tokenize(phrase).map((t) => t.norm);
        if (tokens.length) entries.push({ id: v.id, value: v.value, tokens });
      }
    }
    // Longest phrases first so "pommes de terre" wins over "pommes".
    values.set(
      type,
      entries.sort((a, b) => b.tokens.length - a.tokens.length),
    );
  }
  // The values of each type by their first word and its deletions up to that word's typo limit: a
  // typed word finds every value whose first word is within the limit (symmetric deletions) without
  // comparing it with every value, so the work of a slot does not grow with the number of values.
  const firstWords = new Map<string, Map<string, number[]>>();
  let longestFirst = 0;
  for (const [type, entries] of values) {
    const index = new Map<string, number[]>();
    entries.forEach((entry, at) => {
      const first = entry.tokens[0] ?? '';
      longestFirst = Math.max(longestFirst, first.length);
      for (const key of deletionsOf(first, typoLimit(first))) {
        const list = index.get(key);
        if (!list) index.set(key, [at]);
        else if (list[list.length - 1] !== at) list.push(at);
      }
    });
    firstWords.set(type, index);
  }
  const samples: CompiledSample[] = [];
  for (const intent of model.intents) {
    for (const sample of intent.samples) {
      const parts: SamplePart[] = [];
      for (const piece of sample.text.split(slotReferencePattern())) {
        const slot = /^\{([^{}]*)\}$/.exec(piece);
        if (slot) {
          const name = slot[1] ?? '';
          parts.push({ kind: 'slot', name, type: intent.slots[name]?.type ?? '' });
        } else {
          for (const t of tokenize(piece)) parts.push({ kind: 'word', norm: t.norm });
        }
      }
      if (!parts.length) continue;
      const reach = Array.from({ length: parts.length + 1 }, () => 0);
      for (let j = parts.length - 1; j >= 0; j--) {
        const part = parts[j];
        const most = part?.kind === 'slot' ? longestFill(part.type) : 1;
        reach[j] = (reach[j + 1] ?? 0) + most;
      }
      const words = sample.text.replace(slotReferencePattern(), ' ');
      samples.push({
        intent: intent.name,
        parts,
        reach,
        stems: similarity.stemsOf(words),
        key: sampleKey(intent.name, sample.text),
      });
    }
  }
  // The most tokens any sample can absorb within the threshold (each token past its reach costs at
  // least a filler's price). Longer text would be refused at the start of every alignment, so it is
  // not aligned at all: whatever a screen sends, the work is bounded by the model, not the text.
  const maxTokens = Math.max(
    0,
    ...samples.map((s) => (s.reach[0] ?? 0) + Math.ceil((THRESHOLD * s.parts.length) / FILLER_COST)),
  );

  /** The most tokens a slot of `type` can consume: a known value, a number, or up to 3 unknown words. */
  function longestFill(type: string): number {
    if (type === 'AMAZON.NUMBER') return numberSpan;
    return Math.max(3, values.get(type)?.[0]?.tokens.length ?? 0);
  }

  /** Ways a slot of `type` can consume tokens starting at `i`. */
  function slotFills(type: string, name: string, tokens: Token[], i: number): SlotFill[] {
    const fills: SlotFill[] = [];
    if (type === 'AMAZON.NUMBER') {
      for (let k = Math.min(numberSpan, tokens.length - i); k >= 1; k--) {
        const span = tokens.slice(i, i + k);
        const key = span.map((t) => t.norm).join(' ');
        const n = /^\d+$/.test(key) ? Number(key) : numbers.get(key);
        if (n !== undefined) {
          fills.push({
            name,
            value: { raw: span.map((t) => t.raw).join(' '), value: String(n) },
            cost: 0,
            length: k,
          });
          break;
        }
      }
      return fills;
    }
    const entries = values.get(type) ?? [];
    const index = firstWords.get(type);
    const candidates = new Set<number>();
    const heard = tokens[i]?.norm ?? '';
    // A word longer than any first word by more than two letters is none of them, even with typos.
    for (const key of heard.length > longestFirst + 2 ? [] : deletionsOf(heard, 2)) {
      work.steps++;
      for (const at of index?.get(key) ?? []) candidates.add(at);
    }
    for (const at of [...candidates].sort((a, b) => a - b)) {
      const entry = entries[at] as ValueEntry;
      work.steps++;
      const k = entry.tokens.length;
      if (i + k > tokens.length) continue;
      let cost = 0;
      for (let x = 0; x < k && cost < 1; x++)
        cost += wordCost(entry.tokens[x] ?? '', tokens[i + x]?.norm ?? '');
      if (cost < 1) {
        const raw = tokens
          .slice(i, i + k)
          .map((t) => t.raw)
          .join(' ');
        fills.push({ name, value: { raw, value: entry.value, id: entry.id }, cost: cost / k, length: k });
      }
    }
    // An unknown value still fills the slot (as on Alexa), unresolved and at a price.
    for (let k = 1; k <= Math.min(3, tokens.length - i); k++) {
      const raw = tokens
        .slice(i, i + k)
        .map((t) => t.raw)
        .join(' ');
      fills.push({ name, value: { raw, value: raw }, cost: 0.6 + 0.2 * (k - 1), length: k });
    }
    return fills;
  }

  /**
   * The cheapest alignment of a sample with the input, or infinity when it cannot score within the
   * threshold: a path is dropped once its cost plus the least it must still pay (every input token
   * the remaining parts cannot consume costs at least a filler's 0.25) passes THRESHOLD per part.
   * Such a path could never be the match, so the result is the same, only sooner; a long input
   * that no sample can absorb is refused without aligning at all.
   */
  function align(
    sample: CompiledSample,
    tokens: Token[],
    fillsAt: (type: string, name: string, i: number) => SlotFill[],
  ): { cost: number; slots: Record<string, SlotValue> } {
    work.steps++;
    const n = tokens.length;
    const m = sample.parts.length;
    type Cell = { cost: number; slots: Record<string, SlotValue> };
    const inf: Cell = { cost: Number.POSITIVE_INFINITY, slots: {} };
    const budget = THRESHOLD * m;
    const leastStill = (i: number, j: number) => FILLER_COST * Math.max(0, n - i - (sample.reach[j] ?? 0));
    if (leastStill(0, 0) > budget) return inf;
    // dp[i][j]: best cost having read i text tokens and j sample parts.
    const dp: Cell[][] = Array.from({ length: n + 1 }, () => Array.from({ length: m + 1 }, () => inf));
    const set = (i: number, j: number, cell: Cell) => {
      work.steps++;
      const row = dp[i];
      if (cell.cost + leastStill(i, j) > budget) return;
      if (row && cell.cost < (row[j]?.cost ?? Number.POSITIVE_INFINITY)) row[j] = cell;
    };
    set(0, 0, { cost: 0, slots: {} });
    for (let i = 0; i <= n; i++) {
      for (let j = 0; j <= m; j++) {
        work.steps++;
        const here = dp[i]?.[j];
        if (!here || here.cost === Number.POSITIVE_INFINITY) continue;
        const token = tokens[i];
        if (token)
          set(i + 1, j, { cost: here.cost + (fillers.has(token.norm) ? FILLER_COST : 1), slots: here.slots });
        const part = sample.parts[j];
        if (!part) continue;
        if (part.kind === 'word') {
          set(i, j + 1, { cost: here.cost + 1, slots: here.slots });
          if (token)
            set(i + 1, j + 1, { cost: here.cost + wordCost(part.norm, token.norm), slots: here.slots });
        } else {
          set(i, j + 1, { cost: here.cost + 0.5, slots: here.slots });
          for (const fill of fillsAt(part.type, part.name, i)) {
            set(i + fill.length, j + 1, {
              cost: here.cost + fill.cost,
              slots: { ...here.slots, [fill.name]: fill.value },
            });
          }
        }
      }
    }
    return dp[n]?.[m] ?? inf;
  }

  function matchText(text: string, expecting: Expectation | undefined): MatchResult {
    const tokens = tokenize(text);
    if (!tokens.length) return { intent: FALLBACK, slots: {}, confidence: 0 };
    if (expecting) {
      // The expectation comes from client-held session state: own slot names only.
      const slots = model.intents.find((i) => i.name === expecting.intent)?.slots ?? {};
      const slot = Object.hasOwn(slots, expecting.slot) ? slots[expecting.slot] : undefined;
      if (slot) {
        const content = tokens.filter((t) => !fillers.has(t.norm));
        const fill = slotFills(slot.type, expecting.slot, content, 0).find(
          (f) => f.length === content.length && f.cost < 0.5,
        );
        if (fill)
          return {
            intent: expecting.intent,
            slots: { [expecting.slot]: fill.value },
            confidence: 1 - fill.cost,
          };
      }
    }
    if (tokens.length > maxTokens && tokens.length > similarity.maxWords)
      return { intent: FALLBACK, slots: {}, confidence: 0 };
    const heard = tokens.length <= similarity.maxWords ? similarity.score(tokens) : undefined;
    if (tokens.length > maxTokens) return understood(heard);
    // The ways a slot type fills the input at a position are the same for every sample: find them once.
    const fills = new Map<string, SlotFill[]>();
    const fillsAt = (type: string, name: string, i: number) => {
      const key = `${type}\u0000${i}`;
      let found = fills.get(key);
      if (!found) {
        found = slotFills(type, '', tokens, i);
        fills.set(key, found);
      }
      return found.map((fill) => ({ ...fill, name }));
    };
    let best: { intent: string; slots: Record<string, SlotValue>; score: number; size: number } | undefined;
    for (const sample of samples) {
      // Only the samples closest to the text by the similarity stage (and those of slots alone) are
      // aligned: a sample sharing little with the text cannot align within the threshold, and the
      // aligner's work stays bounded by CLOSEST alignments whatever the text.
      if (heard && sample.stems.length > 0 && !heard.closest.has(sample.key)) continue;
      const { cost, slots } = align(sample, tokens, fillsAt);
      const score = cost / Math.max(sample.parts.length, 1);
      if (!best || score < best.score || (score === best.score && sample.parts.length > best.size)) {
        best = { intent: sample.intent, slots, score, size: sample.parts.length };
      }
    }
    if (!best || best.score > THRESHOLD) return understood(heard);
    return {
      intent: best.intent,
      slots: narrowed(best.intent, best.slots, heard),
      confidence: Math.max(0, 1 - best.score),
    };
  }

  /**
   * A slot the aligner filled with a span that is no value ("café descafeinado") takes the value
   * recognised inside that span ("descafeinado": decaf), when there is exactly one of its type.
   */
  function narrowed(
    intent: string,
    slots: Record<string, SlotValue>,
    heard: Similarity | undefined,
  ): Record<string, SlotValue> {
    if (!heard?.recognised.length) return slots;
    const definitions = intentSlots.get(intent) ?? {};
    let out = slots;
    for (const [name, value] of Object.entries(slots)) {
      const type = Object.hasOwn(definitions, name) ? definitions[name]?.type : undefined;
      if (value.id !== undefined || type === undefined) continue;
      const span = ` ${normaliseText(value.raw)} `;
      const inside = heard.recognised.filter(
        (r) =>
          r.type === type && r.value.id !== undefined && span.includes(` ${normaliseText(r.value.raw)} `),
      );
      if (inside.length === 1 && inside[0]) out = { ...out, [name]: inside[0].value };
    }
    return out;
  }

  /** The second stage: the most similar intent when it scores above the calibrated threshold. */
  function understood(heard: Similarity | undefined): MatchResult {
    if (!heard) return { intent: FALLBACK, slots: {}, confidence: 0 };
    const { ranking, recognised } = heard;
    const top = ranking[0];
    if (!top || top.score < calibration.threshold) return { intent: FALLBACK, slots: {}, confidence: 0 };
    const slots: Record<string, SlotValue> = {};
    const unused = [...recognised];
    for (const [name, slot] of Object.entries(intentSlots.get(top.intent) ?? {})) {
      const at = unused.findIndex((r) => r.type === slot.type);
      if (at < 0) continue;
      slots[name] = unused[at]?.value as SlotValue;
      unused.splice(at, 1);
    }
    return { intent: top.intent, slots, confidence: confidenceOf(calibration, top.score) };
  }

  return {
    calibration,
    match(text, expecting, meter) {
      const before = work.steps;
      try {
        return matchText(text, expecting);
      } finally {
        if (meter) meter.steps += work.steps - before;
      }
    },
  };
}
