/**
 * What the CLI commands work on: the registered skills (skills/index.ts) and
 * the locale files, found from the package root whatever the cwd.
 */
import { existsSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type LocaleFiles, readLocaleFiles } from '../runtime/locale-files.js';
import { findPackageRoot } from '../runtime/package-root.js';
import { sourceFiles } from './validate/used-keys.js';
import type { SkillSource } from './validate/validate-project.js';

const GENERATED_SUFFIX = '.generated.ts';

/** Runtime modules whose `t(...)` calls every skill's responses must satisfy (built-ins, privacy intents). */
const SHARED_RUNTIME_SOURCES = [
  'src/runtime/run-turn.ts',
  'src/runtime/apology.ts',
  'src/runtime/privacy-intents.ts',
  'src/runtime/consent-turn.ts',
  'src/runtime/offer-turn.ts',
];

export type Project = {
  root: string;
  skills: SkillSource[];
  files: LocaleFiles;
  loadProblems: Array<{ file: string; message: string }>;
};

/**
 * The CLI runs the compiled skills (dist/) but reads the TypeScript sources for
 * used keys: a source edited since the last build would give mixed, stale
 * results, so it is reported instead.
 */
function staleSources(root: string): Array<{ file: string; message: string }> {
  const compiled = fileURLToPath(new URL('../../skills/index.js', import.meta.url));
  if (!compiled.includes(`${sep}dist${sep}`) || !existsSync(compiled)) return [];
  const builtAt = statSync(compiled).mtimeMs;
  // Generated vocabularies are types only (erased from dist/), and `hearth build` writes them after it.
  return sourceFiles(join(root, 'skills'))
    .filter((file) => !file.endsWith(GENERATED_SUFFIX) && statSync(file).mtimeMs > builtAt)
    .map((file) => ({
      file: relative(root, file),
      message: 'changed since the last build: run "npm run build" first (the CLI runs the compiled skills)',
    }));
}

/** Load the registered skills; a registry that fails to import becomes a problem, not a crash. */
export async function loadSkillSources(
  root: string,
): Promise<{ skills: SkillSource[]; problems: Array<{ file: string; message: string }> }> {
  try {
    const registry = await import('../../skills/index.js');
    const shared = SHARED_RUNTIME_SOURCES.map((p) => join(root, p)).filter((p) => existsSync(p));
    const skills = registry.SKILLS.map((definition): SkillSource => {
      const id = typeof definition?.id === 'string' ? definition.id : '(unknown)';
      const dir = join(root, 'skills', id);
      return {
        id,
        file: relative(root, join(dir, 'skill.ts')),
        definition,
        sourceFiles: [...(existsSync(dir) ? sourceFiles(dir) : []), ...shared],
      };
    });
    return { skills, problems: staleSources(root) };
  } catch (error) {
    return {
      skills: [],
      problems: [
        {
          file: 'skills/index.ts',
          message: `cannot load the skills: ${error instanceof Error ? error.message : String(error)}`,
        },
      ],
    };
  }
}

/** The project at the package root, optionally with another locales/ directory (fixtures). */
export async function loadProject(options: { localesDir?: string } = {}): Promise<Project> {
  const root = findPackageRoot();
  const { skills, problems } = await loadSkillSources(root);
  const files = readLocaleFiles(options.localesDir ?? join(root, 'locales'));
  return { root, skills, files, loadProblems: problems };
}
