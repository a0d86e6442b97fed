/**
 * The files brands edit under `locales/<locale>/`, their zod schemas and how
 * they are read. Reading never throws: a missing or malformed file becomes a
 * `LocaleFileProblem` naming its path, so validate can report it and the
 * runtime can refuse to start with a clear message.
 *
 * Layout (docs/authoring.md):
 *   locales/<locale>/common/model.json       built-in and privacy intents, shared by every skill
 *   locales/<locale>/common/matcher.json     the matcher's filler words and spoken numbers (common-files.ts)
 *   locales/<locale>/common/screen.json      the screen page's own strings (common-files.ts)
 *   locales/<locale>/common/pages.json       the web pages' strings (common-files.ts)
 *   locales/<locale>/<skill>/model.json      invocation name, utterances per intent, slot values
 *   locales/<locale>/<skill>/responses.json  i18next resources of the skill's namespace
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import {
  MATCHER_FILE,
  type MatcherFile,
  matcherFileSchema,
  NOTICES_FILE,
  PAGES_FILE,
  SCREEN_FILE,
  type ScreenFile,
  screenFileSchema,
} from './common-files.js';
import { LOCALES, type Locale } from './locales.js';

/** The folder of shared, skill-independent model data in each locale. */
export const COMMON_FOLDER = 'common';

/**
 * Folders of domain data in each locale (`locales/<locale>/recipes/`: ingredient names,
 * recipe texts), read and checked by their domain's loader, not as skills.
 */
export const DOMAIN_FOLDERS: readonly string[] = ['recipes'];

/** One value of a custom slot type: a stable id, the canonical value in this locale and its synonyms. */
export const slotTypeValueSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case id (letters, digits, - and _)'),
  value: z.string().min(1),
  synonyms: z.array(z.string().min(1)).optional(),
});
export type SlotTypeValue = z.infer<typeof slotTypeValueSchema>;

/** `model.json`: what the interaction models and the local matcher are built from. */
export const modelFileSchema = z.strictObject({
  /** Only in a skill's model file; regional files may omit it to inherit. */
  invocationName: z.string().optional(),
  /** Sample utterances per intent; regional files add to the samples they fall back to. */
  intents: z.record(z.string(), z.strictObject({ samples: z.array(z.string()) })).optional(),
  /** Values per custom slot type; a regional value with the same id replaces the inherited one. */
  types: z.record(z.string(), z.array(slotTypeValueSchema)).optional(),
});
export type ModelFile = z.infer<typeof modelFileSchema>;

/** i18next resources: nested objects of strings. */
export type ResponseTree = { [key: string]: string | ResponseTree };
/**
 * Checked by one walk rather than as a recursive `z.lazy` union: the same issues (with their
 * paths), at a fraction of the cost on every start (about 80 kB of responses and pages).
 */
export const responseTreeSchema: z.ZodType<ResponseTree> = z
  .record(z.string(), z.unknown())
  .superRefine((tree, ctx) => {
    const walk = (node: Record<string, unknown>, path: string[]) => {
      for (const [key, value] of Object.entries(node)) {
        if (typeof value === 'string') continue;
        if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
          walk(value as Record<string, unknown>, [...path, key]);
          continue;
        }
        ctx.addIssue({
          code: 'custom',
          path: [...path, key],
          message: 'expected a string or an object of strings',
        });
      }
    };
    walk(tree, []);
  }) as z.ZodType<ResponseTree>;

/** A file that could not be used, with the path relative to the locales dir's parent. */
export type LocaleFileProblem = { file: string; message: string };

/** Everything read from one `locales/` tree. */
export type LocaleFiles = {
  dir: string;
  /** common model per locale (absent when the file is missing). */
  common: Partial<Record<Locale, { file: string; model: ModelFile }>>;
  /** common/matcher.json per locale (absent when missing; always set by `readLocaleFiles`). */
  matcher?: Partial<Record<Locale, { file: string; data: MatcherFile }>>;
  /** common/screen.json per locale (absent when missing; always set by `readLocaleFiles`). */
  screen?: Partial<Record<Locale, { file: string; data: ScreenFile }>>;
  /** common/pages.json per locale (absent when missing; always set by `readLocaleFiles`). */
  pages?: Partial<Record<Locale, { file: string; data: ResponseTree }>>;
  /** common/notices.json per locale (absent when missing; always set by `readLocaleFiles`). */
  notices?: Partial<Record<Locale, { file: string; data: ResponseTree }>>;
  /** per skill id, per locale. */
  skills: Record<
    string,
    Partial<
      Record<
        Locale,
        { model?: { file: string; data: ModelFile }; responses?: { file: string; data: ResponseTree } }
      >
    >
  >;
  problems: LocaleFileProblem[];
};

