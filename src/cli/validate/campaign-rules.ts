/**
 * `hearth validate` on a skill's campaigns (`skills/<id>/campaigns/*.json`): the loader's
 * checks (JSON, schema, dates, variant weights, keys under the campaign's prefix, id = file
 * name) and what the campaign names, checked against the skill: its intents, its capsule
 * catalog, the ingredient vocabulary and its responses in every primary locale.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CAPSULE_CATALOG_FILE, loadCapsuleCatalog } from '../../domains/capsules/capsule-catalog.js';
import { type CampaignVocabulary, checkCampaignReferences } from '../../offers/campaign-references.js';
import { campaignResponseKeys } from '../../offers/campaign-schema.js';
import { loadCampaigns } from '../../offers/load-campaigns.js';
import type { LocaleFiles } from '../../runtime/locale-files.js';
import { fallbackChain, type Locale } from '../../runtime/locales.js';
import { ownIntent, type SkillDefinition } from '../../runtime/skill-definition.js';
import { mergeSkillModel, type SkillModel, valuesOfType } from '../../runtime/skill-model.js';
import type { Problem } from './problem.js';
import { flattenResponses, pluralParts } from './response-rules.js';

/** The capsule varieties a skill's catalog sells, as campaign checks need them. */
function catalogVarieties(skillsDir: string, skillId: string): CampaignVocabulary['varieties'] {
  const path = join(skillsDir, skillId, CAPSULE_CATALOG_FILE);
  if (!existsSync(path)) return 'none';
  try {
    return new Set(loadCapsuleCatalog(path).varieties.map((v) => v.id));
  } catch {
    return 'unreadable'; // reported by the capsule catalog's own rules
  }
}

/**
 * Base keys (plural suffix removed) of the skill's responses in a locale, after fallback;
 * undefined when a file of the chain is missing or unreadable (reported on its own).
 */
function responseBases(files: LocaleFiles, skillId: string, locale: Locale): Set<string> | undefined {
  const chain = fallbackChain(locale);
  const broken = new Set(files.problems.map((p) => p.file));
  if (chain.some((l) => broken.has(`locales/${l}/${skillId}/responses.json`))) return undefined;
  if (!files.skills[skillId]?.[locale]?.responses) return undefined;
  const bases = new Set<string>();
  for (const l of chain) {
    const file = files.skills[skillId]?.[l]?.responses;
    if (file) for (const key of flattenResponses(file.data).keys()) bases.add(pluralParts(key).base);
  }
  return bases;
}

/**
 * Whether a response key is named by a campaign, for the unused-keys rule: the keys of the
 * valid campaigns, and for a file that could not be used (already reported) every key under
 * its `campaigns.<file name>.` prefix and the rule it names, so one broken file is one problem.
 */
export type NamedByCampaigns = (key: string) => boolean;

/** The `rule` a campaign file names, read leniently (the file may be broken). */
function rawRule(path: string): string | undefined {
  try {
    const data: unknown = JSON.parse(readFileSync(path, 'utf8'));
    const rule = data && typeof data === 'object' ? (data as { rule?: unknown }).rule : undefined;
    return typeof rule === 'string' ? rule : undefined;
  } catch {
    return undefined;
  }
}

/** Checks the skill's campaigns, adds their problems and says which response keys they name. */
export function checkSkillCampaigns(
  skill: SkillDefinition,
  input: { files: LocaleFiles; skillsDir: string; ingredients: ReadonlySet<string> },
  problems: Problem[],
): NamedByCampaigns {
  const loaded = loadCampaigns([{ id: skill.id, brandId: skill.brandId }], input.skillsDir);
  problems.push(...loaded.problems);
  const named = new Set<string>();
  const prefixes = new Set<string>();
  for (const p of loaded.problems) {
    if (!p.campaign) continue;
    prefixes.add(`campaigns.${p.campaign}.`);
    const rule = rawRule(join(input.skillsDir, '..', p.file));
    if (rule) named.add(rule);
  }
  const isNamed: NamedByCampaigns = (key) =>
    named.has(key) || [...prefixes].some((prefix) => key.startsWith(prefix));
  const campaigns = loaded.bySkill[skill.id] ?? [];
  if (!campaigns.length) return isNamed;
  const bases = new Map<Locale, Set<string> | undefined>();
  // Value ids do not depend on the language: the primary locale's model names them all.
  let model: SkillModel | undefined;
  const vocabulary: CampaignVocabulary = {
    intents: new Set(Object.keys(skill.intents)),
    varieties: catalogVarieties(input.skillsDir, skill.id),
    ingredients: input.ingredients,
    slotsOf: (intent) => {
      const own = ownIntent(skill, intent);
      return own
        ? Object.fromEntries(Object.entries(own.slots ?? {}).map(([n, d]) => [n, d.type]))
        : undefined;
    },
    valueIds: (type) => {
      if (type.startsWith('AMAZON.')) return undefined;
      model ??= mergeSkillModel(skill, input.files, 'en-US');
      // A type the skill does not define is reported on its own (slot-type-undefined).
      if (!model.types[type]) return undefined;
      return new Set(valuesOfType(model, type).map((v) => v.id));
    },
    hasResponse: (locale, key) => {
      if (!bases.has(locale)) bases.set(locale, responseBases(input.files, skill.id, locale));
      const set = bases.get(locale);
      return set === undefined || set.has(key);
    },
    responsesFile: (locale) =>
      input.files.skills[skill.id]?.[locale]?.responses?.file ??
      `locales/${locale}/${skill.id}/responses.json`,
  };
  for (const campaign of campaigns) {
    problems.push(...checkCampaignReferences(campaign, vocabulary, { file: campaign.file, skill: skill.id }));
    for (const key of campaignResponseKeys(campaign)) named.add(key);
  }
  return isNamed;
}
