import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SKILLS } from '../../skills/index.js';
import { campaignPurposes } from '../../src/offers/campaign-schema.js';
import { loadCampaigns } from '../../src/offers/load-campaigns.js';

const SKILL = { id: 'fridge-chef', brandId: 'frostline' };

function campaign(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    trigger: { intent: 'DealsIntent' },
    rule: 'why.campaign.youAskedForDeals',
    content: { speech: `campaigns.${id}.speech`, title: `campaigns.${id}.title` },
    channels: ['screen'],
    priority: 10,
    sponsored: true,
    start: '2026-01-01',
    end: '2026-12-31',
    ...overrides,
  };
}

describe('loadCampaigns on campaign files', () => {
  let skillsDir: string;
  const write = (name: string, data: unknown) => {
    mkdirSync(join(skillsDir, SKILL.id, 'campaigns'), { recursive: true });
    writeFileSync(
      join(skillsDir, SKILL.id, 'campaigns', name),
      typeof data === 'string' ? data : JSON.stringify(data),
    );
  };
  beforeEach(() => {
    skillsDir = mkdtempSync(join(tmpdir(), 'hearth-campaigns-'));
  });
  afterEach(() => rmSync(skillsDir, { recursive: true, force: true }));

  it('gives every skill an entry, empty when it has no campaigns folder', () => {
    expect(loadCampaigns([SKILL, { id: 'coffee-companion', brandId: 'crema' }], skillsDir)).toEqual({
      bySkill: { 'fridge-chef': [], 'coffee-companion': [] },
      problems: [],
    });
  });

  it('reads each file as one campaign of the skill’s brand, in file-name order', () => {
    write('weekly-deals.json', campaign('weekly-deals'));
    write('autumn-cheese.json', campaign('autumn-cheese', { priority: 90 }));
    const { bySkill, problems } = loadCampaigns([SKILL], skillsDir);
    expect(problems).toEqual([]);
    expect(bySkill['fridge-chef']?.map((c) => [c.id, c.brandId, c.skillId, c.file])).toEqual([
      ['autumn-cheese', 'frostline', 'fridge-chef', 'skills/fridge-chef/campaigns/autumn-cheese.json'],
      ['weekly-deals', 'frostline', 'fridge-chef', 'skills/fridge-chef/campaigns/weekly-deals.json'],
    ]);
    expect(bySkill['fridge-chef']?.[0]?.eligibility).toEqual([]);
  });

  it('leaves out what it cannot use and names file and campaign for each problem', () => {
    write('good.json', campaign('good'));
    write('broken.json', '{ "id": "broken", ');
    write('renamed.json', campaign('original'));
    write('late.json', campaign('late', { start: '2026-06-01', end: '2026-05-31', brandId: 'crema' }));
    write('notes.txt', 'ideas for next year');
    const { bySkill, problems } = loadCampaigns([SKILL], skillsDir);
    expect(bySkill['fridge-chef']?.map((c) => c.id)).toEqual(['good']);
    const dir = 'skills/fridge-chef/campaigns';
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'campaign-json', file: `${dir}/broken.json`, campaign: 'broken' }),
        expect.objectContaining({ code: 'campaign-id', file: `${dir}/renamed.json`, campaign: 'original' }),
        expect.objectContaining({ code: 'campaign-dates', file: `${dir}/late.json`, campaign: 'late' }),
        expect.objectContaining({
          code: 'campaign-schema',
          file: `${dir}/late.json`,
          campaign: 'late',
          message: expect.stringContaining('brandId'),
        }),
        expect.objectContaining({ code: 'campaign-file', file: `${dir}/notes.txt` }),
      ]),
    );
    expect(problems).toHaveLength(5);
    for (const p of problems) expect(p.skill).toBe('fridge-chef');
  });
});

describe('the shipped campaigns', () => {
  const { bySkill, problems } = loadCampaigns(SKILLS);

  it('load without problems, two per skill', () => {
    expect(problems).toEqual([]);
    expect(bySkill['coffee-companion']?.map((c) => c.id)).toEqual(['bulk-box', 'decaf-evening']);
    expect(bySkill['fridge-chef']?.map((c) => c.id)).toEqual(['cream-partner', 'weekly-deals']);
  });

  it('belong to their skill’s brand, sponsored only where a partner pays', () => {
    const all = Object.values(bySkill).flat();
    expect(all.map((c) => [c.id, c.brandId, c.sponsored])).toEqual([
      ['cream-partner', 'frostline', true],
      ['weekly-deals', 'frostline', true],
      ['bulk-box', 'crema', false],
      ['decaf-evening', 'crema', false],
    ]);
  });

  it('read only what their conditions and events need', () => {
    const purposes = Object.fromEntries(
      Object.values(bySkill)
        .flat()
        .map((c) => [c.id, campaignPurposes(c)]),
    );
    expect(purposes).toEqual({
      'cream-partner': ['inventory'],
      'weekly-deals': [],
      'bulk-box': ['consumption'],
      'decaf-evening': ['consumption'],
    });
  });
});
