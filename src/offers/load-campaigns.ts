/**
 * Reading the campaigns brands author (`skills/<skillId>/campaigns/<campaign-id>.json`), found
 * from the package root as the locales and capsule catalogs are, so the same path serves
 * `src/` (vitest), `dist/src/` (the CLI) and the service bundle. Reading never throws: a file
 * that cannot be used becomes a problem naming it (and its campaign), and is left out.
 * Platform code never names a skill: the caller hands in the skills (id and brand).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { findPackageRoot } from '../runtime/package-root.js';
import { CAMPAIGNS_FOLDER, type Campaign, campaignSchema } from './campaign-schema.js';

/** A campaign as loaded: the file's content with the skill and brand it belongs to. */
export type LoadedCampaign = Campaign & { skillId: string; brandId: string; file: string };

/** Something wrong with a campaign file, with the file relative to the package root. */
export type CampaignProblem = {
  code: string;
  file: string;
  skill?: string;
  campaign?: string;
  locale?: string;
  message: string;
};

export type CampaignsLoad = {
  /** Per skill id, the valid campaigns in file-name order (every skill handed in has an entry). */
  bySkill: Record<string, LoadedCampaign[]>;
  problems: CampaignProblem[];
};

/** Where the skills are: `<package root>/skills` unless a caller (a fixture) passes another folder. */
export function defaultSkillsDir(): string {
  return join(findPackageRoot(), 'skills');
}

/** The problems of one zod error, with the code a check asked for (campaign-schema.ts) or `campaign-schema`. */
function schemaProblems(
  error: z.ZodError,
  at: { file: string; skill: string; campaign?: string },
): CampaignProblem[] {
  return error.issues.map((issue) => {
    const params = 'params' in issue ? (issue.params as { code?: unknown } | undefined) : undefined;
    const code = typeof params?.code === 'string' ? params.code : 'campaign-schema';
    return { ...at, code, message: `${issue.path.join('.') || '(root)'}: ${issue.message}` };
  });
}

/** Reads one campaign file; a problem list instead of a campaign when it cannot be used. */
export function readCampaignFile(
  path: string,
  at: { file: string; skill: string },
): { campaign?: Campaign; problems: CampaignProblem[] } {
  const name = path.replace(/^.*[\\/]/, '').replace(/\.json$/, '');
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      problems: [{ ...at, campaign: name, code: 'campaign-json', message: `not valid JSON: ${reason}` }],
    };
  }
  const parsed = campaignSchema.safeParse(data);
  if (!parsed.success) return { problems: schemaProblems(parsed.error, { ...at, campaign: name }) };
  const campaign = parsed.data;
  if (campaign.id !== name)
    return {
      problems: [
        {
          ...at,
          campaign: campaign.id,
          code: 'campaign-id',
          message: `id "${campaign.id}" is not the file's name "${name}"`,
        },
      ],
    };
  return { campaign, problems: [] };
}

/** Reads the campaigns of every skill handed in, from `<skillsDir>/<skillId>/campaigns/`. */
export function loadCampaigns(
  skills: ReadonlyArray<{ id: string; brandId: string }>,
  skillsDir: string = defaultSkillsDir(),
): CampaignsLoad {
  const bySkill: Record<string, LoadedCampaign[]> = {};
  const problems: CampaignProblem[] = [];
  for (const skill of skills) {
    const list: LoadedCampaign[] = [];
    bySkill[skill.id] = list;
    const dir = join(skillsDir, skill.id, CAMPAIGNS_FOLDER);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      const file = `skills/${skill.id}/${CAMPAIGNS_FOLDER}/${name}`;
      if (!name.endsWith('.json')) {
        problems.push({
          file,
          skill: skill.id,
          code: 'campaign-file',
          message: 'campaign files end in .json',
        });
        continue;
      }
      const read = readCampaignFile(join(dir, name), { file, skill: skill.id });
      problems.push(...read.problems);
      if (read.campaign) list.push({ ...read.campaign, skillId: skill.id, brandId: skill.brandId, file });
    }
  }
  return { bySkill, problems };
}

export { activeCampaigns, type CampaignSituation } from './active-campaigns.js';