function readJson<T>(
  path: string,
  display: string,
  schema: z.ZodType<T>,
  problems: LocaleFileProblem[],
): T | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    problems.push({
      file: display,
      message: `cannot read: ${error instanceof Error ? error.message : String(error)}`,
    });
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    problems.push({
      file: display,
      message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    });
    return undefined;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const at = issue.path.length ? issue.path.join('.') : '(root)';
      problems.push({ file: display, message: `${at}: ${issue.message}` });
    }
    return undefined;
  }
  return parsed.data;
}

/** Read every locale file under `dir`; unknown locale folders and stray files are reported, not fatal. */
export function readLocaleFiles(dir: string): LocaleFiles {
  const base = join(dir, '..');
  const display = (p: string) => relative(base, p);
  const matcher: NonNullable<LocaleFiles['matcher']> = {};
  const screen: NonNullable<LocaleFiles['screen']> = {};
  const pages: NonNullable<LocaleFiles['pages']> = {};
  const notices: NonNullable<LocaleFiles['notices']> = {};
  const files: LocaleFiles = { dir, common: {}, matcher, screen, pages, notices, skills: {}, problems: [] };
  if (!existsSync(dir)) {
    files.problems.push({ file: display(dir), message: 'locales directory not found' });
    return files;
  }
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || !(LOCALES as readonly string[]).includes(entry.name)) {
      files.problems.push({
        file: display(join(dir, entry.name)),
        message: `not a supported locale (${LOCALES.join(', ')})`,
      });
    }
  }
  for (const locale of LOCALES) {
    const localeDir = join(dir, locale);
    if (!existsSync(localeDir)) continue;
    for (const entry of readdirSync(localeDir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const folder = join(localeDir, entry.name);
      if (!entry.isDirectory()) {
        files.problems.push({
          file: display(folder),
          message: 'unexpected file: expected one folder per skill (and common/)',
        });
        continue;
      }
      if (DOMAIN_FOLDERS.includes(entry.name)) continue;
      if (entry.name === COMMON_FOLDER) {
        const read = <T>(name: string, schema: z.ZodType<T>): { file: string; data: T } | undefined => {
          const path = join(folder, name);
          if (!existsSync(path)) return undefined;
          const data = readJson(path, display(path), schema, files.problems);
          return data === undefined ? undefined : { file: display(path), data };
        };
        const model = read('model.json', modelFileSchema);
        if (model) files.common[locale] = { file: model.file, model: model.data };
        const words = read(MATCHER_FILE, matcherFileSchema);
        if (words) matcher[locale] = words;
        const strings = read(SCREEN_FILE, screenFileSchema);
        if (strings) screen[locale] = strings;
        const pageStrings = read(PAGES_FILE, responseTreeSchema);
        if (pageStrings) pages[locale] = pageStrings;
        const noticeStrings = read(NOTICES_FILE, responseTreeSchema);
        if (noticeStrings) notices[locale] = noticeStrings;
        continue;
      }
      const perSkill = files.skills[entry.name] ?? {};
      files.skills[entry.name] = perSkill;
      const slot: NonNullable<(typeof perSkill)[Locale]> = {};
      const modelPath = join(folder, 'model.json');
      if (existsSync(modelPath)) {
        const data = readJson(modelPath, display(modelPath), modelFileSchema, files.problems);
        if (data) slot.model = { file: display(modelPath), data };
      }
      const responsesPath = join(folder, 'responses.json');
      if (existsSync(responsesPath)) {
        const data = readJson(responsesPath, display(responsesPath), responseTreeSchema, files.problems);
        if (data) slot.responses = { file: display(responsesPath), data };
      }
      perSkill[locale] = slot;
    }
  }
  return files;
}
