/**
 * Language data at run time: responses through i18next (one namespace per
 * skill, regional locales falling back to their primary: en-GB -> en-US,
 * fr-CA -> fr-FR), the localised names of slot values, the matcher's lexicon
 * and the screen page's strings (common/ files). Interpolation does
 * not HTML-escape: speech is escaped as a whole when rendered as SSML
 * (ssml.ts); screens get plain text.
 */
import i18next, { type i18n } from 'i18next';
import type { ScreenStrings } from './common-files.js';
import { NOTICES_NAMESPACE, PAGES_NAMESPACE } from './common-files.js';
import { lexiconOf } from './lexicon.js';
import type { LocaleFiles, ResponseTree } from './locale-files.js';
import { fallbackChain, LOCALES, type Locale } from './locales.js';
import { createMatcher, type Lexicon, type Matcher } from './matcher.js';
import { screenStringsOf } from './screen-strings.js';
import type { SkillDefinition, Translate } from './skill-definition.js';
import { mergeSkillModel, type SkillModel, valuesOfType } from './skill-model.js';
import { templatedTranslate } from './translation-templates.js';

/** Responses, slot value names and common words of every skill in every locale. */
export type LanguageData = {
  files: LocaleFiles;
  /** A translate function fixed to a skill's namespace and a locale. */
  translator(skillId: string, locale: Locale): Translate;
  /** Whether the key resolves (after fallback) for the skill in the locale. */
  has(skillId: string, locale: Locale, key: string): boolean;
  /** The merged language model of a skill in a locale (cached). */
  model(skill: SkillDefinition, locale: Locale): SkillModel;
  /** The localised name of a slot value by id, or the id itself. */
  valueName(skill: SkillDefinition, locale: Locale, type: string, id: string): string;
  /** The matcher's filler and number words in a locale, after fallback (cached). */
  lexicon(locale: Locale): Lexicon;
  /** The screen page's own strings in a locale, after fallback. */
  screenStrings(locale: Locale): ScreenStrings;
  /** The web pages' strings in a locale (`common/pages.json`, i18next with fallback; plain text, escape for HTML). */
  pageText(locale: Locale): Translate;
  /** The purposes' privacy notices in a locale (`common/notices.json`: `<purpose>.title|short|long`, `{{brand}}`). */
  noticeText(locale: Locale): Translate;
  /** The local matcher of a skill in a locale, built on first use from its model and lexicon. */
  matcher(skill: SkillDefinition, locale: Locale): Matcher;
};

/** Build the language data from locale files (sync: resources are in memory). */
export function createLanguageData(files: LocaleFiles): LanguageData {
  const resources: Record<string, Record<string, ResponseTree>> = {};
  for (const locale of LOCALES) {
    const namespaces: Record<string, ResponseTree> = {};
    for (const [skillId, perLocale] of Object.entries(files.skills)) {
      const data = perLocale[locale]?.responses?.data;
      if (data) namespaces[skillId] = data;
    }
    const pages = files.pages?.[locale]?.data;
    if (pages) namespaces[PAGES_NAMESPACE] = pages;
    const notices = files.notices?.[locale]?.data;
    if (notices) namespaces[NOTICES_NAMESPACE] = notices;
    resources[locale] = namespaces;
  }
  const fallbackLng: Record<string, string[]> = { default: ['en-US'] };
  for (const locale of LOCALES) fallbackLng[locale] = fallbackChain(locale).slice(1);
  const instance: i18n = i18next.createInstance();
  void instance.init({
    initAsync: false,
    resources,
    lng: 'en-US',
    fallbackLng,
    supportedLngs: [...LOCALES],
    load: 'currentOnly',
    ns: [...Object.keys(files.skills), PAGES_NAMESPACE, NOTICES_NAMESPACE],
    interpolation: { escapeValue: false },
    returnNull: false,
    // A missing key must be visible in tests and replays, not silently spoken as its name.
    parseMissingKeyHandler: (key: string) => `[missing: ${key}]`,
  });
  const models = new Map<string, SkillModel>();
  const model = (skill: SkillDefinition, locale: Locale): SkillModel => {
    const cacheKey = `${skill.id}/${locale}`;
    let merged = models.get(cacheKey);
    if (!merged) {
      merged = mergeSkillModel(skill, files, locale);
      models.set(cacheKey, merged);
    }
    return merged;
  };
  const lexicons = new Map<Locale, Lexicon>();
  const translators = new Map<string, Translate>();
  const matchers = new Map<string, Matcher>();
  const lexicon = (locale: Locale): Lexicon => {
    const found = lexicons.get(locale) ?? lexiconOf(files, locale);
    lexicons.set(locale, found);
    return found;
  };
  const valueNames = new Map<string, Map<string, string>>();
  const translator = (namespace: string, locale: Locale): Translate => {
    const cacheKey = `${namespace}/${locale}`;
    let translate = translators.get(cacheKey);
    if (!translate) {
      translate = templatedTranslate(instance.getFixedT(locale, namespace), locale);
      translators.set(cacheKey, translate);
    }
    return translate;
  };
  return {
    files,
    translator,
    has(skillId, locale, key) {
      return instance.exists(key, { lng: locale, ns: skillId });
    },
    model,
    valueName(skill, locale, type, id) {
      const cacheKey = `${skill.id}/${locale}/${type}`;
      let names = valueNames.get(cacheKey);
      if (!names) {
        names = new Map(valuesOfType(model(skill, locale), type).map((v) => [v.id, v.value]));
        valueNames.set(cacheKey, names);
      }
      return names.get(id) ?? id;
    },
    lexicon,
    screenStrings: (locale) => screenStringsOf(files, locale),
    pageText: (locale) => translator(PAGES_NAMESPACE, locale),
    noticeText: (locale) => translator(NOTICES_NAMESPACE, locale),
    matcher(skill, locale) {
      const cacheKey = `${skill.id}/${locale}`;
      let built = matchers.get(cacheKey);
      if (!built) {
        built = createMatcher(model(skill, locale), lexicon(locale));
        matchers.set(cacheKey, built);
      }
      return built;
    },
  };
}
