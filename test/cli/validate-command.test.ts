import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/validate-command.js';
import { findPackageRoot } from '../../src/runtime/package-root.js';

const work = mkdtempSync(join(tmpdir(), 'hearth-validate-cmd-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

function capture(): () => string {
  const chunks: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  return () => chunks.join('');
}

describe('hearth validate (command)', () => {
  it('exits 0 on the real skills', async () => {
    const out = capture();
    expect(await run([])).toBe(0);
    expect(out()).toContain('no problems');
  });

  it('prints problems as JSON for tools and exits 1', async () => {
    const locales = join(work, 'locales');
    cpSync(join(findPackageRoot(), 'locales'), locales, { recursive: true });
    writeFileSync(join(locales, 'de-DE/fridge-chef/model.json'), '{ nope');
    const out = capture();
    expect(await run(['--json', '--locales', locales])).toBe(1);
    const report = JSON.parse(out()) as { ok: boolean; problems: Array<{ code: string; file: string }> };
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      expect.objectContaining({ code: 'locale-file', file: 'locales/de-DE/fridge-chef/model.json' }),
    ]);
  });

  it('rejects unknown options with its usage', async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await run(['--frobnicate'])).toBe(2);
  });
});
