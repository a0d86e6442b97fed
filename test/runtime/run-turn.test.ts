import { describe, expect, it } from 'vitest';
import coffeeCompanion from '../../skills/coffee-companion/skill.js';
import fridgeChef from '../../skills/fridge-chef/skill.js';
import { type ConsentGate, noConsentGate } from '../../src/runtime/consent-gate.js';
import { loadDefaultLanguage } from '../../src/runtime/default-language.js';
import { createLanguageData, type LanguageData } from '../../src/runtime/i18n.js';
import type { LocaleFiles } from '../../src/runtime/locale-files.js';
import type { Locale } from '../../src/runtime/locales.js';
import { type HouseholdRead, runTurn } from '../../src/runtime/run-turn.js';
import type { SkillDefinition } from '../../src/runtime/skill-definition.js';
import { defineIntent, defineSkill } from '../../src/runtime/skill-definition.js';
import { escapeSsml, renderSsml } from '../../src/runtime/ssml.js';
import type { Reply, Turn } from '../../src/runtime/turn.js';

function turn(skill: SkillDefinition, locale: Locale, intent: string, extra: Partial<Turn> = {}): Turn {
  return {
    channel: 'test',
    skillId: skill.id,
    locale,
    intent,
    slots: {},
    session: {},
    now: new Date('2025-06-02T17:00:00Z'),
    ...extra,
  };
}

/** One turn through the pipeline, for a household whose grants `consent` answers (nothing by default). */
async function answer(
  skill: SkillDefinition,
  { skillId: _skill, household, ...raw }: Turn,
  {
    consent = noConsentGate,
    language: lang = loadDefaultLanguage(),
    logger,
  }: {
    consent?: ConsentGate;
    language?: LanguageData;
    logger?: { error: (details: Record<string, unknown>) => void };
  } = {},
): Promise<Reply> {
  const read: HouseholdRead = async (purposes) => ({
    status: 'ok',
    household: household ?? { id: 'hh_test', locale: raw.locale, timeZone: 'UTC' },
    context: await consent.read(purposes),
  });
  const turnLogger = logger && { error: logger.error, warn: () => undefined };
  const outcome = await runTurn(
    skill,
    { ...raw, household: read },
    { language: lang, ...(turnLogger ? { logger: turnLogger } : {}) },
  );
  return outcome.reply;
}

/** A tiny skill whose responses are in memory, to test the runtime itself. */
const echo = defineSkill({
  id: 'echo-test',
  brandId: 'test',
  invocation: {},
  slotTypes: {},
  intents: {
    SayIntent: defineIntent({
      slots: { word: { type: 'AMAZON.NUMBER', required: true, prompt: 'prompts.word' } },
      handle: (t, { t: tr }) => ({ speech: tr('said', { word: t.slots.word?.raw ?? '' }) }),
    }),
    BoomIntent: defineIntent({
      handle: () => {
        throw new Error('kaboom');
      },
    }),
    WhyThisSuggestionIntent: { handle: () => ({ speech: 'why' }) },
    WhatDoYouKnowIntent: { handle: () => ({ speech: 'know' }) },
    StopUsingMyDataIntent: { handle: () => ({ speech: 'stop data' }) },
    StopAllOffersIntent: { handle: () => ({ speech: 'stop offers' }) },
  },
});

const echoFiles: LocaleFiles = {
  dir: '/nowhere',
  common: {},
  problems: [],
  skills: {
    'echo-test': {
      'en-US': {
        responses: {
          file: 'x',
          data: {
            said: 'You said {{word}}',
            prompts: { word: 'Say what?' },
            errors: { apology: 'Oops' },
            help: { reprompt: 'Help?' },
          },
        },
      },
      'fr-FR': {
        responses: {
          file: 'y',
          data: {
            said: 'Vous avez dit {{word}}',
            errors: { apology: 'Oups, désolé' },
            help: { reprompt: 'Aide ?' },
          },
        },
      },
    },
  },
};
const language = createLanguageData(echoFiles);

