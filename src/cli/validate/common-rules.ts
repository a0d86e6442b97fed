/**
 * Validate rules for the skill-independent language files of `common/`: the
 * matcher's words (`matcher.json`) and the screen page's strings
 * (`screen.json`) and the web pages' strings (`pages.json`, every key en-US
 * has). Primary locales need these files and every key after
 * fallback; a malformed file is already a `locale-file` problem.
 */
import { DEVICE_KINDS } from '../../household/household-record.js';
import {
  MATCHER_FILE,
  NOTICE_TEXTS,
  NOTICES_FILE,
  PAGES_FILE,
  SCREEN_FILE,
  screenStringsSchema,
} from '../../runtime/common-files.js';
import { PURPOSES } from '../../runtime/consent-gate.js';
import { mergeMatcherFiles } from '../../runtime/lexicon.js';
import { COMMON_FOLDER, type LocaleFiles, type ResponseTree } from '../../runtime/locale-files.js';
import { fallbackChain, LOCALES, type Locale, PRIMARY_LOCALES } from '../../runtime/locales.js';
import { mergeScreenFiles } from '../../runtime/screen-strings.js';
import type { Problem } from './problem.js';

/** The locale whose pages' strings every primary locale must have. */
const DEFAULT_PAGES_LOCALE: Locale = 'en-US';

const NAMES = [MATCHER_FILE, SCREEN_FILE, PAGES_FILE, NOTICES_FILE] as const;

/** The dotted keys of a response tree's strings. */
function leafKeys(tree: ResponseTree | undefined, prefix = ''): string[] {
  return Object.entries(tree ?? {}).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : leafKeys(value, `${prefix}${key}.`),
  );
}

function pathOf(locale: Locale, name: string): string {
  return `locales/${locale}/${COMMON_FOLDER}/${name}`;
}

/** Keys a primary locale lacks after fallback in one of the common files. */
function missingKeys(files: LocaleFiles, locale: Locale, name: (typeof NAMES)[number]): string[] {
  if (name === PAGES_FILE) {
    // The pages' strings are complete when every key of the default language (en-US) is there after fallback.
    const have = new Set(fallbackChain(locale).flatMap((l) => leafKeys(files.pages?.[l]?.data)));
    return leafKeys(files.pages?.[DEFAULT_PAGES_LOCALE]?.data).filter((key) => !have.has(key));
  }
  if (name === NOTICES_FILE) {
    // Every purpose has a notice, with its title, spoken and screen texts, in every primary locale.
    const have = new Set(fallbackChain(locale).flatMap((l) => leafKeys(files.notices?.[l]?.data)));
    return PURPOSES.flatMap((p) => NOTICE_TEXTS.map((text) => `${p}.${text}`)).filter(
      (key) => !have.has(key),
    );
  }
  if (name === MATCHER_FILE) {
    const merged = mergeMatcherFiles(files, locale);
    return (['fillers', 'numbers'] as const).filter((key) => merged[key] === undefined);
  }
  const merged = mergeScreenFiles(files, locale);
  const keys = Object.keys(screenStringsSchema.shape).filter((key) => key !== 'kind' && !(key in merged));
  const kinds = DEVICE_KINDS.filter((kind) => !Object.hasOwn(merged.kind ?? {}, kind)).map(
    (k) => `kind.${k}`,
  );
  return [...keys, ...kinds];
}

/** Problems of the common matcher and screen files of every locale. */
export function checkCommonFiles(files: LocaleFiles, problems: Problem[]): void {
  const broken = new Set(files.problems.map((p) => p.file));
  const present = {
    [MATCHER_FILE]: files.matcher ?? {},
    [SCREEN_FILE]: files.screen ?? {},
    [PAGES_FILE]: files.pages ?? {},
    [NOTICES_FILE]: files.notices ?? {},
  };
  for (const locale of PRIMARY_LOCALES) {
    for (const name of NAMES) {
      const file = pathOf(locale, name);
      if (broken.has(file)) continue;
      if (!present[name][locale]) {
        problems.push({
          code: 'locale-missing-file',
          file,
          locale,
          message: `${COMMON_FOLDER}/${name} is missing: primary locales are complete`,
        });
        continue;
      }
      // Regional locales inherit everything their primary has, so checking primaries covers them.
      for (const key of missingKeys(files, locale, name)) {
        problems.push({
          code: 'common-missing-key',
          file,
          locale,
          message: `"${key}" is missing (after fallback)`,
        });
      }
    }
  }
  for (const locale of LOCALES) {
    const own = files.screen?.[locale];
    for (const kind of Object.keys(own?.data.kind ?? {})) {
      if (own && !(DEVICE_KINDS as readonly string[]).includes(kind)) {
        problems.push({
          code: 'common-unknown-key',
          file: own.file,
          locale,
          message: `"kind.${kind}" is not a device kind (${DEVICE_KINDS.join(', ')})`,
        });
      }
    }
  }
}
