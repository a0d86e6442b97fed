/**
 * The language files of a locale's `common/` folder besides `model.json`, and
 * their zod schemas (docs/authoring.md):
 *   locales/<locale>/common/matcher.json  the local matcher's filler words, spoken numbers, elisions,
 *                                         contractions and off-topic requests
 *   locales/<locale>/common/screen.json   the appliance screen page's own strings
 *   locales/<locale>/common/pages.json    the web pages' strings (sign-in, account, account linking),
 *                                         an i18next tree in the namespace `pages`
 *   locales/<locale>/common/notices.json  the privacy notice of each purpose (`title`, spoken `short`,
 *                                         screen `long`), an i18next tree in the namespace `notices`
 * Every field is optional in a file so regional locales hold only what differs;
 * `hearth validate` checks that primary locales are complete.
 */
import { z } from 'zod';

/** The matcher's words, next to the common model. */
export const MATCHER_FILE = 'matcher.json';
/** The web pages' strings (an i18next response tree), next to the common model. */
export const PAGES_FILE = 'pages.json';
/** The i18next namespace of the pages' strings: not a skill id (skill ids are kebab-case with a hyphen-free start too, but `pages` is reserved). */
export const PAGES_NAMESPACE = 'pages';

/** The privacy notices of the purposes (an i18next response tree), next to the common model. */
export const NOTICES_FILE = 'notices.json';
/** The i18next namespace of the notices (reserved like `pages`). */
export const NOTICES_NAMESPACE = 'notices';
/** The texts every purpose's notice has. */
export const NOTICE_TEXTS = ['title', 'short', 'long'] as const;

/** The screen page's strings, next to the common model. */
export const SCREEN_FILE = 'screen.json';

const word = /[\p{L}\p{M}]+/u.source;

/** One word as the matcher splits text: letters only (apostrophes, hyphens and spaces separate words). */
const fillerSchema = z
  .string()
  .regex(new RegExp(`^${word}$`, 'u'), 'one word of letters (apostrophes and hyphens separate words)');

/** Words of letters separated by single spaces, hyphens or apostrophes ("vingt-cinq", "a dozen"). */
const numberPhraseSchema = z.string().regex(new RegExp(`^${word}(?:[ '’-]${word})*$`, 'u'));

/** Words of letters separated by single spaces ("zu dem"). */
const phraseSchema = z
  .string()
  .regex(new RegExp(`^${word}(?: ${word})*$`, 'u'), 'words of letters separated by single spaces');

/** `common/matcher.json`: words the matcher may skip cheaply, and spoken numbers with their values. */
export const matcherFileSchema = z.strictObject({
  /** Extra words that cost little ("please", "euh", articles); regional files add to the inherited ones. */
  fillers: z.array(fillerSchema).optional(),
  /** Spoken number -> value, for AMAZON.NUMBER slots; a regional entry adds or replaces one phrase. */
  numbers: z
    .record(numberPhraseSchema, z.number({ error: 'a whole number, 0 or more' }).int().min(0), {
      error: (issue) =>
        issue.code === 'invalid_key'
          ? 'a spoken number is words of letters separated by spaces, hyphens or apostrophes'
          : undefined,
    })
    .optional(),
  /**
   * Elided words as the tokenizer leaves them (apostrophes separate words: "l'huile" -> "l") and the
   * word they stand for ("l" -> "le"); a regional entry adds or replaces one.
   */
  elisions: z.record(fillerSchema, phraseSchema).optional(),
  /** Contracted words and what they contract ("zum" -> "zu dem", "della" -> "di la"); regional entries add or replace. */
  contractions: z.record(fillerSchema, phraseSchema).optional(),
  /**
   * Requests a skill of this language must refuse (weather, music, timers...): with the samples'
   * cross-validation they set the threshold of the matcher's similarity stage. Regional files add.
   */
  offTopic: z.array(z.string().trim().min(1).max(200)).optional(),
});
export type MatcherFile = z.infer<typeof matcherFileSchema>;

/** The screen page's own words in one locale (the skill's replies come from its responses). */
export const screenStringsSchema = z.strictObject({
  /** The name of each device kind (`fridge`, `coffee-machine`), shown above the device's name. */
  kind: z.record(z.string().regex(/^[a-z][a-z-]*$/, 'a device kind (lower case)'), z.string().min(1)),
  home: z.string().min(1),
  question: z.string().min(1),
  ask: z.string().min(1),
  suggestions: z.string().min(1),
  failed: z.string().min(1),
  expired: z.string().min(1),
});
export type ScreenStrings = z.infer<typeof screenStringsSchema>;

/** `common/screen.json`: any of the screen strings; a regional file overrides key by key (`kind` per kind). */
export const screenFileSchema = screenStringsSchema.partial();
export type ScreenFile = z.infer<typeof screenFileSchema>;