describe('runTurn', () => {
  it('escapes every interpolated value in the SSML and keeps the plain text as is', async () => {
    const reply = await answer(
      echo,
      turn(echo, 'en-US', 'SayIntent', { slots: { word: { raw: `Ben & Jerry's <b>"x"</b>`, value: '1' } } }),
      {
        consent: noConsentGate,
        language,
      },
    );
    expect(reply.text).toBe(`You said Ben & Jerry's <b>"x"</b>`);
    expect(reply.ssml).toBe(
      '<speak>You said Ben &amp; Jerry&apos;s &lt;b&gt;&quot;x&quot;&lt;/b&gt;</speak>',
    );
  });

  it('answers with the skill apology in the turn language when a handler throws', async () => {
    const errors: unknown[] = [];
    const reply = await answer(echo, turn(echo, 'fr-FR', 'BoomIntent'), {
      consent: noConsentGate,
      language,
      logger: { error: (details) => errors.push(details) },
    });
    expect(reply.speech).toBe('Oups, désolé');
    expect(reply.endSession).toBe(false);
    expect(errors).toHaveLength(1);
  });

  it('asks for a missing required slot, then runs the intent with the slots gathered so far', async () => {
    const first = await answer(echo, turn(echo, 'en-US', 'SayIntent'), { consent: noConsentGate, language });
    expect(first.speech).toBe('Say what?');
    expect(first.reprompt).toBe('Say what?');
    const second = await answer(
      echo,
      turn(echo, 'en-US', 'SayIntent', {
        session: first.session,
        slots: { word: { raw: 'five', value: '5' } },
      }),
      { consent: noConsentGate, language },
    );
    expect(second.speech).toBe('You said five');
    expect(second.session).toEqual({});
  });

  it('ends the session on SessionEnded without speech', async () => {
    const reply = await answer(echo, turn(echo, 'en-US', 'SessionEnded'), {
      consent: noConsentGate,
      language,
    });
    expect(reply).toMatchObject({ speech: '', endSession: true, session: {} });
  });
});

