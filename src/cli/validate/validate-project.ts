/**
 * `hearth validate` as a library: every rule over every skill and locale,
 * returning problems (never throwing) so the CLI, tests and fixtures share it.
 */

import { defaultSkillsDir } from '../../offers/load-campaigns.js';
import { COMMON_FOLDER, type LocaleFiles } from '../../runtime/locale-files.js';
import {
  fallbackChain,
  LOCALES,
  type Locale,
  languageOf,
  PRIMARY_LOCALES,
  pluralCategories,
  REFERENCE_LOCALE,
} from '../../runtime/locales.js';
import {
  BUILT_IN_INTENTS,
  BUILT_IN_SLOT_TYPES,
  COMMON_INTENTS,
  type SkillDefinition,
  skillDefinitionSchema,
} from '../../runtime/skill-definition.js';
import { mergeSkillModel } from '../../runtime/skill-model.js';
import { checkSkillCampaigns, type NamedByCampaigns } from './campaign-rules.js';
import { checkSkillCapsuleCatalog } from './capsule-catalog-rules.js';
import { checkCommonFiles } from './common-rules.js';
import { checkInvocationName } from './invocation-rules.js';
import type { Problem } from './problem.js';
import { checkRecipeCatalog } from './recipe-catalog-rules.js';
import { flattenResponses, interpolationVariables, pluralParts } from './response-rules.js';
import { findUsedKeysInFiles, isUsed } from './used-keys.js';
import { checkSample, normaliseSample, normaliseWithSlotTypes } from './utterance-rules.js';

/** Fewest samples an intent may have in a locale after fallback. */
export const MIN_SAMPLES = 6;

/** A skill as found on disk: its loaded definition (unchecked) and where its source lives. */
export type SkillSource = {
  id: string;
  /** Display path of the definition, e.g. `skills/fridge-chef/skill.ts`. */
  file: string;
  definition: unknown;
  /** Absolute paths of the source files scanned for used response keys (the skill's and the runtime's shared ones). */
  sourceFiles: string[];
};

export type ValidateInput = {
  skills: SkillSource[];
  files: LocaleFiles;
  /** The recipe catalog's data folder (`src/domains/recipes/data` of the package unless a fixture passes a copy). */
  catalogDataDir?: string;
  /** The skills' folder, where campaigns and capsule catalogs are read (the package's `skills/` unless a fixture passes a copy). */
  skillsDir?: string;
};

const NO_SAMPLES = new Set<string>(['AMAZON.FallbackIntent']);

function isOwnFile(file: string, locale: Locale): boolean {
  return file.includes(`/${locale}/`);
}

function checkDefinition(source: SkillSource, problems: Problem[]): SkillDefinition | undefined {
  const parsed = skillDefinitionSchema.safeParse(source.definition);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({
        code: 'skill-definition',
        file: source.file,
        skill: source.id,
        message: `${issue.path.join('.') || '(root)'}: ${issue.message}`,
      });
    }
    return undefined;
  }
  const skill = source.definition as SkillDefinition;
  const at = { file: source.file, skill: skill.id };
  if (skill.id !== source.id) {
    problems.push({
      ...at,
      code: 'skill-definition',
      message: `id "${skill.id}" does not match its folder "${source.id}"`,
    });
  }
  for (const name of COMMON_INTENTS) {
    if (!skill.intents[name])
      problems.push({
        ...at,
        code: 'missing-common-intent',
        intent: name,
        message: `every skill must define ${name}`,
      });
  }
  if (skill.intents.StopUsingMyDataIntent && !skill.intents.StopUsingMyDataIntent.slots?.dataKind) {
    problems.push({
      ...at,
      code: 'missing-common-intent',
      intent: 'StopUsingMyDataIntent',
      message: 'needs the slot {dataKind}',
    });
  }
  for (const [intent, def] of Object.entries(skill.intents)) {
    for (const [slot, spec] of Object.entries(def.slots ?? {})) {
      const builtIn = (BUILT_IN_SLOT_TYPES as readonly string[]).includes(spec.type);
      if (!builtIn && !(spec.type in skill.slotTypes)) {
        problems.push({
          ...at,
          code: 'slot-type-undefined',
          intent,
          message: `slot {${slot}} has type ${spec.type}, which is neither built in nor in slotTypes`,
        });
      }
      if (spec.required && !spec.prompt) {
        problems.push({
          ...at,
          code: 'required-slot-prompt',
          intent,
          message: `required slot {${slot}} needs a prompt (a response key)`,
        });
      }
    }
  }
  return skill;
}

