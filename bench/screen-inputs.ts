/**
 * Typed screen input for the matcher bench: the authored samples of a skill's merged model
 * in a locale (locales/<locale>/<skill>/model.json after fallback), slots filled with known
 * values, lightly perturbed the way people type, plus text about something else entirely.
 * Deterministic: the same seed gives the same inputs.
 */
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

/** A small seeded generator (mulberry32): a number in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

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