describe('the real skills on the runtime', () => {
  it.each([fridgeChef, coffeeCompanion])(
    '$id answers every built-in, Launch and unknown intents in every language',
    async (skill) => {
      for (const locale of ['en-US', 'fr-FR', 'de-DE', 'es-ES', 'it-IT', 'en-GB', 'fr-CA'] as const) {
        for (const intent of [
          'Launch',
          'HelpIntent',
          'AMAZON.StopIntent',
          'CancelIntent',
          'FallbackIntent',
          'NavigateHomeIntent',
          'YesIntent',
          'NoIntent',
          'NoSuchIntent',
        ]) {
          const reply = await answer(skill, turn(skill, locale, intent), { consent: noConsentGate });
          expect(reply.speech, `${skill.id} ${locale} ${intent}`).not.toMatch(/missing|^$/);
          expect(reply.locale).toBe(locale);
        }
      }
    },
  );

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'AMAZON.constructor'])(
    'answers an intent named after an Object.prototype member (%s) with the fallback, not an apology',
    async (intent) => {
      for (const skill of [fridgeChef, coffeeCompanion]) {
        const errors: unknown[] = [];
        const deps = {
          consent: noConsentGate,
          logger: { error: (details: unknown) => errors.push(details) },
        };
        const reply = await answer(skill, turn(skill, 'fr-FR', intent), deps);
        const fallback = await answer(skill, turn(skill, 'fr-FR', 'AMAZON.FallbackIntent'), deps);
        expect(reply.speech, `${skill.id} ${intent}`).toBe(fallback.speech);
        expect(errors).toEqual([]);
      }
    },
  );

  it('treats an elicitation naming an Object.prototype member as no elicitation', async () => {
    const errors: unknown[] = [];
    const session = { _elicit: { intent: 'constructor', slot: 'toString', slots: {} } };
    const deps = { consent: noConsentGate, logger: { error: (details: unknown) => errors.push(details) } };
    const reply = await answer(fridgeChef, turn(fridgeChef, 'fr-FR', 'constructor', { session }), deps);
    const fallback = await answer(fridgeChef, turn(fridgeChef, 'fr-FR', 'AMAZON.FallbackIntent'), deps);
    expect(reply.speech).toBe(fallback.speech);
    expect(errors).toEqual([]);
  });

  it('ends the session on Stop and keeps it open on Help', async () => {
    const stop = await answer(fridgeChef, turn(fridgeChef, 'fr-FR', 'AMAZON.StopIntent'), {
      consent: noConsentGate,
    });
    expect(stop).toMatchObject({ speech: 'Bon appétit !', endSession: true });
    const help = await answer(fridgeChef, turn(fridgeChef, 'fr-FR', 'AMAZON.HelpIntent'), {
      consent: noConsentGate,
    });
    expect(help.endSession).toBe(false);
    expect(help.reprompt).toBe('Que souhaitez-vous faire ?');
  });

  it('follows the fallback chains: en-GB says courgettes, fr-CA says épicerie, both inherit the rest', async () => {
    const gb = await answer(
      fridgeChef,
      turn(fridgeChef, 'en-GB', 'RecipeDetailsIntent', {
        slots: { recipe: { raw: 'ratatouille', value: 'ratatouille', id: 'ratatouille' } },
      }),
      { consent: noConsentGate },
    );
    expect(gb.speech).toContain('courgettes');
    expect(gb.speech).toContain('aubergines');
    const us = await answer(
      fridgeChef,
      turn(fridgeChef, 'en-US', 'RecipeDetailsIntent', {
        slots: { recipe: { raw: 'ratatouille', value: 'ratatouille', id: 'ratatouille' } },
      }),
      { consent: noConsentGate },
    );
    expect(us.speech).toContain('zucchini');
    const ca = await answer(fridgeChef, turn(fridgeChef, 'fr-CA', 'AddToShoppingListIntent'), {
      consent: noConsentGate,
    });
    expect(ca.speech).toBe("Qu'est-ce que je dois ajouter à votre liste d'épicerie ?");
    const caHelp = await answer(fridgeChef, turn(fridgeChef, 'fr-CA', 'Launch'), { consent: noConsentGate });
    expect(caHelp.speech).toContain('Chef du frigo');
  });

  it('answers non-personally and reads nothing with the gate that grants nothing', async () => {
    const reply = await answer(fridgeChef, turn(fridgeChef, 'en-US', 'WhatCanICookIntent'), {
      consent: noConsentGate,
    });
    expect(reply.speech).toContain("I can't see your fridge yet");
    expect(reply.used).toEqual([]);
    expect(reply.card?.items.length).toBe(3);
  });

  it('renders the personal answer, and records what it read, when a gate grants the purpose', async () => {
    // A stub gate in a test: the production code has only noConsentGate.
    const asked: string[][] = [];
    const granting: ConsentGate = {
      async read(purposes) {
        asked.push([...purposes]);
        return {
          granted: purposes.filter((p) => p === 'inventory'),
          documents: {
            inventory: {
              items: [
                { ingredient: 'egg', quantity: 6, unit: 'piece', expiresOn: '2025-06-03' },
                { ingredient: 'cheese', quantity: 200, unit: 'g', expiresOn: null },
                { ingredient: 'onion', quantity: 2, unit: 'piece', expiresOn: null },
              ],
            },
          },
        };
      },
    };
    const reply = await answer(fridgeChef, turn(fridgeChef, 'fr-FR', 'ExpiringSoonIntent'), {
      consent: granting,
    });
    expect(asked).toEqual([['inventory']]);
    expect(reply.used).toEqual(['inventory']);
    expect(reply.speech).toBe(
      "Un aliment périme bientôt : œufs. Vous pourriez l'utiliser dans cette recette : omelette aux légumes.",
    );
  });

  it('never hands a handler a purpose it did not ask for', async () => {
    const overGranting: ConsentGate = {
      async read() {
        return {
          granted: ['inventory', 'health'],
          documents: { inventory: { items: [] }, health: { diets: [], allergens: ['milk'] } },
        };
      },
    };
    const reply = await answer(coffeeCompanion, turn(coffeeCompanion, 'en-US', 'CapsuleStockIntent'), {
      consent: overGranting,
    });
    expect(reply.used).toEqual([]);
    expect(reply.speech).toContain("I can't see your capsule stock yet");
  });
});

describe('SSML', () => {
  it('escapes the five XML special characters', () => {
    expect(escapeSsml(`& < > " '`)).toBe('&amp; &lt; &gt; &quot; &apos;');
    expect(renderSsml('a<b')).toBe('<speak>a&lt;b</speak>');
  });
});
