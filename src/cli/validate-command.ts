/**
 * `hearth validate [--json] [--locales <dir>]`: check every skill and locale,
 * print every problem with file, skill, intent and locale; exit 1 if any.
 * Warnings (intents the typed-text matcher confuses, and where more samples
 * would help) are printed after them and never change the exit code.
 */
import { resolve } from 'node:path';
import process from 'node:process';
import { parseArgs } from 'node:util';
import { loadProject } from './project.js';
import { formatProblem, type Problem, sortProblems } from './validate/problem.js';
import { understandingWarnings } from './validate/understanding-rules.js';
import { validateProject } from './validate/validate-project.js';

/** Validate the project and return its problems (CLI-independent entry, used by tests and build). */
export async function collectProblems(options: { localesDir?: string } = {}): Promise<Problem[]> {
  return (await collectFindings(options)).problems;
}

/** The project's problems and, unless a skill or locale file is broken, its warnings. */
export async function collectFindings(
  options: { localesDir?: string } = {},
): Promise<{ problems: Problem[]; warnings: Problem[] }> {
  const project = await loadProject(options);
  const problems: Problem[] = project.loadProblems.map((p) => ({
    code: 'skill-load',
    file: p.file,
    message: p.message,
  }));
  problems.push(...validateProject({ skills: project.skills, files: project.files }));
  const warnings = problems.length ? [] : understandingWarnings(project);
  return { problems: sortProblems(problems), warnings: sortProblems(warnings) };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

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
  const { problems, warnings } = await collectFindings(
    values.locales ? { localesDir: resolve(values.locales) } : {},
  );
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ ok: problems.length === 0, problems, warnings }, null, 2)}\n`);
    return problems.length ? 1 : 0;
  }
  for (const p of problems) process.stdout.write(`${formatProblem(p)}\n`);
  for (const w of warnings) process.stdout.write(`warning: ${formatProblem(w)}\n`);
  const counts = warnings.length ? `, ${plural(warnings.length, 'warning')}` : '';
  process.stdout.write(
    problems.length
      ? `\n${plural(problems.length, 'problem')}${counts}\n`
      : `${warnings.length ? '\n' : ''}hearth validate: no problems${counts}\n`,
  );
  return problems.length ? 1 : 0;
}
