import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { DemoFile } from '../../src/demo/demo-file.js';
import { openStore } from '../../src/store/open-store.js';

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'hearth-seed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const seed = (...args: string[]) => seedIn(dir, ...args);
const seedIn = (dataDir: string, ...args: string[]) =>
  run(process.execPath, ['dist/src/cli/main.js', 'seed', ...args], {
    env: { PATH: process.env.PATH ?? '', HEARTH_DATA_DIR: dataDir },
  });
const modeOf = (file: string) => `0${(statSync(file).mode & 0o777).toString(8)}`;
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

  it('keeps a non-demo household and brand through --reset', async () => {
    await seed();
    const store = await openStore({ kind: 'sqlite', file: path.join(dir, 'hearth.db') });
    try {
      await store.set('households/hh_real', { name: 'Real', locale: 'fr-FR', timeZone: 'Europe/Paris' });
      await store.set('brands/real-brand', { name: 'Real brand' });
    } finally {
      await store.close();
    }
    expect((await seed('--reset')).stdout).toMatch(/^demo reset and seeded/);
    const after = await openStore({ kind: 'sqlite', file: path.join(dir, 'hearth.db') });
    try {
      expect((await after.get('households/hh_real')).data).toMatchObject({ name: 'Real' });
      expect((await after.get('brands/real-brand')).data).toEqual({ name: 'Real brand' });
    } finally {
      await after.close();
    }
  });

  it.each<[string, Record<string, string>]>([
    ['without HEARTH_DEMO', {}],
    ['with HEARTH_DEMO=false', { HEARTH_DEMO: 'false' }],
  ])('refuses a Firestore store %s, with one line and exit code 2', async (_name, extra) => {
    const started = Date.now();
    const refused = run(process.execPath, ['dist/src/cli/main.js', 'seed', '--reset'], {
      // A seed that tried to reach Firestore would hang on the dead emulator address: kill it.
      timeout: 8000,
      env: {
        PATH: process.env.PATH ?? '',
        HEARTH_DATA_DIR: dir,
        HEARTH_STORE: 'firestore',
        FIRESTORE_PROJECT_ID: 'hearth-prod-like',
        // Nothing listens here: a refusal must not even try to connect.
        FIRESTORE_EMULATOR_HOST: '127.0.0.1:9',
        HEARTH_SECRET: 'x'.repeat(40),
        ...extra,
      },
    });
    await expect(refused).rejects.toMatchObject({
      code: 2,
      stdout: '',
      stderr: expect.stringMatching(/^hearth seed: .*HEARTH_DEMO=true.*\n$/),
    });
    const { stderr } = (await refused.catch((error: unknown) => error)) as { stderr: string };
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('creates the data dir for its owner only (0700), and the database, secret and demo.json 0600', async () => {
    // A data dir that does not exist yet, as `.hearth` before the first start.
    const fresh = path.join(dir, 'fresh', 'data');
    await seedIn(fresh);
    expect(modeOf(path.join(dir, 'fresh', 'data'))).toBe('0700');
    for (const file of ['hearth.db', 'hearth.db-wal', 'hearth.db-shm', 'secret', 'demo.json']) {
      const full = path.join(fresh, file);
      // SQLite removes -wal and -shm when the last connection closes; any left must be private too.
      if (file.startsWith('hearth.db-') && !existsSync(full)) continue;
      expect({ file, mode: modeOf(full) }).toEqual({ file, mode: '0600' });
    }
  });

  it('refuses an unknown option with usage and exit code 2', async () => {
    await expect(seed('--everything')).rejects.toMatchObject({ code: 2 });
  });
});