/** Whether a file of the locale's chain could not be read (already reported; checking further would only echo it). */
function chainBroken(
  files: LocaleFiles,
  skillId: string,
  locale: Locale,
  kind: 'model' | 'responses',
): boolean {
  const broken = new Set(files.problems.map((p) => p.file));
  return fallbackChain(locale).some(
    (l) =>
      broken.has(`locales/${l}/${skillId}/${kind}.json`) ||
      (kind === 'model' && broken.has(`locales/${l}/${COMMON_FOLDER}/model.json`)),
  );
}

function checkModels(skill: SkillDefinition, files: LocaleFiles, problems: Problem[]): void {
  const known = new Set<string>([...BUILT_IN_INTENTS, ...Object.keys(skill.intents)]);
  for (const locale of PRIMARY_LOCALES) {
    const own = files.skills[skill.id]?.[locale];
    for (const kind of ['model', 'responses'] as const) {
      if (!own?.[kind] && !chainBroken(files, skill.id, locale, kind)) {
        problems.push({
          code: 'locale-missing-file',
          file: `locales/${locale}/${skill.id}/${kind}.json`,
          skill: skill.id,
          locale,
          message: `${kind}.json is missing (or unreadable): primary locales are complete`,
        });
      }
    }
  }
  for (const locale of LOCALES) {
    // Without any model file in the chain, locale-missing-file already says it all.
    if (!fallbackChain(locale).some((l) => files.skills[skill.id]?.[l]?.model)) continue;
    if (chainBroken(files, skill.id, locale, 'model')) continue;
    const model = mergeSkillModel(skill, files, locale);
    const skillFile =
      files.skills[skill.id]?.[locale]?.model?.file ?? `locales/${locale}/${skill.id}/model.json`;
    const at = { skill: skill.id, locale };

    // Intents and types the locale's own files mention but the skill does not define.
    const own = files.skills[skill.id]?.[locale]?.model;
    for (const intent of Object.keys(own?.data.intents ?? {})) {
      if (!known.has(intent)) {
        problems.push({
          ...at,
          file: own?.file ?? skillFile,
          intent,
          code: 'unknown-intent',
          message: `samples for ${intent}, which the skill does not define`,
        });
      }
    }
    for (const type of Object.keys(own?.data.types ?? {})) {
      if (!(type in skill.slotTypes)) {
        problems.push({
          ...at,
          file: own?.file ?? skillFile,
          code: 'unknown-slot-type',
          message: `values for ${type}, which the skill does not declare in slotTypes`,
        });
      }
    }
    const common = files.common[locale];
    for (const intent of Object.keys(common?.model.intents ?? {})) {
      const allowed = [...BUILT_IN_INTENTS, ...COMMON_INTENTS] as readonly string[];
      if (!allowed.includes(intent) && common) {
        problems.push({
          ...at,
          file: common.file,
          intent,
          code: 'unknown-intent',
          message: `${COMMON_FOLDER}/ may only hold built-in and privacy intents`,
        });
      }
    }

    // Invocation name.
    if (!model.invocationName) {
      problems.push({
        ...at,
        file: skillFile,
        code: 'invocation-missing',
        message: 'no invocationName (after fallback)',
      });
    } else if (isOwnFile(model.invocationName.file, locale)) {
      for (const f of checkInvocationName(
        model.invocationName.value,
        languageOf(locale),
        skill.invocation.brandName,
      )) {
        problems.push({ ...at, file: model.invocationName.file, code: f.code, message: f.message });
      }
    }

    // Samples.
    const claimed = new Map<string, { intent: string; file: string; text: string }>();
    for (const intent of model.intents) {
      const slotNames = Object.keys(intent.slots);
      const slotTypes = Object.fromEntries(Object.entries(intent.slots).map(([n, s]) => [n, s.type]));
      const seen = new Map<string, string>();
      for (const sample of intent.samples) {
        const mine = isOwnFile(sample.file, locale);
        if (mine) {
          for (const f of checkSample(sample.text, slotNames)) {
            problems.push({
              ...at,
              file: sample.file,
              intent: intent.name,
              code: f.code,
              message: f.message,
            });
          }
        }
        const norm = normaliseSample(sample.text);
        const first = seen.get(norm);
        if (first !== undefined && mine) {
          problems.push({
            ...at,
            file: sample.file,
            intent: intent.name,
            code: 'utterance-duplicate',
            message: `"${sample.text}" appears twice (first in ${first})`,
          });
        }
        if (first === undefined) seen.set(norm, sample.file);
        const shape = normaliseWithSlotTypes(sample.text, slotTypes);
        const other = claimed.get(shape);
        if (other && other.intent !== intent.name && (mine || isOwnFile(other.file, locale))) {
          problems.push({
            ...at,
            file: sample.file,
            intent: intent.name,
            code: 'utterance-conflict',
            message: `"${sample.text}" is also a sample of ${other.intent} ("${other.text}" in ${other.file})`,
          });
        }
        if (!other) claimed.set(shape, { intent: intent.name, file: sample.file, text: sample.text });
      }
      if (!NO_SAMPLES.has(intent.name) && seen.size < MIN_SAMPLES) {
        problems.push({
          ...at,
          file: skillFile,
          intent: intent.name,
          code: 'too-few-utterances',
          message: `${seen.size} distinct samples after fallback; at least ${MIN_SAMPLES} needed`,
        });
      }
    }

    // Slot values.
    for (const type of Object.keys(skill.slotTypes)) {
      const usedBy = model.intents.find((i) => Object.values(i.slots).some((s) => s.type === type));
      if (!usedBy) continue;
      if (!model.types[type]?.length) {
        problems.push({
          ...at,
          file: skillFile,
          code: 'slot-type-no-values',
          message: `slot type ${type} (used by ${usedBy.name}) has no values`,
        });
      }
    }
  }
}

