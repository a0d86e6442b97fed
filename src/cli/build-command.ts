/**
 * `hearth build [--check]`: write interaction-models/ (Alexa models, Dialogflow
 * agents) and each skill's `vocabulary.generated.ts` (the types of its response
 * keys, intents, slots and questions) from the skills and locales, and the recipe
 * catalog's snapshot (catalog-snapshot.ts) from its data and words; `--check`
 * writes nothing and fails listing the stale files. Refuses to build while
 * validate finds problems.
 */
import { join } from 'node:path';
import process from 'node:process';
import { parseArgs } from 'node:util';
import { CATALOG_SNAPSHOT_NAME, catalogSnapshot, sourcesHash } from '../domains/recipes/catalog-snapshot.js';
import { CATALOG_DATA_DIR, catalogSourceFiles, readCatalog } from '../domains/recipes/load-catalog.js';
import { createLanguageData } from '../runtime/i18n.js';
import type { SkillDefinition } from '../runtime/skill-definition.js';
import { findStale, generateModels, listFiles, writeModels } from './build/build-models.js';
import { generateVocabularies, VOCABULARY_FILE } from './build/skill-vocabulary.js';
import { loadProject } from './project.js';
import { formatProblem, sortProblems } from './validate/problem.js';
import { validateProject } from './validate/validate-project.js';

/** Run the command. */
export async function run(args: string[]): Promise<number> {
  let values: { check?: boolean };
  try {
    ({ values } = parseArgs({ args, options: { check: { type: 'boolean' } }, strict: true }));
  } catch (error) {
    process.stderr.write(
      `hearth build: ${error instanceof Error ? error.message : String(error)}\nusage: hearth build [--check]\n`,
    );
    return 2;
  }
  const started = performance.now();
  const project = await loadProject();
  const problems = sortProblems([
    ...project.loadProblems.map((p) => ({ code: 'skill-load', file: p.file, message: p.message })),
    ...validateProject({ skills: project.skills, files: project.files }),
  ]);
  if (problems.length) {
    for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
    process.stderr.write(
      `hearth build: ${problems.length} validation problem(s); run \`hearth validate\` and fix them first\n`,
    );
    return 1;
  }
  // validateProject accepted every definition, so they are SkillDefinitions.
  const skills = project.skills.map((s) => s.definition as SkillDefinition);
  // Generated files: all of interaction-models/, the vocabulary files among skills/, the catalog's snapshot.
  const catalogSources = {
    dataDir: join(project.root, CATALOG_DATA_DIR),
    localesDir: join(project.root, 'locales'),
  };
  const snapshotFile = `${CATALOG_DATA_DIR}/${CATALOG_SNAPSHOT_NAME}`;
  const outputs = [
    {
      dir: join(project.root, 'interaction-models'),
      prefix: 'interaction-models/',
      generated: generateModels(skills, createLanguageData(project.files)),
      owned: undefined,
    },
    {
      dir: project.root,
      prefix: '',
      generated: generateVocabularies(skills, project.files),
      owned: listFiles(join(project.root, 'skills'), 'skills/').filter((p) => VOCABULARY_FILE.test(p)),
    },
    {
      dir: project.root,
      prefix: '',
      generated: new Map([
        [
          snapshotFile,
          catalogSnapshot(readCatalog(catalogSources), sourcesHash(catalogSourceFiles(catalogSources))),
        ],
      ]),
      owned: [snapshotFile],
    },
  ];
  const count = outputs.reduce((sum, o) => sum + o.generated.size, 0);
  const ms = Math.round(performance.now() - started);
  if (values.check) {
    const stale = outputs.flatMap((o) =>
      findStale(o.dir, o.generated, o.owned).map((s) => ({ ...s, path: `${o.prefix}${s.path}` })),
    );
    if (stale.length) {
      for (const s of stale) process.stderr.write(`stale: ${s.path} (${s.reason})\n`);
      process.stderr.write(
        `hearth build --check: ${stale.length} stale file(s); run \`npx hearth build\` and commit\n`,
      );
      return 1;
    }
    process.stdout.write(`hearth build --check: ${count} files up to date (${ms} ms)\n`);
    return 0;
  }
  const changed = outputs.flatMap((o) => writeModels(o.dir, o.generated, o.owned));
  process.stdout.write(`hearth build: ${count} files, ${changed.length} changed (${ms} ms)\n`);
  return 0;
}
