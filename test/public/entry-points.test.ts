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

// As a skill declares a service it reads: by merging into SkillServices, in the module that declares it.
declare module 'hearth/services' {
  interface SkillServices {
    pantryClock?: { today: () => string };
  }
}

const run = promisify(execFile);
const { exports: entries } = JSON.parse(readFileSync('package.json', 'utf8')) as {
  exports: Record<string, Record<string, string>>;
};

describe('the entry points of package.json', () => {
  it('name, for each, the TypeScript source first (types) and its compiled file under dist/ (default, for Node)', () => {
    expect(Object.keys(entries)).toEqual(['./skill', './testing', './services']);
    for (const [subpath, conditions] of Object.entries(entries)) {
      const source = conditions.types ?? '';
      expect(source, subpath).toMatch(/^\.\/src\/.*\.ts$/);
      expect(Object.entries(conditions), subpath).toEqual([
        ['types', source],
        ['default', source.replace(/^\.\//, './dist/').replace(/\.ts$/, '.js')],
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

  it('let a skill declare the services it reads by merging into SkillServices of hearth/services', async () => {
    const dated = skillEntry.defineSkill({
      ...fridgeChef,
      launch: (_turn, { services }) => ({ speech: `today is ${services.pantryClock?.today() ?? 'unknown'}` }),
    });
    const services = { pantryClock: { today: () => 'Monday' } };
    const chat = testingEntry.conversation(dated, { locale: 'en-US', services });
    testingEntry.expectReply(await chat.launch(), { says: 'today is Monday' });
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
