/** The runtime's reprompt: a reply that keeps the session open and gives none is reprompted with help.reprompt. */
import { describe, expect, it } from 'vitest';
import { createLanguageData } from '../../src/runtime/i18n.js';
import type { LocaleFiles } from '../../src/runtime/locale-files.js';
import type { Locale } from '../../src/runtime/locales.js';
import { runTurn } from '../../src/runtime/run-turn.js';
import { defineIntent, defineSkill } from '../../src/runtime/skill-definition.js';

const quiet = defineSkill({
  id: 'quiet-test',
  brandId: 'test',
  invocation: {},
  slotTypes: {},
  intents: {
    PlainIntent: defineIntent({ handle: () => ({ speech: 'plain' }) }),
    OwnRepromptIntent: defineIntent({ handle: () => ({ speech: 'own', reprompt: 'Say it again?' }) }),
    GoodbyeIntent: defineIntent({ handle: () => ({ speech: 'bye', endSession: true }) }),
    WhyThisSuggestionIntent: defineIntent({ handle: () => ({ speech: 'why' }) }),
    WhatDoYouKnowIntent: defineIntent({ handle: () => ({ speech: 'know' }) }),
    StopUsingMyDataIntent: defineIntent({ handle: () => ({ speech: 'stop' }) }),
    StopAllOffersIntent: defineIntent({ handle: () => ({ speech: 'stop offers' }) }),
  },
});

const files: LocaleFiles = {
  dir: '/nowhere',
  common: {},
  problems: [],
  skills: {
    'quiet-test': {
      'en-US': { responses: { file: 'x', data: { help: { reprompt: 'What now?' } } } },
      'fr-FR': { responses: { file: 'y', data: { help: { reprompt: 'Et maintenant ?' } } } },
    },
  },
};
const language = createLanguageData(files);

async function reply(intent: string, locale: Locale = 'en-US') {
  const outcome = await runTurn(
    quiet,
    { channel: 'test', locale, intent, slots: {}, session: {}, now: new Date() },
    { language },
  );
  return outcome.reply;
}

describe('the reprompt of a reply', () => {
  it("is the skill's help.reprompt, in the turn's language, when the handler gives none", async () => {
    expect(await reply('PlainIntent')).toMatchObject({
      reprompt: 'What now?',
      repromptSsml: '<speak>What now?</speak>',
      endSession: false,
    });
    expect((await reply('PlainIntent', 'fr-FR')).reprompt).toBe('Et maintenant ?');
  });

  it("is the handler's own when it gives one", async () => {
    expect((await reply('OwnRepromptIntent')).reprompt).toBe('Say it again?');
  });

  it('is absent when the reply ends the session', async () => {
    const bye = await reply('GoodbyeIntent');
    expect(bye.endSession).toBe(true);
    expect(bye).not.toHaveProperty('reprompt');
  });

  it('is help.reprompt for the built-in Help, Yes and No', async () => {
    for (const intent of ['AMAZON.HelpIntent', 'AMAZON.YesIntent', 'AMAZON.NoIntent'])
      expect((await reply(intent)).reprompt, intent).toBe('What now?');
  });
});
