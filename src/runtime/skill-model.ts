/**
 * The language model of one skill in one locale after fallback: invocation
 * name, samples per intent and values per slot type, merged from the common
 * and skill files of the locale's fallback chain. Build, validate and the
 * local matcher all start from this.
 */
import { COMMON_FOLDER, type LocaleFiles, type ModelFile, type SlotTypeValue } from './locale-files.js';
import { fallbackChain, type Locale } from './locales.js';
import { BUILT_IN_INTENTS, type SkillDefinition, type SlotDefinition } from './skill-definition.js';

/** A sample utterance and the file it came from. */
export type Sample = { text: string; file: string };

/** A slot type value and the file it came from. */
export type TypeValue = SlotTypeValue & { file: string };

export type MergedIntent = { name: string; slots: Record<string, SlotDefinition>; samples: Sample[] };

export type SkillModel = {
  skillId: string;
  locale: Locale;
  invocationName?: { value: string; file: string };
  /** Built-ins first (in BUILT_IN_INTENTS order), then the skill's intents in definition order. */
  intents: MergedIntent[];
  /** Values per custom slot type used by the skill, in first-seen order. */
  types: Record<string, TypeValue[]>;
};

type Source = { file: string; model: ModelFile };

/** The files that feed a skill's model in a locale, least specific first (the order later ones override in). */
export function modelSources(files: LocaleFiles, skillId: string, locale: Locale): Source[] {
  const chain = fallbackChain(locale).reverse();
  const sources: Source[] = [];
  for (const l of chain) {
    const common = files.common[l];
    if (common) sources.push({ file: common.file, model: common.model });
  }
  for (const l of chain) {
    const own = files.skills[skillId]?.[l]?.model;
    if (own) sources.push({ file: own.file, model: own.data });
  }
  return sources;
}

/** Merge the model of `skill` in `locale` (samples of every source, slot values replaced by id). */
export function mergeSkillModel(skill: SkillDefinition, files: LocaleFiles, locale: Locale): SkillModel {
  const sources = modelSources(files, skill.id, locale);
  const names = [...BUILT_IN_INTENTS, ...Object.keys(skill.intents)];
  const intents: MergedIntent[] = names.map((name) => ({
    name,
    slots: { ...(skill.intents[name]?.slots ?? {}) },
    samples: sources.flatMap((s) =>
      (s.model.intents?.[name]?.samples ?? []).map((text) => ({ text, file: s.file })),
    ),
  }));
  const used = new Set<string>();
  for (const intent of intents) for (const slot of Object.values(intent.slots)) used.add(slot.type);
  const types: Record<string, TypeValue[]> = {};
  for (const type of used) {
    if (!(type in skill.slotTypes)) continue;
    const byId = new Map<string, TypeValue>();
    const supplied = skill.slotTypes[type]?.values;
    if (supplied) {
      const file = `skills/${skill.id}/skill.ts`;
      for (const v of supplied(locale)) byId.set(v.id, { ...v, file });
    }
    for (const s of sources)
      for (const v of s.model.types?.[type] ?? []) byId.set(v.id, { ...v, file: s.file });
    types[type] = [...byId.values()];
  }
  let invocationName: SkillModel['invocationName'];
  for (const s of sources) {
    if (s.model.invocationName !== undefined && !s.file.includes(`/${COMMON_FOLDER}/`)) {
      invocationName = { value: s.model.invocationName, file: s.file };
    }
  }
  return { skillId: skill.id, locale, ...(invocationName ? { invocationName } : {}), intents, types };
}

/** The values of a slot type in a merged model; none for an unknown type, including `constructor` and other inherited names. */
export function valuesOfType(model: Pick<SkillModel, 'types'>, type: string | undefined): TypeValue[] {
  return type !== undefined && Object.hasOwn(model.types, type) ? (model.types[type] ?? []) : [];
}

/** Samples of an intent without duplicates, in authored order (what models and the matcher use). */
export function uniqueSamples(intent: MergedIntent): string[] {
  return [...new Set(intent.samples.map((s) => s.text.trim().replace(/\s+/g, ' ')))];
}
