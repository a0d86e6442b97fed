import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cohortHouseholdId } from '../../src/demo/cohort-plan.js';
import { paths } from '../../src/household/paths.js';
import { builtCli, refusal, withDataDirStore } from '../support/built-cli.js';

/** `npx hearth seed --cohort N` through the built CLI on a data dir's SQLite file. */

const dir = mkdtempSync(path.join(tmpdir(), 'hearth-cohort-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hearth = builtCli(dir);
const NOW = { HEARTH_NOW: '2026-11-20T09:00:00Z' };

describe('npx hearth seed --cohort', () => {
  it('seeds the demo and the cohort, showing a line per 10% on stderr; a second run adds nothing', async () => {
    const first = await hearth(['seed', '--cohort', '300', '--seed', 'cli'], NOW);
    expect(first.stdout).toMatch(/^demo seeded: 7 households, 2 brands/);
    expect(first.stdout).toMatch(
      /cohort: 300 households added, 0 already there \(seed cli\); \d+ consent ledger entries, \d+ offer-log records/,
    );
    const lines = first.stderr.trim().split('\n');
    expect(lines).toHaveLength(10);
    expect(lines[0]).toMatch(/^cohort: 10% \(\d+\/300 households\)$/);
    expect(lines.at(-1)).toBe('cohort: 100% (300/300 households)');

    const second = await hearth(['seed', '--cohort', '300', '--seed', 'cli'], NOW);
    expect(second.stdout).toContain('cohort: 0 households added, 300 already there');
    await withDataDirStore(dir, async (store) => {
      expect((await store.get(paths.household(cohortHouseholdId(300)))).exists).toBe(true);
      expect((await store.get(paths.household(cohortHouseholdId(301)))).exists).toBe(false);
    });
  });

  it('refuses another seed for the cohort in the store, and bad arguments, with exit code 2', async () => {
    const other = await refusal(hearth(['seed', '--cohort', '300', '--seed', 'other'], NOW));
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('the cohort in the store was made with --seed cli');
    for (const args of [
      ['--cohort', '0'],
      ['--cohort', 'many'],
      ['--cohort', '1000000'],
      ['--seed', 'x'],
    ]) {
      const refused = await refusal(hearth(['seed', ...args], NOW));
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(
        /^hearth seed: .+\nusage: hearth seed \[--reset\] \[--cohort N \[--seed S\]\]\n$/,
      );
    }
  });

  it('starts over with --reset: the cohort goes with the demo', async () => {
    const reset = await hearth(['seed', '--reset'], NOW);
    expect(reset.stdout).toMatch(/^demo reset and seeded/);
    await withDataDirStore(dir, async (store) => {
      expect((await store.get(paths.household(cohortHouseholdId(1)))).exists).toBe(false);
      expect((await store.get('meta/cohort')).exists).toBe(false);
    });
    const again = await hearth(['seed', '--cohort', '20', '--seed', 'other'], NOW);
    expect(again.stdout).toContain('cohort: 20 households added');
  });
});
