import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPackageRoot } from '../src/runtime/package-root.js';

/** A figure must be at least (`>=`) or at most (`<=`) this value. */
export interface BenchTarget {
  readonly op: '>=' | '<=';
  readonly value: number;
}

/** One entry of bench/results.json (names and shape in DESIGN.md). */
export interface BenchResult {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly target: BenchTarget | null;
  /** Whether `value` meets `target`; null without a target. */
  readonly met: boolean | null;
}

/** A benchmark of the harness: bench/run.ts runs each and records what it returns. */
export interface BenchModule {
  readonly name: string;
  run(): Promise<BenchResult[]>;
}

/** Builds a result, deciding `met` from the target. */
export function benchResult(
  name: string,
  value: number,
  unit: string,
  target: BenchTarget | null = null,
): BenchResult {
  const met = target === null ? null : target.op === '>=' ? value >= target.value : value <= target.value;
  return { name, value, unit, target, met };
}

/** The figure with its unit and how it stands against its target, for logs. */
export function describeResult(result: BenchResult): string {
  const shown = Number.isInteger(result.value) ? String(result.value) : result.value.toFixed(3);
  const target = result.target
    ? ` (target ${result.target.op} ${result.target.value}: ${result.met ? 'met' : 'MISSED'})`
    : '';
  return `${result.name} = ${shown} ${result.unit}${target}`;
}

/** Prints each result on its own line (indented under the bench's name) and answers them. */
export function reported(results: BenchResult[]): BenchResult[] {
  for (const r of results) console.log(`  ${describeResult(r)}`);
  return results;
}

/** bench/results.json of this checkout, whether running from bench/ or dist/bench/. */
export const RESULTS_FILE = path.join(
  findPackageRoot(path.dirname(fileURLToPath(import.meta.url))),
  'bench',
  'results.json',
);

function isResult(value: unknown): value is BenchResult {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return typeof r.name === 'string' && typeof r.value === 'number' && typeof r.unit === 'string';
}

/** The entries already recorded; an unreadable file counts as empty (with a warning). */
export async function readBenchResults(file: string = RESULTS_FILE): Promise<BenchResult[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed)) return parsed.filter(isResult);
  } catch {
    // fall through
  }
  process.stderr.write(`bench: ${file} is not a results array; starting it over\n`);
  return [];
}

/**
 * Records results: entries with the same names are replaced, the others kept; written
 * to a temporary file and renamed over, so a reader never sees half a file.
 */
export async function writeBenchResults(
  results: readonly BenchResult[],
  file: string = RESULTS_FILE,
): Promise<BenchResult[]> {
  const names = new Set(results.map((r) => r.name));
  const merged = [...(await readBenchResults(file)).filter((r) => !names.has(r.name)), ...results];
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(merged, null, 2)}\n`);
  await rename(temporary, file);
  return merged;
}
