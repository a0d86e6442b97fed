import { alexaLatencyBench } from './alexa-latency.js';
import { alexaThroughputBench } from './alexa-throughput.js';
import { coldStartBench } from './cold-start.js';
import { eventsIngestBench } from './events-ingest.js';
import { firestoreReadsBench } from './firestore-reads.js';
import { floodBench } from './flood.js';
import { nluBench } from './nlu-bench.js';
import { recipesRankBench } from './recipes-rank.js';
import {
  type BenchModule,
  type BenchResult,
  describeResult,
  RESULTS_FILE,
  writeBenchResults,
} from './results.js';
import { screenMatchBench } from './screen-match.js';
import { storeSqliteBench } from './store-sqlite.js';

/** Every benchmark, in the order they run. Later work appends its module here. */
const BENCHMARKS: readonly BenchModule[] = [
  storeSqliteBench,
  alexaThroughputBench,
  alexaLatencyBench,
  coldStartBench,
  screenMatchBench,
  firestoreReadsBench,
  eventsIngestBench,
  recipesRankBench,
  nluBench,
  floodBench,
];

function printTable(results: readonly BenchResult[]): void {
  const rows = results.map((r) => [
    r.name,
    Number.isInteger(r.value) ? String(r.value) : r.value.toFixed(3),
    r.unit,
    r.target ? `${r.target.op} ${r.target.value}` : '',
    r.met === null ? '' : r.met ? 'met' : 'MISSED',
  ]);
  const header = ['name', 'value', 'unit', 'target', 'met'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => (row[c] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => (c === 1 ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0)))
      .join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

/**
 * Runs the benchmarks (all, or those whose name contains an argument: `node
 * dist/bench/run.js store`), prints a table and records the figures in
 * bench/results.json. A benchmark that throws fails the run after the others ran;
 * a missed target is reported, not fatal.
 */
async function main(filters: readonly string[]): Promise<number> {
  const chosen = BENCHMARKS.filter((b) => filters.length === 0 || filters.some((f) => b.name.includes(f)));
  if (chosen.length === 0) {
    console.error(
      `bench: nothing matches ${filters.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`,
    );
    return 2;
  }
  const results: BenchResult[] = [];
  const failed: string[] = [];
  for (const bench of chosen) {
    console.log(`bench: ${bench.name}`);
    try {
      results.push(...(await bench.run()));
    } catch (error) {
      failed.push(bench.name);
      console.error(`bench: ${bench.name} failed:`, error);
    }
  }
  console.log('');
  printTable(results);
  if (results.length > 0) await writeBenchResults(results);
  const missed = results.filter((r) => r.met === false);
  console.log(`\nbench: ${results.length} figures written to ${RESULTS_FILE}`);
  if (missed.length > 0) console.log(`bench: targets missed:\n  ${missed.map(describeResult).join('\n  ')}`);
  if (failed.length > 0) console.error(`bench: failed: ${failed.join(', ')}`);
  return failed.length > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
