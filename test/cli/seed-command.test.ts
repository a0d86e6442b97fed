import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { DemoFile } from '../../src/demo/demo-file.js';

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'hearth-seed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const seed = (...args: string[]) =>
  run(process.execPath, ['dist/src/cli/main.js', 'seed', ...args], {
    env: { PATH: process.env.PATH ?? '', HEARTH_DATA_DIR: dir },
  });
const demo = () => JSON.parse(readFileSync(path.join(dir, 'demo.json'), 'utf8')) as DemoFile;

describe('npx hearth seed', () => {
  it('seeds once, keeps the data on a second run, and starts over with --reset', async () => {
    expect((await seed()).stdout).toMatch(/^demo seeded: 7 households, 2 brands/);
    const first = demo().households.map((h) => h.id);
    expect((await seed()).stdout).toMatch(/^demo already seeded/);
    expect(demo().households.map((h) => h.id)).toEqual(first);
    expect((await seed('--reset')).stdout).toMatch(/^demo reset and seeded/);
    const after = demo().households.map((h) => h.id);
    expect(after).toHaveLength(first.length);
    expect(after.some((id) => first.includes(id))).toBe(false);
  });

  it('refuses an unknown option with usage and exit code 2', async () => {
    await expect(seed('--everything')).rejects.toMatchObject({ code: 2 });
  });
});
