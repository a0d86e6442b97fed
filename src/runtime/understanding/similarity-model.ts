/**
 * The matcher's second stage: a stemmed TF-IDF similarity of typed text with
 * the authored samples of one skill in one locale, for phrasings the aligner
 * does not recognise ("i want to order more coffee").
 *
 * Text and samples become the same features: stems of the words that are not
 * fillers (after elisions and contractions are expanded, typos on longer
 * words corrected to a known word), stem bigrams for word order, and a
 * placeholder per slot (`#Ingredient`): a sample's `{ingredient}`, or a known
 * value, synonym or number recognised in the text, which also becomes the
 * slot. Words no sample has weigh as much as the rarest known ones, so text
 * about something else scores low. An intent's score mixes the nearest sample
 * and the intent's samples as a whole (their centroid): `score` in [0, 1].
 */

import { languageOf } from '../locales.js';
import type { Lexicon } from '../matcher.js';
import type { SkillModel } from '../skill-model.js';
import { slotReferencePattern } from '../slot-pattern.js';
import type { SlotValue } from '../turn.js';
import { stemmerOf } from './stemmers.js';
import { editDistance, matchWork, type Token, tokenize, typoLimit } from './typed-words.js';

const NUMBER = 'AMAZON.NUMBER';
/** A bigram's weight against a word's: order matters, less than words. */
const BIGRAM_WEIGHT = 0.5;
/** An unseen bigram of the text (words in an order no sample has) weighs this much of a seen one. */
const UNSEEN_BIGRAM = 0.3;
/** The share of the nearest sample in an intent's score; the rest is the intent's centroid. */
const NEAREST_SHARE = 0.5;

/** A value, synonym or number recognised in the text, as the slot it fills (`typo` when read through a corrected word). */
export type Recognised = { type: string; value: SlotValue; typo?: true };

/** An intent and how similar the text is to it, in [0, 1]. */
export type IntentScore = { intent: string; score: number };

/**
 * What the similarity stage says of a text: intents best first, the slot values it recognised, and
 * the stems it read (typos corrected), which tell the aligner which samples are worth aligning.
 */
export type Similarity = {
  ranking: IntentScore[];
  recognised: Recognised[];
  heard: ReadonlySet<string>;
  /** The samples closest to the text (`sampleKey`), at most `CLOSEST` of them: those worth aligning. */
  closest: ReadonlySet<string>;
};

/** How many of the closest samples the aligner tries: bounds its work whatever the text. */
export const CLOSEST = 24;

/** How a sample is named in `closest`. */
export function sampleKey(intent: string, text: string): string {
  return `${intent}\u0000${text}`;
}

/** The held-out score of one authored sample: the model without it, asked about it. */
export type HeldOut = { intent: string; text: string; ranking: IntentScore[] };

export type SimilarityModel = {
  /** Intents with samples, in model order. */
  intents: readonly string[];
  /** How similar each intent is to the text (tokens of `tokenize`). */
  score(tokens: readonly Token[]): Similarity;
  /** Stems of the words of a literal text that are not fillers (a sample's words, for `heard`). */
  stemsOf(text: string): string[];
  /** Every sample scored by the model without it (leave-one-out), deterministic, in model order. */
  heldOut(): HeldOut[];
  /** The most words a text may have and still be scored (longer text is not about one thing). */
  maxWords: number;
};

type Word = { kind: 'word'; raw: string; norm: string; stem: string; filler: boolean; typo?: true };
type Slot = { kind: 'slot'; type: string; words: Word[]; value?: SlotValue };
type Item = Word | Slot;
type ValueEntry = { type: string; id: string; value: string; stems: string[] };
type Vector = Map<string, number>;

