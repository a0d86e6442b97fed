/**
 * Typed text as words, shared by both stages of the local matcher (the aligner in
 * matcher.ts and the similarity model beside this file): normalisation, the
 * tokenizer, the typo distance, and the counter of work that `MatchMeter`
 * reports (matching is synchronous: one match at a time).
 */

/** The steps of the match under way: tokens read, alignment cells, values tried, letters compared. */
export const matchWork = { steps: 0 };

/** Lower case, no accents, ligatures expanded, typographic apostrophes straightened. */
export function normaliseText(text: string): string {
  return text
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[’‘`´]/g, "'");
}

export type Token = { raw: string; norm: string };

/** Split text into tokens: apostrophes, hyphens and punctuation separate words. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const raw of text.split(/[^\p{L}\p{M}\p{Nd}]+/u)) {
    if (!raw) continue;
    matchWork.steps++;
    tokens.push({ raw, norm: normaliseText(raw) });
  }
  return tokens;
}

/** Levenshtein distance of two words, or `limit + 1` as soon as it must exceed `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    matchWork.steps += b.length;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(
        (prev[j] ?? 0) + 1,
        (cur[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      cur.push(v);
      best = Math.min(best, v);
    }
    if (best > limit) return limit + 1;
    prev = cur;
  }
  return prev[b.length] ?? limit + 1;
}

/** How many typos a word of this length may carry: none under 4 letters, 1 under 8, else 2. */
export function typoLimit(word: string): number {
  return word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0;
}
