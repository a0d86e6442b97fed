import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { benchResult, readBenchResults, writeBenchResults } from '../../bench/results.js';

describe('bench/results.json writer', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'hearth-bench-results-'));
    file = path.join(dir, 'results.json');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('decides met from the target, and null without one', () => {
    expect(benchResult('a', 10, 'ops/s', { op: '>=', value: 10 }).met).toBe(true);
    expect(benchResult('a', 9, 'ops/s', { op: '>=', value: 10 }).met).toBe(false);
    expect(benchResult('b', 2, 'ms', { op: '<=', value: 1 }).met).toBe(false);
    expect(benchResult('c', 1, 'ratio')).toEqual({
      name: 'c',
      value: 1,
      unit: 'ratio',
      target: null,
      met: null,
    });
  });

  it('replaces the entries of the same names and keeps the others', async () => {
    await writeBenchResults([benchResult('x.one', 1, 'ops/s'), benchResult('y.two', 2, 'ms')], file);
    await writeBenchResults([benchResult('x.one', 10, 'ops/s', { op: '>=', value: 5 })], file);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual([
      { name: 'y.two', value: 2, unit: 'ms', target: null, met: null },
      { name: 'x.one', value: 10, unit: 'ops/s', target: { op: '>=', value: 5 }, met: true },
    ]);
    expect(await readdir(dir)).toEqual(['results.json']); // no temporary file left behind
  });

  it('starts over from a file that is not a results array', async () => {
    await writeFile(file, '{ not json');
    expect(await readBenchResults(file)).toEqual([]);
    await writeBenchResults([benchResult('x.one', 1, 'ops/s')], file);
    expect(await readBenchResults(file)).toHaveLength(1);
  });
});
