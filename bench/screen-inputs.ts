/**
 * Typed screen input for the matcher bench: the authored samples of a skill's merged model
 * in a locale (locales/<locale>/<skill>/model.json after fallback), slots filled with known
 * values, lightly perturbed the way people type, plus text about something else entirely.
 * Deterministic: the same seed gives the same inputs.
 */
import { seededRandom } from '../src/domains/recipes/synthetic-catalog.js';
import { languageOf } from '../src/runtime/locales.js';
import { type SkillModel, uniqueSamples, valuesOfType } from '../src/runtime/skill-model.js';
import { slotReferencePattern } from '../src/runtime/slot-pattern.js';

/** Text about nothing any skill does, per language. */
const OFF_TOPIC: Record<string, readonly string[]> = {
  en: [
    "what's the weather like tomorrow",
    'play some jazz in the living room',
    'how tall is the eiffel tower',
    'set a timer for ten minutes',
    'who won the football game last night',
    'tell me a joke about penguins',
  ],
  fr: [
    'quel temps fera-t-il demain',
    'mets de la musique dans le salon',
    'quelle est la hauteur de la tour eiffel',
    'lance un minuteur de dix minutes',
    "qui a gagné le match d'hier soir",
    'raconte-moi une blague sur les pingouins',
  ],
  de: [
    'wie wird das wetter morgen',
    'spiel etwas jazz im wohnzimmer',
    'wie hoch ist der eiffelturm',
    'stell einen timer auf zehn minuten',
    'wer hat gestern das fußballspiel gewonnen',
    'erzähl mir einen witz über pinguine',
  ],
  es: [
    'qué tiempo hará mañana',
    'pon música de jazz en el salón',
    'cuánto mide la torre eiffel',
    'pon un temporizador de diez minutos',
    'quién ganó el partido anoche',
    'cuéntame un chiste de pingüinos',
  ],
  it: [
    'che tempo farà domani',
    'metti un po di jazz in salotto',
    'quanto è alta la torre eiffel',
    'imposta un timer di dieci minuti',
    'chi ha vinto la partita ieri sera',
    'raccontami una barzelletta sui pinguini',
  ],
};

/** What people add in front of a request, per language. */
const POLITE: Record<string, string> = {
  en: 'please',
  fr: "s'il te plaît",
  de: 'bitte',
  es: 'por favor',
  it: 'per favore',
};

function pick<T>(random: () => number, items: readonly T[]): T | undefined {
  return items[Math.floor(random() * items.length)];
}

/** A sample with each `{slot}` replaced by a value (or synonym) of its type, or a number. */
function filledSample(
  model: SkillModel,
  intent: SkillModel['intents'][number],
  text: string,
  random: () => number,
) {
  return text.replace(slotReferencePattern(), (reference) => {
    const type = intent.slots[reference.slice(1, -1)]?.type;
    if (type === 'AMAZON.NUMBER') return String(1 + Math.floor(random() * 12));
    const value = pick(random, valuesOfType(model, type));
    return value ? (pick(random, [value.value, ...(value.synonyms ?? [])]) ?? value.value) : 'something';
  });
}

/** Two neighbouring letters of a longer word swapped: the commonest typo. */
function withTypo(text: string, random: () => number): string {
  const words = text.split(' ');
  const long = words.flatMap((w, i) => (w.length >= 5 ? [i] : []));
  const at = pick(random, long);
  if (at === undefined) return text;
  const word = words[at] as string;
  const k = 1 + Math.floor(random() * (word.length - 2));
  words[at] = `${word.slice(0, k)}${word[k + 1]}${word[k]}${word.slice(k + 2)}`;
  return words.join(' ');
}

/** One of: as authored, a typo, polite words in front, capitalised with a question mark, a word left out. */
export function perturbed(text: string, language: string, random: () => number): string {
  const words = text.split(' ');
  switch (Math.floor(random() * 5)) {
    case 1:
      return withTypo(text, random);
    case 2:
      return `${POLITE[language] ?? POLITE.en} ${text}`;
    case 3:
      return `${text.charAt(0).toUpperCase()}${text.slice(1)}?`;
    case 4:
      return words.length >= 4
        ? words.filter((_, i) => i !== 1 + Math.floor(random() * (words.length - 1))).join(' ')
        : text;
    default:
      return text;
  }
}

/** Every authored sample of the model, filled and perturbed, then the off-topic texts of its language. */
export function typedInputs(model: SkillModel, seed = 1): string[] {
  const random = seededRandom(seed);
  const language = languageOf(model.locale);
  const samples = model.intents.flatMap((intent) =>
    uniqueSamples(intent).map((text) =>
      perturbed(filledSample(model, intent, text, random), language, random),
    ),
  );
  return [...samples, ...(OFF_TOPIC[language] ?? [])];
}

/** Exactly `length` characters of typed text (the screen turn's maximum is 500): inputs run together. */
export function longInput(inputs: readonly string[], length = 500): string {
  if (inputs.length === 0) throw new Error('no inputs to make a long one from');
  let text = '';
  for (let i = 0; text.length < length; i++) text += `${inputs[(i * 7) % inputs.length]}, `;
  return text.slice(0, length);
}

/** A hostile typed text, named for what it tries. */
export type HostileInput = { name: string; text: string };

/** `unit` repeated to exactly `length` characters. */
const repeated = (unit: string, length: number) =>
  unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

/** Each word of a sample without its slot references. */
const sampleWords = (model: SkillModel) =>
  model.intents.flatMap((intent) =>
    uniqueSamples(intent).flatMap((text) =>
      text
        .replace(slotReferencePattern(), ' ')
        .split(/\s+/)
        .filter((w) => w.length > 0),
    ),
  );

