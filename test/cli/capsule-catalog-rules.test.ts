import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/cli/project.js';
import { checkCapsuleCatalog } from '../../src/cli/validate/capsule-catalog-rules.js';
import { validateProject } from '../../src/cli/validate/validate-project.js';
import { capsuleCatalogPath } from '../../src/domains/capsules/capsule-catalog.js';

const work = mkdtempSync(join(tmpdir(), 'hearth-catalog-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const shipped = () => JSON.parse(readFileSync(capsuleCatalogPath(), 'utf8'));
const at = {
  file: 'skills/coffee-companion/capsule-catalog.json',
  skill: 'coffee-companion',
  brandId: 'crema',
  varietyIds: ['ristretto', 'espresso', 'lungo', 'decaf', 'vanilla', 'hazelnut'],
};
const codes = (data: unknown, over: Partial<typeof at> = {}) =>
  checkCapsuleCatalog(data, { ...at, ...over }).map((p) => [p.code, p.message]);

describe('capsule catalog rules', () => {
  it('find nothing wrong with the shipped Crema catalog, through hearth validate', async () => {
    const project = await loadProject();
    const problems = validateProject({ skills: project.skills, files: project.files });
    expect(problems.filter((p) => p.code.startsWith('capsule-catalog'))).toEqual([]);
    expect(codes(shipped())).toEqual([]);
  });

  it('run in hearth validate on the catalog next to the skill', async () => {
    const project = await loadProject();
    const real = join(project.root, 'skills', 'coffee-companion');
    const copy = join(work, 'skills', 'coffee-companion');
    cpSync(real, copy, { recursive: true });
    const data = shipped();
    data.varieties[0].boxes[0].prices.FR = undefined;
    writeFileSync(join(copy, 'capsule-catalog.json'), JSON.stringify(data));
    const skills = project.skills.map((s) =>
      s.id === 'coffee-companion'
        ? { ...s, sourceFiles: s.sourceFiles.map((f) => f.replace(real, copy)) }
        : s,
    );
    const problems = validateProject({ skills, files: project.files });
    expect(problems.filter((p) => p.code.startsWith('capsule-catalog'))).toEqual([
      {
        code: 'capsule-catalog-missing-price',
        file: 'skills/coffee-companion/capsule-catalog.json',
        skill: 'coffee-companion',
        message: 'ristretto, box of 10 has no price in FR',
      },
    ]);
  });

  it('name a variety that is not a Variety slot value, and one the catalog does not sell', () => {
    const data = shipped();
    data.varieties[0].id = 'caramel';
    expect(codes(data)).toEqual([
      ['capsule-catalog-unknown-variety', 'variety "caramel" is not a Variety slot value'],
      ['capsule-catalog-missing-variety', 'Variety "ristretto" is not sold in the catalog'],
    ]);
  });

  it('name a market without a price, and a price for a market that is not listed', () => {
    const data = shipped();
    delete data.varieties[1].boxes[0].prices.GB;
    data.varieties[1].boxes[1].prices.JP = 3000;
    expect(codes(data)).toEqual([
      ['capsule-catalog-missing-price', 'espresso, box of 10 has no price in GB'],
      ['capsule-catalog-unknown-market', 'espresso, box of 50 has a price in JP, which is not in markets'],
    ]);
  });

  it('name another brand, duplicates and schema errors (negative prices, unknown fields)', () => {
    expect(codes(shipped(), { brandId: 'frostline' })).toEqual([
      ['capsule-catalog-brand', 'brandId "crema" is not the skill\'s brand "frostline"'],
    ]);
    const twice = shipped();
    twice.varieties.push(twice.varieties[0]);
    expect(codes(twice).map(([code]) => code)).toEqual(['capsule-catalog-duplicate']);
    const bad = shipped();
    bad.varieties[0].boxes[0].prices.FR = -1;
    bad.markets.FR.currency = 'euro';
    bad.extra = true;
    expect(
      codes(bad)
        .map(([code, message]) => `${code} ${message?.split(':')[0]}`)
        .sort(),
    ).toEqual([
      'capsule-catalog-schema (root)',
      'capsule-catalog-schema markets.FR.currency',
      'capsule-catalog-schema varieties.0.boxes.0.prices.FR',
    ]);
  });
});