function checkResponses(
  skill: SkillDefinition,
  source: SkillSource,
  files: LocaleFiles,
  problems: Problem[],
  namedByCampaigns: NamedByCampaigns = () => false,
): void {
  const perLocale = files.skills[skill.id] ?? {};
  const refFile = perLocale[REFERENCE_LOCALE]?.responses;
  if (!refFile) return; // reported as locale-missing-file or locale-file
  const reference = flattenResponses(refFile.data);
  const refBases = new Map<string, { plural: boolean; variables: Set<string> }>();
  for (const [key, text] of reference) {
    const { base, category } = pluralParts(key);
    const entry = refBases.get(base) ?? { plural: category !== undefined, variables: new Set<string>() };
    for (const v of interpolationVariables(text)) if (!(category && v === 'count')) entry.variables.add(v);
    refBases.set(base, entry);
  }

  for (const locale of LOCALES) {
    const chain = fallbackChain(locale);
    if (!chain.some((l) => perLocale[l]?.responses)) continue;
    if (chainBroken(files, skill.id, locale, 'responses')) continue;
    const merged = new Map<string, { text: string; file: string }>();
    for (const l of [...chain].reverse()) {
      const f = perLocale[l]?.responses;
      if (f) for (const [k, v] of flattenResponses(f.data)) merged.set(k, { text: v, file: f.file });
    }
    const ownFile = perLocale[locale]?.responses?.file ?? `locales/${locale}/${skill.id}/responses.json`;
    const at = { skill: skill.id, locale };
    const categories = pluralCategories(locale);
    const localeBases = new Map<string, Set<string>>();
    for (const [key, { text, file }] of merged) {
      const { base, category } = pluralParts(key);
      const ref = refBases.get(base);
      if (!ref) {
        if (isOwnFile(file, locale)) {
          problems.push({
            ...at,
            file,
            code: 'response-unknown-key',
            message: `"${key}" is not a key of ${REFERENCE_LOCALE}`,
          });
        }
        continue;
      }
      const vars = new Set(interpolationVariables(text).filter((v) => !(category && v === 'count')));
      if (!ref.plural) {
        const same = vars.size === ref.variables.size && [...vars].every((v) => ref.variables.has(v));
        if (!same && isOwnFile(file, locale)) {
          problems.push({
            ...at,
            file,
            code: 'response-variables',
            message: `"${key}" uses {{${[...vars].sort().join('}}, {{')}}} but ${REFERENCE_LOCALE} uses {{${[...ref.variables].sort().join('}}, {{')}}}`,
          });
        }
      } else {
        const extra = [...vars].filter((v) => !ref.variables.has(v));
        if (extra.length && isOwnFile(file, locale)) {
          problems.push({
            ...at,
            file,
            code: 'response-variables',
            message: `"${key}" uses {{${extra.join('}}, {{')}}}, unknown to ${REFERENCE_LOCALE}`,
          });
        }
      }
      const set = localeBases.get(base) ?? new Set<string>();
      if (category) set.add(category);
      else set.add('');
      localeBases.set(base, set);
    }
    for (const [base, ref] of refBases) {
      const have = localeBases.get(base);
      if (!have) {
        problems.push({
          ...at,
          file: ownFile,
          code: 'response-missing-key',
          message: `"${base}" is missing (after fallback)`,
        });
        continue;
      }
      if (ref.plural) {
        const missing = categories.filter((c) => !have.has(c));
        if (missing.length) {
          problems.push({
            ...at,
            file: ownFile,
            code: 'response-plural-forms',
            message: `"${base}" lacks the plural form${missing.length > 1 ? 's' : ''} ${missing.map((c) => `_${c}`).join(', ')} (${locale} needs ${categories.map((c) => `_${c}`).join(', ')})`,
          });
        }
      }
    }
  }

  // Used in code vs present.
  const used = findUsedKeysInFiles(source.sourceFiles);
  for (const intent of Object.values(skill.intents)) {
    for (const slot of Object.values(intent.slots ?? {})) if (slot.prompt) used.exact.add(slot.prompt);
  }
  for (const key of [...used.exact].sort()) {
    if (!refBases.has(key)) {
      problems.push({
        code: 'response-used-missing',
        file: refFile.file,
        skill: skill.id,
        locale: REFERENCE_LOCALE,
        message: `"${key}" is used in ${source.file.replace(/[^/]*$/, '')} but not defined`,
      });
    }
  }
  for (const base of refBases.keys()) {
    if (!isUsed(used, base) && !namedByCampaigns(base)) {
      problems.push({
        code: 'response-unused-key',
        file: refFile.file,
        skill: skill.id,
        locale: REFERENCE_LOCALE,
        message: `"${base}" is never used by the skill`,
      });
    }
  }
}

