import { createLanguageData, type LanguageData } from './i18n.js';
import { readLocaleFiles } from './locale-files.js';
import { defaultLocalesDir } from './package-root.js';

let cached: LanguageData | undefined;

/**
 * The language data of the package's own locales/, read once: for the CLI,
 * tests and brand test helpers. The service reads it at start and injects it.
 */
export function loadDefaultLanguage(): LanguageData {
  cached ??= createLanguageData(readLocaleFiles(defaultLocalesDir()));
  return cached;
}
