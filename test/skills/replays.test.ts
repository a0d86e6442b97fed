/**
 * The replay files of both skills in every primary locale, run through the
 * matcher and the real runtime exactly as `hearth simulate --replay` does.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findSkill } from '../../skills/index.js';
import { plainHouseholdLookup } from '../../src/cli/simulate/household-lookup.js';
import { readReplayFile } from '../../src/cli/simulate/replay-file.js';
import { runReplay } from '../../src/cli/simulate/run-replay.js';
import { noConsentGate } from '../../src/runtime/consent-gate.js';
import { PRIMARY_LOCALES } from '../../src/runtime/locales.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'replays');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('replay files', () => {
  it('cover both skills in every primary locale', () => {
    for (const skill of ['fridge-chef', 'coffee-companion']) {
      for (const locale of PRIMARY_LOCALES) expect(files).toContain(`${skill}.${locale}.json`);
    }
  });

  it.each(files)('%s plays as expected', async (file) => {
    const parsed = readReplayFile(join(dir, file));
    if (!parsed.ok) throw new Error(parsed.error);
    const skill = findSkill(parsed.replay.skill);
    if (!skill) throw new Error(`unknown skill ${parsed.replay.skill}`);
    const outcomes = await runReplay(skill, parsed.replay, {
      consent: noConsentGate,
      lookupHousehold: plainHouseholdLookup,
    });
    const failures = outcomes.flatMap((o) =>
      o.failures.map((f) => `turn ${o.index} (${o.input}): ${f} — speech: ${o.result.speech}`),
    );
    expect(failures).toEqual([]);
  });
});
