/**
 * One broken fixture per validate rule (test/fixtures/validate/<case>/): each
 * overlays the real locales (JSON objects merge, `null` deletes a key, other
 * files replace), may overlay the skills' data files the same way (its
 * `skills/` folder: campaigns, capsule catalogs) and may replace fridge-chef's
 * definition with its skill.ts.
 * Validate must fail for exactly the expected reason, at the expected place.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSkillSources } from '../../src/cli/project.js';
import type { Problem } from '../../src/cli/validate/problem.js';
import { validateProject } from '../../src/cli/validate/validate-project.js';
import { readLocaleFiles } from '../../src/runtime/locale-files.js';
import { findPackageRoot } from '../../src/runtime/package-root.js';

const root = findPackageRoot();
const fixturesDir = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/validate');
const work = mkdtempSync(join(tmpdir(), 'hearth-validate-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Expected = {
  code: string;
  file: string;
  intent?: string;
  campaign?: string;
  locale?: string;
  codes?: string[];
  delete?: string[];
};

function merge(base: unknown, patch: unknown): unknown {
  if (
    !patch ||
    typeof patch !== 'object' ||
    Array.isArray(patch) ||
    !base ||
    typeof base !== 'object' ||
    Array.isArray(base)
  )
    return patch;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = merge(out[k], v);
  }
  return out;
}

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) =>
    statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)],
  );
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Applies a fixture's files onto a copy: JSON objects merge (`null` deletes a key), other files replace. */
function overlay(from: string, onto: string): void {
  for (const file of files(from)) {
    const target = join(onto, relative(from, file));
    const text = readFileSync(file, 'utf8');
    const patch = tryJson(text);
    mkdirSync(dirname(target), { recursive: true });
    const merged =
      patch !== undefined && existsSync(target)
        ? merge(JSON.parse(readFileSync(target, 'utf8')), patch)
        : undefined;
    writeFileSync(target, merged !== undefined ? JSON.stringify(merged) : text);
  }
}

async function validateFixture(name: string): Promise<{ expected: Expected; problems: Problem[] }> {
  const fixture = join(fixturesDir, name);
  const expected = JSON.parse(readFileSync(join(fixture, 'expected.json'), 'utf8')) as Expected;
  const locales = join(work, name, 'locales');
  cpSync(join(root, 'locales'), locales, { recursive: true });
  for (const path of expected.delete ?? []) rmSync(join(locales, path));
  overlay(join(fixture, 'locales'), locales);
  let skillsDir: string | undefined;
  if (existsSync(join(fixture, 'skills'))) {
    skillsDir = join(work, name, 'skills');
    cpSync(join(root, 'skills'), skillsDir, { recursive: true });
    overlay(join(fixture, 'skills'), skillsDir);
  }
  const { skills } = await loadSkillSources(root);
  if (existsSync(join(fixture, 'skill.ts'))) {
    const replacement = (await import(join(fixture, 'skill.ts'))) as { default: unknown };
    const index = skills.findIndex((s) => s.id === 'fridge-chef');
    const real = skills[index];
    if (real)
      skills[index] = {
        ...real,
        definition: replacement.default,
        sourceFiles: [join(fixture, 'skill.ts'), ...real.sourceFiles],
      };
  }
  return {
    expected,
    problems: validateProject({
      skills,
      files: readLocaleFiles(locales),
      ...(skillsDir ? { skillsDir } : {}),
    }),
  };
}

describe('hearth validate on the real skills', () => {
  it('finds no problem', async () => {
    const { skills } = await loadSkillSources(root);
    expect(validateProject({ skills, files: readLocaleFiles(join(root, 'locales')) })).toEqual([]);
  });
});

describe('hearth validate on broken fixtures', () => {
  const cases = readdirSync(fixturesDir).sort();

  it('has a fixture for every rule validate knows', () => {
    const codes = new Set(
      cases.map(
        (c) => (JSON.parse(readFileSync(join(fixturesDir, c, 'expected.json'), 'utf8')) as Expected).code,
      ),
    );
    for (const code of [
      'invocation-characters',
      'invocation-word-count',
      'invocation-wake-word',
      'invocation-launch-word',
      'invocation-article',
      'invocation-missing',
      'utterance-digit',
      'utterance-punctuation',
      'utterance-undefined-slot',
      'utterance-duplicate',
      'utterance-conflict',
      'too-few-utterances',
      'slot-type-no-values',
      'response-missing-key',
      'response-variables',
      'response-plural-forms',
      'response-unused-key',
      'response-used-missing',
      'response-unknown-key',
      'locale-file',
      'locale-missing-file',
      'common-missing-key',
      'common-unknown-key',
      'skill-definition',
      'missing-common-intent',
      'slot-type-undefined',
      'required-slot-prompt',
      'unknown-intent',
      'unknown-slot-type',
      'unknown-skill',
      'catalog-missing-translation',
      'catalog-duplicate-synonym',
      'catalog-unknown-id',
      'campaign-json',
      'campaign-file',
      'campaign-schema',
      'campaign-id',
      'campaign-key-prefix',
      'campaign-dates',
      'campaign-weights',
      'campaign-unknown-intent',
      'campaign-unknown-variety',
      'campaign-unknown-ingredient',
      'campaign-missing-key',
    ]) {
      expect(codes, code).toContain(code);
    }
  });

  it.each(cases)('%s fails for that reason only, naming file, intent, campaign and locale', async (name) => {
    const { expected, problems } = await validateFixture(name);
    const allowed = expected.codes ?? [expected.code];
    expect(
      problems.map((p) => p.code).filter((c) => !allowed.includes(c)),
      JSON.stringify(problems, null, 2),
    ).toEqual([]);
    expect(problems).toContainEqual(
      expect.objectContaining({
        code: expected.code,
        file: expected.file,
        ...(expected.intent ? { intent: expected.intent } : {}),
        ...(expected.campaign ? { campaign: expected.campaign } : {}),
        ...(expected.locale ? { locale: expected.locale } : {}),
      }),
    );
  });
});