/** Build the similarity model of a skill's merged model in a locale, with the locale's lexicon. */
export function createSimilarityModel(model: SkillModel, lexicon: Lexicon): SimilarityModel {
  const stem = stemmerOf(languageOf(model.locale));
  const stems = new Map<string, string>();
  const stemOf = (norm: string): string => {
    let found = stems.get(norm);
    if (found === undefined) {
      matchWork.steps += norm.length;
      found = stem(norm);
    }
    return found;
  };
  const expansions = (norm: string): string[] => {
    const elided = lexicon.elisions?.get(norm) ?? [norm];
    return elided.flatMap((w) => lexicon.contractions?.get(w) ?? [w]);
  };
  const wordsOf = (tokens: readonly Token[]): Word[] =>
    tokens.flatMap((t) =>
      expansions(t.norm).map((norm) => ({
        kind: 'word' as const,
        raw: t.raw,
        norm,
        stem: stemOf(norm),
        filler: lexicon.fillers.has(norm),
      })),
    );

  // The vocabulary: every word of the samples and the slot values, by length for typo look-ups.
  const vocabulary = new Map<string, string>();
  const learn = (words: Word[]) => {
    for (const w of words) {
      stems.set(w.norm, w.stem);
      if (!w.filler) vocabulary.set(w.norm, w.stem);
    }
  };
  const slotTypes = new Set<string>();
  for (const intent of model.intents) for (const s of Object.values(intent.slots)) slotTypes.add(s.type);
  const valueIndex = new Map<string, ValueEntry[]>();
  for (const [type, list] of Object.entries(model.types)) {
    for (const v of list) {
      for (const phrase of [v.value, ...(v.synonyms ?? [])]) {
        const words = wordsOf(tokenize(phrase));
        const first = words[0];
        if (!first) continue;
        learn(words);
        const entry = { type, id: v.id, value: v.value, stems: words.map((w) => w.stem) };
        const list = valueIndex.get(first.stem);
        if (list) list.push(entry);
        else valueIndex.set(first.stem, [entry]);
      }
    }
  }
  for (const entries of valueIndex.values()) entries.sort((a, b) => b.stems.length - a.stems.length);
  let numberSpan = 1;
  for (const phrase of lexicon.numbers.keys()) numberSpan = Math.max(numberSpan, phrase.split(' ').length);

  // The samples as items: words, and a slot for each `{reference}`.
  const intents: string[] = [];
  const samples: { intent: number; text: string; tf: Vector }[] = [];
  let longest = 0;
  for (const intent of model.intents) {
    for (const sample of intent.samples) {
      const items: Item[] = [];
      for (const piece of sample.text.split(slotReferencePattern())) {
        const reference = /^\{([^{}]*)\}$/.exec(piece);
        if (reference) {
          items.push({ kind: 'slot', type: intent.slots[reference[1] ?? '']?.type ?? '', words: [] });
        } else {
          const words = wordsOf(tokenize(piece));
          learn(words);
          items.push(...words);
        }
      }
      const tf = featuresOf(items);
      if (tf.size === 0) continue;
      if (!intents.includes(intent.name)) intents.push(intent.name);
      longest = Math.max(longest, items.length);
      samples.push({ intent: intents.indexOf(intent.name), text: sample.text, tf });
    }
  }
  // Typo candidates: each known word of 4 letters or more under itself and each one-letter deletion,
  // so a typed word finds the words one edit (or a swap of neighbours) away without scanning them all.
  const neighbours = new Map<string, string[]>();
  let longestWord = 0;
  for (const norm of vocabulary.keys()) {
    longestWord = Math.max(longestWord, norm.length);
    if (typoLimit(norm) === 0) continue;
    for (const key of deletions(norm)) {
      const list = neighbours.get(key);
      if (!list) neighbours.set(key, [norm]);
      else if (!list.includes(norm)) list.push(norm);
    }
  }

  // Document frequencies, idf, and the weighted unit vectors of the samples and intents.
  const total = samples.length;
  const df = new Map<string, number>();
  for (const s of samples) for (const f of s.tf.keys()) df.set(f, (df.get(f) ?? 0) + 1);
  const idfOf = (count: number, n: number) => Math.log(1 + n / count);
  const unknownIdf = (n: number) => idfOf(0.5, n);
  const kindWeight = (feature: string) => (feature.includes(' ') ? BIGRAM_WEIGHT : 1);
  const unit = (v: Vector): Vector => {
    let sum = 0;
    for (const w of v.values()) sum += w * w;
    const norm = Math.sqrt(sum) || 1;
    return new Map([...v].map(([f, w]) => [f, w / norm]));
  };
  const sampleVectors = samples.map((s) =>
    unit(new Map([...s.tf].map(([f, n]) => [f, n * kindWeight(f) * idfOf(df.get(f) ?? 1, total)]))),
  );
  const centroids: Vector[] = intents.map(() => new Map());
  sampleVectors.forEach((v, j) => {
    const c = centroids[samples[j]?.intent ?? 0];
    if (c) for (const [f, w] of v) c.set(f, (c.get(f) ?? 0) + w);
  });
  const centroidNorms = centroids.map((c) => Math.sqrt([...c.values()].reduce((a, w) => a + w * w, 0)));
  const postingsOf = (vectors: Vector[]) => {
    const postings = new Map<string, [number, number][]>();
    vectors.forEach((v, j) => {
      for (const [f, w] of v) {
        const list = postings.get(f);
        if (list) list.push([j, w]);
        else postings.set(f, [[j, w]]);
      }
    });
    return postings;
  };
  const samplePostings = postingsOf(sampleVectors);
  const centroidPostings = postingsOf(centroids);

  /** A word and every way of leaving one of its letters out. */
  function deletions(norm: string): string[] {
    matchWork.steps += norm.length;
    const keys = [norm];
    for (let i = 0; i < norm.length; i++) keys.push(norm.slice(0, i) + norm.slice(i + 1));
    return keys;
  }

  /** Features of items: stems of content words, slot placeholders (and known words of a recognised value), bigrams. */
  function featuresOf(items: readonly Item[]): Vector {
    const tf: Vector = new Map();
    const add = (f: string) => tf.set(f, (tf.get(f) ?? 0) + 1);
    let previous: string | undefined;
    for (const item of items) {
      let unitFeature: string;
      if (item.kind === 'slot') {
        unitFeature = `#${item.type}`;
        // The words of a value count when samples use them too ("fridge" in "what's in my fridge").
        for (const w of item.words) if (!w.filler && df.has(w.stem)) add(w.stem);
      } else if (item.filler) {
        continue;
      } else {
        unitFeature = item.stem;
      }
      add(unitFeature);
      if (previous !== undefined) add(`${previous} ${unitFeature}`);
      previous = unitFeature;
    }
    return tf;
  }

  /** A word no sample or value has, read as the known word within its typo limit, if any. */
  function corrected(word: Word): Word {
    if (word.filler || vocabulary.has(word.norm) || df.has(word.stem)) return word;
    const limit = typoLimit(word.norm);
    if (limit === 0 || word.norm.length > longestWord + limit) return word;
    let best: { norm: string; d: number } | undefined;
    for (const key of deletions(word.norm)) {
      for (const norm of neighbours.get(key) ?? []) {
        const d = editDistance(norm, word.norm, limit);
        if (d <= limit && (!best || d < best.d || (d === best.d && norm < best.norm))) best = { norm, d };
      }
    }
    return best
      ? { ...word, norm: best.norm, stem: vocabulary.get(best.norm) ?? word.stem, typo: true }
      : word;
  }

  /** The text as items: typos corrected, values, synonyms and numbers recognised as slots (longest first). */
  function itemsOf(tokens: readonly Token[]): Item[] {
    const words = wordsOf(tokens).map(corrected);
    const items: Item[] = [];
    for (let i = 0; i < words.length; ) {
      matchWork.steps++;
      const slot = numberAt(words, i) ?? valueAt(words, i);
      if (slot) {
        items.push(slot);
        i += slot.words.length;
      } else {
        items.push(words[i] as Word);
        i++;
      }
    }
    return items;
  }

  function numberAt(words: readonly Word[], i: number): Slot | undefined {
    if (!slotTypes.has(NUMBER)) return undefined;
    for (let k = Math.min(numberSpan, words.length - i); k >= 1; k--) {
      const span = words.slice(i, i + k);
      const key = span.map((w) => w.norm).join(' ');
      // A number word that is also a filler ("une") is an article more often than a number.
      const n = /^\d+$/.test(key)
        ? Number(key)
        : span[0]?.filler && k === 1
          ? undefined
          : lexicon.numbers.get(key);
      if (n !== undefined) {
        const raw = [...new Set(span.map((w) => w.raw))].join(' ');
        return { kind: 'slot', type: NUMBER, words: span, value: { raw, value: String(n) } };
      }
    }
    return undefined;
  }

  function valueAt(words: readonly Word[], i: number): Slot | undefined {
    for (const entry of valueIndex.get(words[i]?.stem ?? '') ?? []) {
      matchWork.steps += entry.stems.length;
      if (!slotTypes.has(entry.type) || i + entry.stems.length > words.length) continue;
      if (entry.stems.every((s, x) => words[i + x]?.stem === s)) {
        const span = words.slice(i, i + entry.stems.length);
        const raw = [...new Set(span.map((w) => w.raw))].join(' ');
        return {
          kind: 'slot',
          type: entry.type,
          words: span,
          value: { raw, value: entry.value, id: entry.id },
        };
      }
    }
    return undefined;
  }

  /** Weighted features of a text, their norm, with `excluded` (a held-out sample) taken out of the counts. */
  function weigh(tf: Vector, excluded?: Vector): { vector: Vector; norm: number } {
    const n = excluded ? total - 1 : total;
    const vector: Vector = new Map();
    let sum = 0;
    for (const [f, count] of tf) {
      const known = (df.get(f) ?? 0) - (excluded?.has(f) ? 1 : 0);
      const unseen = f.includes(' ') && known === 0 ? UNSEEN_BIGRAM : 1;
      const w = count * kindWeight(f) * unseen * (known > 0 ? idfOf(known, n) : unknownIdf(n));
      vector.set(f, w);
      sum += w * w;
    }
    return { vector, norm: Math.sqrt(sum) || 1 };
  }

  /** Intent scores of weighted features, without sample `heldOut` when given. */
  function rank(tf: Vector, heldOut?: number): { ranking: IntentScore[]; dots: Map<number, number> } {
    const excludedVector = heldOut === undefined ? undefined : samples[heldOut]?.tf;
    const { vector, norm } = weigh(tf, excludedVector);
    const nearest = intents.map(() => 0);
    const dots = new Map<number, number>();
    for (const [f, w] of vector) {
      for (const [j, sw] of samplePostings.get(f) ?? []) {
        matchWork.steps++;
        if (j !== heldOut) dots.set(j, (dots.get(j) ?? 0) + w * sw);
      }
    }
    for (const [j, dot] of dots) {
      const i = samples[j]?.intent ?? 0;
      nearest[i] = Math.max(nearest[i] ?? 0, dot / norm);
    }
    const central = intents.map(() => 0);
    for (const [f, w] of vector) {
      for (const [i, cw] of centroidPostings.get(f) ?? []) {
        matchWork.steps++;
        central[i] = (central[i] ?? 0) + w * cw;
      }
    }
    const own = heldOut === undefined ? undefined : samples[heldOut];
    const ranking = intents.map((intent, i) => {
      let centroidNorm = centroidNorms[i] ?? 1;
      let dot = central[i] ?? 0;
      if (own && own.intent === i) {
        // The centroid without the held-out sample: subtract its unit vector.
        const mine = sampleVectors[heldOut as number] ?? new Map();
        let cross = 0;
        let selfDot = 0;
        for (const [f, w] of mine) {
          cross += w * (centroids[i]?.get(f) ?? 0);
          selfDot += (vector.get(f) ?? 0) * w;
        }
        centroidNorm = Math.sqrt(Math.max(0, centroidNorm ** 2 - 2 * cross + 1));
        dot -= selfDot;
      }
      const centroidScore = centroidNorm > 1e-9 ? dot / (norm * centroidNorm) : 0;
      const score = NEAREST_SHARE * (nearest[i] ?? 0) + (1 - NEAREST_SHARE) * centroidScore;
      return { intent, score: Math.min(1, Math.max(0, score)) };
    });
    return { ranking: ranking.sort((a, b) => b.score - a.score), dots };
  }

  return {
    intents,
    maxWords: 2 * longest + 12,
    score(tokens) {
      const items = itemsOf(tokens);
      // Values read exactly come before values read through a typo ("pack Sahne": not "Hack").
      const recognised = items
        .flatMap((item): Recognised[] =>
          item.kind === 'slot' && item.value
            ? [
                {
                  type: item.type,
                  value: item.value,
                  ...(item.words.some((w) => w.typo) ? { typo: true } : {}),
                },
              ]
            : [],
        )
        .sort((a, b) => Number(a.typo ?? false) - Number(b.typo ?? false));
      const heard = new Set<string>();
      for (const item of items) {
        if (item.kind === 'word') heard.add(item.stem);
        else for (const w of item.words) heard.add(w.stem);
      }
      const tf = featuresOf(items);
      const { ranking, dots } = rank(tf);
      // A value alone ("des courgettes") says what, not what to do with it: the aligner may fill an
      // awaited slot with it, this stage claims no intent without a known word besides values.
      const evidence = [...tf.keys()].some((f) => !f.includes(' ') && !f.startsWith('#') && df.has(f));
      if (!evidence) for (const r of ranking) r.score = 0;
      const closest = new Set(
        [...dots]
          .sort((a, b) => b[1] - a[1] || a[0] - b[0])
          .slice(0, CLOSEST)
          .map(([j]) => sampleKey(intents[samples[j]?.intent ?? 0] ?? '', samples[j]?.text ?? '')),
      );
      return { ranking, recognised, heard, closest };
    },
    stemsOf(text) {
      return wordsOf(tokenize(text)).flatMap((w) => (w.filler ? [] : [w.stem]));
    },
    heldOut() {
      return samples.map((s, j) => ({
        intent: intents[s.intent] ?? '',
        text: s.text,
        ranking: rank(s.tf, j).ranking,
      }));
    },
  };
}
