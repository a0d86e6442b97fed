/**
 * The one way recipe words are compared: lower-case, accents and ligatures folded,
 * punctuation and apostrophes as spaces. The normaliser, the duplicate-synonym check of
 * `hearth validate` and the slot values agree because they all fold through here.
 */

const LIGATURES: Record<string, string> = { ß: 'ss', œ: 'oe', æ: 'ae', ø: 'o', ł: 'l' };

/** `"Pommes de terre (bio)"` -> `"pommes de terre bio"`; `"Größe"` -> `"grosse"`. */
export function foldWords(text: string): string {
  return text
    .toLowerCase()
    .replace(/[ßœæøł]/g, (c) => LIGATURES[c] ?? c)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^\p{L}\p{N}%]+/gu, ' ')
    .trim();
}

/** The folded words of a text, in order. */
export function foldedTokens(text: string): string[] {
  const folded = foldWords(text);
  return folded ? folded.split(' ') : [];
}

/** A quantity or size as a word: `250`, `250g`, `1l`, `6er`, `x`, `x2`, `5%`. */
const QUANTITY = /^(\d+[a-z]*%?|x\d*|%)$/;

/**
 * The folded words of a label or a phrase without its quantities: the same for both, so
 * "Mehl Type 405" still matches its synonym, and two phrases with the same words clash.
 */
export function labelTokens(text: string): string[] {
  return foldedTokens(text).filter((t) => !QUANTITY.test(t));
}

/** Units written apart from their number ("250 g", "1,5 l"): joined to it, so the size drops as one word. */
const SPACED_UNIT = /(\d) (g|kg|mg|l|ml|cl|dl|oz|lb|lbs|gal|pt|qt|st|stk|uds|pcs|pc|x)(?= |$)/g;

/**
 * The form two labels of the same food compare in: folded words without sizes, wherever
 * the size was written ("Sauce maison 250 g" and "SAUCE MAISON 250g" are alike). A label
 * that is only a size or punctuation keeps what it has, so such labels never all match.
 */
export function labelKey(text: string): string {
  const words = labelTokens(foldWords(text).replace(SPACED_UNIT, '$1$2'));
  if (words.length) return words.join(' ');
  return foldWords(text) || text.trim().toLowerCase();
}
