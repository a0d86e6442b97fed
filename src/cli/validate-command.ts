/**
 * `hearth validate [--json] [--locales <dir>]`: check every skill and locale,
 * print every problem with file, skill, intent and locale; exit 1 if any.
 */
import { resolve } from 'node:path';
import process from 'node:process';
import { parseArgs } from 'node:util';
import { loadProject } from './project.js';
import { formatProblem, type Problem, sortProblems } from './validate/problem.js';
import { validateProject } from './validate/validate-project.js';

/** Validate the project and return its problems (CLI-independent entry, used by tests and build). */
export async function collectProblems(options: { localesDir?: string } = {}): Promise<Problem[]> {
  const project = await loadProject(options);
  const problems: Problem[] = project.loadProblems.map((p) => ({
    code: 'skill-load',
    file: p.file,
    message: p.message,
  }));
  problems.push(...validateProject({ skills: project.skills, files: project.files }));
  return sortProblems(problems);
}

/** Run the command. */
export async function run(args: string[]): Promise<number> {
  let values: { json?: boolean; locales?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: { json: { type: 'boolean' }, locales: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(
      `hearth validate: ${error instanceof Error ? error.message : String(error)}\nusage: hearth validate [--json] [--locales <dir>]\n`,
    );
    return 2;
  }
  const problems = await collectProblems(values.locales ? { localesDir: resolve(values.locales) } : {});
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ ok: problems.length === 0, problems }, null, 2)}\n`);
  } else if (problems.length) {
    for (const p of problems) process.stdout.write(`${formatProblem(p)}\n`);
    process.stdout.write(`\n${problems.length} problem${problems.length === 1 ? '' : 's'}\n`);
  } else {
    process.stdout.write('hearth validate: no problems\n');
  }
  return problems.length ? 1 : 0;
}
