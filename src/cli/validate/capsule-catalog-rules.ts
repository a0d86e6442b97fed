/**
 * Validate rules for a brand's capsule catalog (`skills/<id>/capsule-catalog.json`), next
 * to the skill it ships with: the schema, the skill's brand, varieties that are the
 * `Variety` slot's ids (none unknown, none unsold), one price per box in every market the
 * catalog names, and no price for a market it does not name.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { CAPSULE_CATALOG_FILE } from '../../domains/capsules/capsule-catalog.js';
import { capsuleCatalogSchema } from '../../domains/capsules/capsule-catalog-schema.js';
import type { LocaleFiles } from '../../runtime/locale-files.js';
import { REFERENCE_LOCALE } from '../../runtime/locales.js';
import type { SkillDefinition } from '../../runtime/skill-definition.js';
import { mergeSkillModel, valuesOfType } from '../../runtime/skill-model.js';
import type { Problem } from './problem.js';

/** The slot type whose value ids a catalog's varieties are. */
export const VARIETY_SLOT_TYPE = 'Variety';

/** Problems of one catalog's content, given the skill's brand and its `Variety` ids. */
export function checkCapsuleCatalog(
  data: unknown,
  at: { file: string; skill: string; brandId: string; varietyIds: readonly string[] },
): Problem[] {
  const where = { file: at.file, skill: at.skill };
  const parsed = capsuleCatalogSchema.safeParse(data);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => ({
      ...where,
      code: 'capsule-catalog-schema',
      message: `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    }));
  }
  const catalog = parsed.data;
  const problems: Problem[] = [];
  const problem = (code: string, message: string) => problems.push({ ...where, code, message });
  if (catalog.brandId !== at.brandId)
    problem('capsule-catalog-brand', `brandId "${catalog.brandId}" is not the skill's brand "${at.brandId}"`);
  const known = new Set(at.varietyIds);
  const markets = Object.keys(catalog.markets);
  const seen = new Set<string>();
  for (const variety of catalog.varieties) {
    if (seen.has(variety.id)) problem('capsule-catalog-duplicate', `variety "${variety.id}" is listed twice`);
    seen.add(variety.id);
    if (!known.has(variety.id))
      problem(
        'capsule-catalog-unknown-variety',
        `variety "${variety.id}" is not a ${VARIETY_SLOT_TYPE} slot value`,
      );
    const sizes = new Set<number>();
    for (const box of variety.boxes) {
      const name = `${variety.id}, box of ${box.capsules}`;
      if (sizes.has(box.capsules)) problem('capsule-catalog-duplicate', `${name} is listed twice`);
      sizes.add(box.capsules);
      for (const market of markets) {
        if (!Object.hasOwn(box.prices, market))
          problem('capsule-catalog-missing-price', `${name} has no price in ${market}`);
      }
      for (const market of Object.keys(box.prices)) {
        if (!Object.hasOwn(catalog.markets, market))
          problem(
            'capsule-catalog-unknown-market',
            `${name} has a price in ${market}, which is not in markets`,
          );
      }
    }
  }
  for (const id of at.varietyIds) {
    if (!seen.has(id))
      problem('capsule-catalog-missing-variety', `${VARIETY_SLOT_TYPE} "${id}" is not sold in the catalog`);
  }
  return problems;
}

/** The skill's folder, from its source files (`…/skills/<id>/…`); undefined when none is there. */
function skillDir(skillId: string, sourceFiles: readonly string[]): string | undefined {
  const marker = `${sep}skills${sep}${skillId}${sep}`;
  const file = sourceFiles.find((f) => f.includes(marker));
  return file === undefined ? undefined : file.slice(0, file.indexOf(marker) + marker.length - 1);
}

/** Checks the catalog a skill ships, if it ships one. */
export function checkSkillCapsuleCatalog(
  skill: SkillDefinition,
  source: { file: string; sourceFiles: readonly string[] },
  files: LocaleFiles,
  problems: Problem[],
): void {
  const dir = skillDir(skill.id, source.sourceFiles);
  const path = dir === undefined ? undefined : join(dir, CAPSULE_CATALOG_FILE);
  if (path === undefined || !existsSync(path)) return;
  const file = join(dirname(source.file), CAPSULE_CATALOG_FILE);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    problems.push({
      file,
      skill: skill.id,
      code: 'capsule-catalog-json',
      message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    });
    return;
  }
  if (!Object.hasOwn(skill.slotTypes, VARIETY_SLOT_TYPE)) {
    problems.push({
      file,
      skill: skill.id,
      code: 'capsule-catalog-no-varieties',
      message: `the skill ships a capsule catalog but defines no ${VARIETY_SLOT_TYPE} slot type`,
    });
    return;
  }
  const model = mergeSkillModel(skill, files, REFERENCE_LOCALE);
  const varietyIds = valuesOfType(model, VARIETY_SLOT_TYPE).map((v) => v.id);
  problems.push(...checkCapsuleCatalog(data, { file, skill: skill.id, brandId: skill.brandId, varietyIds }));
}
