import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import * as skillEntry from 'hearth/skill';
import * as testingEntry from 'hearth/testing';
import { describe, expect, it } from 'vitest';
import fridgeChef from '../../skills/fridge-chef/skill.js';
import { noConsentGate } from '../../src/runtime/consent-gate.js';
import { privacyIntents } from '../../src/runtime/privacy-intents.js';
import { defineSkill } from '../../src/runtime/skill-definition.js';
import { conversation } from '../../src/runtime/testing.js';

const run = promisify(execFile);
const { exports } = JSON.parse(readFileSync('package.json', 'utf8')) as {
  exports: Record<string, Record<string, string>>;
};

describe('the entry points of package.json', () => {
  it('name, for each, the TypeScript source first (types) and the compiled file Node loads (default)', () => {
    expect(Object.keys(exports)).toEqual(['./skill', './testing']);
    for (const [subpath, conditions] of Object.entries(exports)) {
      const name = subpath.slice(2);
      expect(Object.entries(conditions), subpath).toEqual([
        ['types', `./src/public/${name}.ts`],
        ['default', `./dist/src/public/${name}.js`],
      ]);
    }
  });

  it('load in vitest the same runtime modules as the sources, so skills and tests share one copy', () => {
    expect(skillEntry.defineSkill).toBe(defineSkill);
    expect(skillEntry.privacyIntents).toBe(privacyIntents);
    expect(testingEntry.conversation).toBe(conversation);
    expect(testingEntry.noConsentGate).toBe(noConsentGate);
  });

  it('give a skill what it needs to run in a conversation of hearth/testing', async () => {
    const chat = testingEntry.conversation(fridgeChef, { locale: 'en-US' });
    testingEntry.expectReply(await chat.say('what can I cook'), { intent: 'WhatCanICookIntent' });
  });

  it('resolve in Node to the compiled files under dist/ (what the server and the CLI run)', async () => {
    const script = [
      "const skill = await import('hearth/skill');",
      "const testing = await import('hearth/testing');",
      "console.log(JSON.stringify([import.meta.resolve('hearth/skill'), import.meta.resolve('hearth/testing'),",
      'typeof skill.defineSkill, typeof testing.conversation]));',
    ].join(' ');
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script]);
    const [skillUrl, testingUrl, ...kinds] = JSON.parse(stdout) as string[];
    expect(skillUrl).toMatch(/\/dist\/src\/public\/skill\.js$/);
    expect(testingUrl).toMatch(/\/dist\/src\/public\/testing\.js$/);
    expect(kinds).toEqual(['function', 'function']);
  });
});
