/**
 * Amazon's invocation-name rules (FIELD-NOTES.md, Alexa), per language:
 * lower-case letters and spaces, possessive (en, de) or elision (fr, it)
 * apostrophes, periods only in spelled abbreviations, two words or more
 * unless it is the declared brand name, no wake/platform or launch words, and
 * a two-word name is not an article or preposition plus one word.
 */

/** Wake words and platform words no invocation name may contain. */
export const WAKE_WORDS = ['alexa', 'amazon', 'echo', 'computer', 'skill', 'app'];

/** Launch words per language: Alexa would take them for the start of a launch phrase. */
export const LAUNCH_WORDS: Record<string, string[]> = {
  en: ['ask', 'tell', 'open', 'launch', 'load', 'begin', 'enable', 'start', 'play', 'resume', 'run', 'use'],
  fr: ['ouvre', 'ouvrir', 'lance', 'lancer', 'demande', 'demander', 'dis', 'démarre', 'joue', 'active'],
  de: ['öffne', 'öffnen', 'starte', 'starten', 'frage', 'sag', 'spiele', 'aktiviere'],
  es: ['abre', 'abrir', 'inicia', 'pregunta', 'pide', 'di', 'juega', 'activa'],
  it: ['apri', 'aprire', 'avvia', 'chiedi', 'dì', 'gioca', 'attiva'],
};

/** Articles, prepositions and possessives that cannot make half of a two-word name. */
export const FUNCTION_WORDS: Record<string, string[]> = {
  en: ['the', 'a', 'an', 'of', 'for', 'to', 'my', 'your', 'with', 'in', 'on', 'at', 'by', 'from'],
  fr: [
    'le',
    'la',
    'les',
    'un',
    'une',
    'des',
    'du',
    'de',
    'au',
    'aux',
    'mon',
    'ma',
    'mes',
    'pour',
    'avec',
    'dans',
    'sur',
    'en',
    'à',
  ],
  de: [
    'der',
    'die',
    'das',
    'den',
    'dem',
    'des',
    'ein',
    'eine',
    'einen',
    'einem',
    'mein',
    'meine',
    'für',
    'mit',
    'von',
    'zu',
    'im',
    'am',
    'zum',
    'zur',
  ],
  es: [
    'el',
    'la',
    'los',
    'las',
    'un',
    'una',
    'unos',
    'unas',
    'del',
    'de',
    'al',
    'mi',
    'mis',
    'para',
    'con',
    'en',
    'por',
    'a',
  ],
  it: [
    'il',
    'lo',
    'la',
    'i',
    'gli',
    'le',
    'un',
    'uno',
    'una',
    'del',
    'della',
    'dei',
    'di',
    'da',
    'al',
    'alla',
    'mio',
    'mia',
    'per',
    'con',
    'in',
    'su',
    'a',
  ],
};

const ELIDED = /^(?:l|d|j|m|n|s|t|c|qu|un|all|dell|nell|sull)'\p{Ll}+$/u;

export type RuleFinding = { code: string; message: string };

/** Check one invocation name in a language (`en`, `fr`, ...) against Amazon's rules. */
export function checkInvocationName(
  name: string,
  language: string,
  brandName: string | undefined,
): RuleFinding[] {
  const findings: RuleFinding[] = [];
  if (!/^[\p{Ll} .']+$/u.test(name) || name !== name.trim() || /\s{2,}/.test(name)) {
    findings.push({
      code: 'invocation-characters',
      message: `"${name}" may contain only lower-case letters and single spaces (apostrophes and abbreviation periods aside)`,
    });
  }
  const words = name.trim().split(/\s+/).filter(Boolean);
  for (const word of words) {
    if (word.includes('.') && !/^(?:\p{Ll}\.)+$/u.test(word)) {
      findings.push({
        code: 'invocation-characters',
        message: `"${word}": periods only in spelled abbreviations ("n. b. a.")`,
      });
    }
    if (word.includes("'")) {
      const possessive = /^\p{Ll}+'s?$|^\p{Ll}+s'$/u.test(word);
      const elision = (language === 'fr' || language === 'it') && ELIDED.test(word);
      if (!possessive && !elision) {
        findings.push({
          code: 'invocation-characters',
          message: `"${word}": apostrophes only for possessives (or elision in fr, it)`,
        });
      }
    }
  }
  const plain = words.map((w) => w.replace(/'.*$/u, '').replace(/\./g, ''));
  const tokens = words.map((w) => w.toLowerCase());
  if (words.length < 2 && !(brandName && name === brandName)) {
    findings.push({
      code: 'invocation-word-count',
      message: `"${name}" has ${words.length} word: two or more are needed unless it is the skill's declared brand name`,
    });
  }
  for (const wake of WAKE_WORDS) {
    if (tokens.includes(wake) || plain.includes(wake)) {
      findings.push({
        code: 'invocation-wake-word',
        message: `"${name}" contains the wake or platform word "${wake}"`,
      });
    }
  }
  for (const launch of LAUNCH_WORDS[language] ?? []) {
    if (tokens.includes(launch)) {
      findings.push({
        code: 'invocation-launch-word',
        message: `"${name}" contains the ${language} launch word "${launch}"`,
      });
    }
  }
  if (words.length === 2) {
    const functionWords = FUNCTION_WORDS[language] ?? [];
    const first = tokens[0] ?? '';
    const elidedArticle = /^(?:l|d|un|all|dell)'/u.test(first);
    if (functionWords.includes(first) || functionWords.includes(tokens[1] ?? '') || elidedArticle) {
      findings.push({
        code: 'invocation-article',
        message: `"${name}" is an article or preposition plus one word; add a meaningful word`,
      });
    }
  }
  return findings;
}
