/**
 * Spoken numbers (0 to 100) in each language, for the local matcher's
 * AMAZON.NUMBER slots. Keys are normalised like matcher input (lower case, no
 * accents, hyphens as spaces).
 */

function table(entries: Array<[string, number]>): Map<string, number> {
  return new Map(entries);
}

function english(): Map<string, number> {
  const units = [
    'zero',
    'one',
    'two',
    'three',
    'four',
    'five',
    'six',
    'seven',
    'eight',
    'nine',
    'ten',
    'eleven',
    'twelve',
    'thirteen',
    'fourteen',
    'fifteen',
    'sixteen',
    'seventeen',
    'eighteen',
    'nineteen',
  ];
  const tens = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
  const out: Array<[string, number]> = units.map((w, n) => [w, n]);
  for (let t = 2; t < 10; t++) {
    out.push([tens[t] ?? '', t * 10]);
    for (let u = 1; u < 10; u++) out.push([`${tens[t]} ${units[u]}`, t * 10 + u]);
  }
  out.push(['a hundred', 100], ['one hundred', 100], ['hundred', 100], ['a dozen', 12], ['dozen', 12]);
  return table(out);
}

function french(): Map<string, number> {
  const units = [
    'zero',
    'un',
    'deux',
    'trois',
    'quatre',
    'cinq',
    'six',
    'sept',
    'huit',
    'neuf',
    'dix',
    'onze',
    'douze',
    'treize',
    'quatorze',
    'quinze',
    'seize',
    'dix sept',
    'dix huit',
    'dix neuf',
  ];
  const out: Array<[string, number]> = units.map((w, n) => [w, n]);
  out.push(['une', 1]);
  const tens: Array<[string, number]> = [
    ['vingt', 20],
    ['trente', 30],
    ['quarante', 40],
    ['cinquante', 50],
    ['soixante', 60],
  ];
  for (const [word, value] of tens) {
    out.push([word, value], [`${word} et un`, value + 1], [`${word} et une`, value + 1]);
    for (let u = 2; u < 10; u++) out.push([`${word} ${units[u]}`, value + u]);
  }
  out.push(['soixante dix', 70], ['soixante et onze', 71], ['septante', 70]);
  for (let u = 12; u < 20; u++) out.push([`soixante ${units[u]}`, 60 + u]);
  out.push(['quatre vingts', 80], ['quatre vingt', 80], ['huitante', 80], ['octante', 80]);
  for (let u = 1; u < 20; u++) out.push([`quatre vingt ${units[u]}`, 80 + u]);
  out.push(['nonante', 90], ['cent', 100], ['une douzaine', 12], ['douzaine', 12]);
  return table(out);
}

function german(): Map<string, number> {
  const units = [
    'null',
    'eins',
    'zwei',
    'drei',
    'vier',
    'funf',
    'sechs',
    'sieben',
    'acht',
    'neun',
    'zehn',
    'elf',
    'zwolf',
    'dreizehn',
    'vierzehn',
    'funfzehn',
    'sechzehn',
    'siebzehn',
    'achtzehn',
    'neunzehn',
  ];
  const tens = [
    '',
    '',
    'zwanzig',
    'dreissig',
    'vierzig',
    'funfzig',
    'sechzig',
    'siebzig',
    'achtzig',
    'neunzig',
  ];
  const out: Array<[string, number]> = units.map((w, n) => [w, n]);
  out.push(['ein', 1], ['eine', 1], ['einen', 1]);
  for (let t = 2; t < 10; t++) {
    out.push([tens[t] ?? '', t * 10]);
    for (let u = 1; u < 10; u++) out.push([`${u === 1 ? 'ein' : units[u]}und${tens[t]}`, t * 10 + u]);
  }
  out.push(['hundert', 100], ['einhundert', 100], ['ein dutzend', 12], ['dutzend', 12]);
  return table(out);
}

function spanish(): Map<string, number> {
  const units = [
    'cero',
    'uno',
    'dos',
    'tres',
    'cuatro',
    'cinco',
    'seis',
    'siete',
    'ocho',
    'nueve',
    'diez',
    'once',
    'doce',
    'trece',
    'catorce',
    'quince',
    'dieciseis',
    'diecisiete',
    'dieciocho',
    'diecinueve',
  ];
  const out: Array<[string, number]> = units.map((w, n) => [w, n]);
  out.push(['un', 1], ['una', 1], ['veinte', 20]);
  const twenties = [
    '',
    'veintiuno',
    'veintidos',
    'veintitres',
    'veinticuatro',
    'veinticinco',
    'veintiseis',
    'veintisiete',
    'veintiocho',
    'veintinueve',
  ];
  for (let u = 1; u < 10; u++) out.push([twenties[u] ?? '', 20 + u]);
  out.push(['veintiun', 21], ['veintiuna', 21]);
  const tens: Array<[string, number]> = [
    ['treinta', 30],
    ['cuarenta', 40],
    ['cincuenta', 50],
    ['sesenta', 60],
    ['setenta', 70],
    ['ochenta', 80],
    ['noventa', 90],
  ];
  for (const [word, value] of tens) {
    out.push([word, value]);
    for (let u = 1; u < 10; u++) out.push([`${word} y ${units[u]}`, value + u]);
  }
  out.push(['cien', 100], ['una docena', 12], ['docena', 12]);
  return table(out);
}

function italian(): Map<string, number> {
  const units = [
    'zero',
    'uno',
    'due',
    'tre',
    'quattro',
    'cinque',
    'sei',
    'sette',
    'otto',
    'nove',
    'dieci',
    'undici',
    'dodici',
    'tredici',
    'quattordici',
    'quindici',
    'sedici',
    'diciassette',
    'diciotto',
    'diciannove',
  ];
  const out: Array<[string, number]> = units.map((w, n) => [w, n]);
  out.push(['un', 1], ['una', 1]);
  const tens: Array<[string, number]> = [
    ['venti', 20],
    ['trenta', 30],
    ['quaranta', 40],
    ['cinquanta', 50],
    ['sessanta', 60],
    ['settanta', 70],
    ['ottanta', 80],
    ['novanta', 90],
  ];
  for (const [word, value] of tens) {
    out.push([word, value]);
    for (let u = 1; u < 10; u++) {
      // The tens drop their last vowel before uno and otto (ventuno, ventotto).
      const stem = u === 1 || u === 8 ? word.slice(0, -1) : word;
      out.push([`${stem}${units[u]}`, value + u]);
    }
  }
  out.push(['cento', 100], ['una dozzina', 12], ['dozzina', 12]);
  return table(out);
}

const TABLES: Record<string, () => Map<string, number>> = {
  en: english,
  fr: french,
  de: german,
  es: spanish,
  it: italian,
};
const cache = new Map<string, Map<string, number>>();

/** The spoken-number table of a language (`en`, `fr`, ...), normalised. */
export function numberWords(language: string): Map<string, number> {
  let words = cache.get(language);
  if (!words) {
    words = (TABLES[language] ?? english)();
    cache.set(language, words);
  }
  return words;
}
