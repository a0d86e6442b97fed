/**
 * Generate every interaction-model file and compare with, or write to,
 * `interaction-models/`. Files there that the build would not produce are
 * stale too (a removed skill or intent).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LanguageData } from '../../runtime/i18n.js';
import { LOCALES, type Locale } from '../../runtime/locales.js';
import type { SkillDefinition, Translate } from '../../runtime/skill-definition.js';
import type { SkillModel } from '../../runtime/skill-model.js';
import { buildAlexaModel } from './alexa-model.js';
import { buildDialogflowAgent } from './dialogflow-agent.js';
import { stableJson } from './stable-json.js';

/** Generated contents keyed by path relative to `interaction-models/`, sorted. */
export function generateModels(
  skills: readonly SkillDefinition[],
  language: LanguageData,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const skill of skills) {
    const models = {} as Record<Locale, SkillModel>;
    const translators = {} as Record<Locale, Translate>;
    for (const locale of LOCALES) {
      models[locale] = language.model(skill, locale);
      translators[locale] = language.translator(skill.id, locale);
      out.set(
        `alexa/${skill.id}/${locale}.json`,
        stableJson(buildAlexaModel(skill, models[locale], translators[locale])),
      );
    }
    for (const [path, content] of buildDialogflowAgent(skill, models, translators)) {
      out.set(`dialogflow/${skill.id}/${path}`, stableJson(content));
    }
  }
  return new Map([...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Every file under `dir` (recursively), as `prefix` + its path relative to `dir`, sorted. */
export function listFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listFiles(path, `${prefix}${name}/`));
    else out.push(`${prefix}${name}`);
  }
  return out;
}

export type StaleFile = { path: string; reason: 'missing' | 'outdated' | 'not generated' };

/**
 * Which files under `dir` differ from `generated`. `owned` are the files there
 * the build writes (all of them by default): those it no longer generates are stale.
 */
export function findStale(
  dir: string,
  generated: Map<string, string>,
  owned: readonly string[] = listFiles(dir),
): StaleFile[] {
  const stale: StaleFile[] = [];
  for (const [path, content] of generated) {
    const full = join(dir, path);
    if (!existsSync(full)) stale.push({ path, reason: 'missing' });
    else if (readFileSync(full, 'utf8') !== content) stale.push({ path, reason: 'outdated' });
  }
  for (const path of owned) if (!generated.has(path)) stale.push({ path, reason: 'not generated' });
  return stale.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** Bring `dir` in line with `generated`: write what changed, delete what (of `owned`) is no longer generated. */
export function writeModels(
  dir: string,
  generated: Map<string, string>,
  owned: readonly string[] = listFiles(dir),
): StaleFile[] {
  const stale = findStale(dir, generated, owned);
  for (const file of stale) {
    const full = join(dir, file.path);
    if (file.reason === 'not generated') {
      rmSync(full);
      continue;
    }
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, generated.get(file.path) ?? '');
  }
  return stale;
}
