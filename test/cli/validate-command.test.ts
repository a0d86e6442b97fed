import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { Problem } from '../../src/cli/validate/problem.js';
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

  it('warns, without failing, about intents whose samples the matcher confuses, in the file to fix', async () => {
    const locales = join(work, 'confusable', 'locales');
    cpSync(join(findPackageRoot(), 'locales'), locales, { recursive: true });
    const file = join(locales, 'en-US/fridge-chef/model.json');
    const model = JSON.parse(readFileSync(file, 'utf8')) as {
      intents: Record<string, { samples: string[] }>;
    };
    // Expiring-soon samples that say what the cooking intent's samples say.
    model.intents.ExpiringSoonIntent = {
      samples: [
        'what can I cook now',
        'what can I make now',
        'what should I cook',
        'suggest a recipe now',
        'give me a recipe',
        'what can I cook today',
      ],
    };
    writeFileSync(file, JSON.stringify(model));

    const json = capture();
    expect(await run(['--json', '--locales', locales])).toBe(0);
    const report = JSON.parse(json()) as { ok: boolean; problems: unknown[]; warnings: Problem[] };
    expect(report).toMatchObject({ ok: true, problems: [] });
    const ours = report.warnings.filter((w) => w.intent === 'ExpiringSoonIntent');
    // en-GB inherits the same samples and the same confusion: said once, where it is authored.
    expect(ours).toEqual([
      expect.objectContaining({
        code: 'intents-confusable',
        file: 'locales/en-US/fridge-chef/model.json',
        skill: 'fridge-chef',
        locale: 'en-US',
        message: expect.stringMatching(
          /^\d of 6 samples read as WhatCanICookIntent .*add samples to ExpiringSoonIntent/,
        ),
      }),
    ]);
    vi.restoreAllMocks();

    const text = capture();
    expect(await run(['--locales', locales])).toBe(0);
    expect(text()).toMatch(
      /warning: locales\/en-US\/fridge-chef\/model.json \[intents-confusable\] fridge-chef › ExpiringSoonIntent › en-US: /,
    );
    expect(text()).toMatch(/no problems, \d+ warnings\n$/);
  });

  it('rejects unknown options with its usage', async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await run(['--frobnicate'])).toBe(2);
  });
});