/** Every value and synonym of every slot type of the model. */
const slotPhrases = (model: SkillModel) =>
  Object.keys(model.types).flatMap((type) =>
    valuesOfType(model, type).flatMap((v) => [v.value, ...(v.synonyms ?? [])]),
  );

/**
 * The fixed families of worst-case text for a skill in a locale, each as long as a screen turn
 * may be (500 characters): sample words run together, one letter, many one-letter tokens,
 * unicode that grows or splits when normalised, slot values and numbers one after the other,
 * and, for every sample with slots, the sample with each slot filled by its longest values
 * (typed with a typo) and padded with filler words: the text that gets furthest into the
 * alignment before the matcher can tell it will not do.
 */
export function hostileInputs(
  model: SkillModel,
  lexicon: { fillers: ReadonlySet<string>; numbers: ReadonlyMap<string, number> },
  length = 500,
): HostileInput[] {
  const words = sampleWords(model);
  const phrases = slotPhrases(model);
  const random = seededRandom(11);
  const fillers = [...lexicon.fillers];
  const inputs: HostileInput[] = [
    { name: 'sample words run together', text: repeated(`${words.join(' ')} `, length) },
    { name: 'one letter', text: repeated('a', length) },
    { name: 'one accented letter', text: repeated('é', length) },
    { name: 'one-letter tokens', text: repeated('a ', length) },
    { name: 'one-letter tokens, punctuated', text: repeated('a,', length) },
    { name: 'a letter that lower-cases to two', text: repeated('İ', length) },
    { name: 'ligatures that expand', text: repeated('œß ', length) },
    { name: 'stacked combining marks', text: repeated('e\u0301\u0303\u0308 ', length) },
    { name: 'emoji between letters', text: repeated('😀a', length) },
    { name: 'right-to-left words', text: repeated('مرحبا بالعالم ', length) },
    { name: 'slot values one after the other', text: repeated(`${phrases.join(' ')} `, length) },
    {
      name: 'slot values with typos',
      text: repeated(`${phrases.map((p) => withTypo(p, random)).join(' ')} `, length),
    },
    { name: 'spoken numbers', text: repeated(`${[...lexicon.numbers.keys()].join(' ')} `, length) },
    { name: 'written numbers', text: repeated('12345 ', length) },
    { name: 'filler words', text: repeated(`${fillers.join(' ')} `, length) },
    { name: 'typed samples run together', text: longInput(typedInputs(model), length) },
  ];
  // Each sample with slots, filled by the longest phrases of their types, then ever more filler.
  const longest = (type: string | undefined) =>
    valuesOfType(model, type)
      .flatMap((v) => [v.value, ...(v.synonyms ?? [])])
      .sort((a, b) => b.split(' ').length - a.split(' ').length || b.length - a.length)[0] ?? 'twenty five';
  for (const intent of model.intents) {
    for (const sample of uniqueSamples(intent)) {
      if (!sample.includes('{')) continue;
      const filled = sample.replace(slotReferencePattern(), (reference) =>
        withTypo(longest(intent.slots[reference.slice(1, -1)]?.type), random),
      );
      for (const extra of [0, 2, 4, 8]) {
        const padding = Array.from(
          { length: extra },
          (_, i) => fillers[i % Math.max(fillers.length, 1)] ?? 'a',
        );
        inputs.push({
          name: `filled sample + ${extra} fillers`,
          text: [filled, ...padding].join(' ').slice(0, length),
        });
      }
    }
  }
  return inputs;
}

/**
 * A seeded search for text that makes a matcher work hardest: from the costliest hostile and
 * typed inputs, change one word at a time (a sample word, a slot value, a filler, a typo, a
 * number, a word left out) and keep the change when the counted work does not drop. `work`
 * says what a text costs (the matcher's step count); `rounds` bounds the search.
 */
export function searchedInputs(
  model: SkillModel,
  lexicon: { fillers: ReadonlySet<string>; numbers: ReadonlyMap<string, number> },
  work: (text: string) => number,
  {
    rounds = 200,
    starts = 4,
    seed = 5,
    length = 500,
    scored,
  }: {
    rounds?: number;
    starts?: number;
    seed?: number;
    length?: number;
    /** Texts already scored with `work`, to start from; by default the hostile and typed inputs. */
    scored?: readonly { text: string; steps: number }[];
  } = {},
): HostileInput[] {
  const random = seededRandom(seed);
  const pool = [
    ...sampleWords(model),
    ...slotPhrases(model),
    ...lexicon.fillers,
    ...[...lexicon.numbers.keys()].slice(0, 30),
    '7',
  ];
  const candidates =
    scored ??
    [...hostileInputs(model, lexicon, length).map((i) => i.text), ...typedInputs(model)].map((text) => ({
      text,
      steps: work(text),
    }));
  const ranked = [...candidates].sort((a, b) => b.steps - a.steps).slice(0, starts);
  return ranked.map((start, s) => {
    let best = start;
    for (let round = 0; round < rounds; round++) {
      const words = best.text.split(' ');
      const at = Math.floor(random() * (words.length + 1));
      const word = pick(random, pool) ?? 'a';
      const change = Math.floor(random() * 4);
      if (change === 0) words.splice(at, 0, word);
      else if (change === 1) words.splice(at, 1, word);
      else if (change === 2) words.splice(at, 1, withTypo(words[at] ?? word, random));
      else words.splice(at, 1);
      const text = words.join(' ').slice(0, length);
      if (!text.trim()) continue;
      const steps = work(text);
      if (steps >= best.steps) best = { text, steps };
    }
    return { name: `searched from the costliest input ${s + 1}`, text: best.text };
  });
}
