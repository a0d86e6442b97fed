import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { type HouseholdLookup, plainHouseholdLookup } from '../../src/cli/simulate/household-lookup.js';
import { run } from '../../src/cli/simulate-command.js';
import { seedDemo } from '../../src/demo/seed-demo.js';
import { openStore } from '../../src/store/open-store.js';

const work = mkdtempSync(join(tmpdir(), 'hearth-simulate-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function sink(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/**
 * Runs the command with the plain household lookup unless a test gives its own: the
 * default reads the store of HEARTH_DATA_DIR (or ./.hearth), which would make these
 * results depend on whatever the machine running them has seeded.
 */
async function simulate(args: string[], input = '', lookupHousehold: HouseholdLookup = plainHouseholdLookup) {
  const output = sink();
  const errors = sink();
  const code = await run(args, {
    input: Readable.from([input]),
    output: output.stream,
    errors: errors.stream,
    lookupHousehold,
  });
  return { code, out: output.text(), err: errors.text() };
}

function replayFile(name: string, content: unknown): string {
  const path = join(work, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('hearth simulate', () => {
  it('answers typed French through the matcher and the runtime, and unmatched input with the French fallback', async () => {
    const { code, out } = await simulate(
      ['fridge-chef', '--locale', 'fr-FR'],
      "qu'est-ce que je peux cuisiner\nblablabla zorglub\n/quit\n",
    );
    expect(code).toBe(0);
    expect(out).toMatch(/\(understood WhatCanICookIntent, confidence (0\.\d\d|1\.00)\)/);
    expect(out).toContain('┌ Idées de recettes');
    expect(out).toMatch(/\(understood AMAZON\.FallbackIntent, confidence \d\.\d\d\)/);
    expect(out).toContain("Désolé, je n'ai pas compris.");
  });

  it('shows what typed text was understood as (slot ids, confidence), and a sent intent as it ran', async () => {
    const { code, out } = await simulate(
      ['coffee-companion', '--locale', 'de-DE'],
      'bestell fünfzig Ristretto Kapseln\n/send ReorderIntent variety=ristretto\n/quit\n',
    );
    expect(code).toBe(0);
    const typed = /\(understood ReorderIntent (.+), confidence (\d\.\d\d)\)/.exec(out);
    expect(typed?.[1]?.split(' ').sort()).toEqual(['quantity=50', 'variety=ristretto']);
    const confidence = Number(typed?.[2]);
    expect(confidence).toBeGreaterThan(0);
    expect(confidence).toBeLessThanOrEqual(1);
    // Launches and sent intents were not typed: nothing was understood, the turn shows as it ran.
    expect(out).toContain('(ReorderIntent variety=ristretto)');
    expect(out.match(/\(understood /g)).toHaveLength(1);
  });

  it('fills an awaited slot from a bare typed value and says so', async () => {
    const { out } = await simulate(
      ['fridge-chef', '--locale', 'fr-FR'],
      '/send AddToShoppingListIntent\ndes courgettes\n/quit\n',
    );
    expect(out).toMatch(/\(understood AddToShoppingListIntent ingredient=zucchini, confidence \d\.\d\d\)/);
  });

  it("never reads the machine's store: a seeded HEARTH_DATA_DIR leaves the session anonymous", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hearth-simulate-store-'));
    try {
      const store = await openStore({ kind: 'sqlite', file: join(dir, 'hearth.db') });
      await seedDemo({ store, now: new Date('2026-11-20T09:00:00Z') });
      await store.close();
      vi.stubEnv('HEARTH_DATA_DIR', dir);
      vi.stubEnv('HEARTH_STORE', 'sqlite');
      const { code, out } = await simulate(['fridge-chef', '--locale', 'fr-FR'], '/quit\n');
      expect(code).toBe(0);
      expect(out).toContain('fridge-chef (fr-FR), no household');
    } finally {
      vi.unstubAllEnvs();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('asks the household lookup seam for --household', async () => {
    const asked: Array<[string | undefined, string]> = [];
    const lookup: HouseholdLookup = async (id, locale) => {
      asked.push([id, locale]);
      return id ? { id, locale, timeZone: 'Europe/Rome' } : undefined;
    };
    const { out } = await simulate(
      ['coffee-companion', '--locale', 'it-IT', '--household', 'h-42'],
      '/quit\n',
      lookup,
    );
    expect(asked).toEqual([['h-42', 'it-IT']]);
    expect(out).toContain('household h-42');
  });

  it('exits 0 when every expectation of a replay is met', async () => {
    const path = replayFile('ok.json', {
      skill: 'coffee-companion',
      locale: 'de-DE',
      turns: [
        { launch: true, expect: { says: 'Crema' } },
        { say: 'wie viele Kapseln habe ich noch', expect: { intent: 'CapsuleStockIntent' } },
      ],
    });
    const { code, out } = await simulate(['--replay', path]);
    expect(code).toBe(0);
    expect(out).toMatch(
      /> wie viele Kapseln habe ich noch\n {2}\(understood CapsuleStockIntent, confidence /,
    );
    expect(out).toContain('2/2 turns as expected');
  });

  it('exits 1 and says what was expected when a reply misses', async () => {
    const path = replayFile('miss.json', {
      skill: 'fridge-chef',
      locale: 'es-ES',
      turns: [{ say: 'qué hay en mi nevera', expect: { intent: 'ExpiringSoonIntent', says: 'pizza' } }],
    });
    const { code, out } = await simulate(['--replay', path]);
    expect(code).toBe(1);
    expect(out).toContain('intent: expected ExpiringSoonIntent, got WhatsInMyFridgeIntent');
    expect(out).toContain('speech does not contain "pizza"');
  });

  it('rejects a malformed replay with its path and the field, never a stack trace', async () => {
    const bad = replayFile('bad.json', { skill: 'fridge-chef', locale: 'xx-XX', turns: [] });
    const { code, err } = await simulate(['--replay', bad]);
    expect(code).toBe(2);
    expect(err).toContain(bad);
    expect(err).toContain('locale');
    expect(err).not.toMatch(/\n\s+at /);
    const broken = replayFile('broken.json', '{ "skill": ');
    expect((await simulate(['--replay', broken])).err).toContain(broken);
  });

  it('explains its usage for a missing locale or an unknown skill', async () => {
    expect((await simulate(['fridge-chef'])).code).toBe(2);
    const unknown = await simulate(['toaster-talk', '--locale', 'en-US']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown skill "toaster-talk"');
  });
});