/** Validate skills and locale files; returns every problem found (empty when all is well). */
export function validateProject(input: ValidateInput): Problem[] {
  const problems: Problem[] = input.files.problems.map((p) => ({
    code: 'locale-file',
    file: p.file,
    message: p.message,
  }));
  checkCommonFiles(input.files, problems);
  const catalog = checkRecipeCatalog(input.files.dir, problems, input.catalogDataDir);
  const ingredients = new Set(catalog.ingredients.keys());
  const skillsDir = input.skillsDir ?? defaultSkillsDir();
  const ids = new Set(input.skills.map((s) => s.id));
  for (const id of Object.keys(input.files.skills)) {
    if (!ids.has(id)) {
      const locale = LOCALES.find((l) => input.files.skills[id]?.[l]);
      problems.push({
        code: 'unknown-skill',
        file: `locales/${locale ?? '*'}/${id}`,
        skill: id,
        message: `no skill "${id}" in skills/index.ts`,
      });
    }
  }
  for (const source of input.skills) {
    const skill = checkDefinition(source, problems);
    if (!skill) continue;
    checkModels(skill, input.files, problems);
    const named = checkSkillCampaigns(skill, { files: input.files, skillsDir, ingredients }, problems);
    checkResponses(skill, source, input.files, problems, named);
    checkSkillCapsuleCatalog(skill, source, input.files, problems);
  }
  return problems;
}
