/**
 * Yes/no questions that remember who handles their answer: a test skill of its
 * own asks two different questions in one session, and the session a client
 * hands back (untrusted) can name no question the skill does not ask.
 */
import { withVocabulary } from 'hearth/skill';
import { conversation, expectReply } from 'hearth/testing';
import { describe, expect, it } from 'vitest';
import { createLanguageData } from '../../src/runtime/i18n.js';
import type { LocaleFiles } from '../../src/runtime/locale-files.js';
import { QUESTION_KEY } from '../../src/runtime/pending-question.js';
import { runTurn } from '../../src/runtime/run-turn.js';
import { defineSkill } from '../../src/runtime/skill-definition.js';
import type { JsonValue } from '../../src/runtime/turn.js';

type Vocabulary = {
  keys:
    | 'help.reprompt'
    | 'yesNo.noQuestion'
    | 'errors.apology'
    | 'dinner.preheat'
    | 'dinner.preheating'
    | 'dinner.ovenOff'
    | 'eggs.add'
    | 'eggs.added'
    | 'eggs.none';
  intents: {
    PlanDinnerIntent: never;
    LowOnEggsIntent: never;
    SessionPeekIntent: never;
    WhyThisSuggestionIntent: never;
    WhatDoYouKnowIntent: never;
    StopUsingMyDataIntent: never;
    StopAllOffersIntent: never;
  };
  questions: 'preheatOven' | 'addEggs';
};
const { defineIntent, defineQuestion } = withVocabulary<Vocabulary>();

let eggsFail = false;

/** Two questions: "preheat the oven?" (whose yes goes on to ask the other) and "add eggs to the list?". */
const kitchen = defineSkill({
  id: 'kitchen-test',
  brandId: 'test',
  invocation: {},
  slotTypes: {},
  intents: {
    PlanDinnerIntent: defineIntent({
      handle: (turn, { t }) => ({
        speech: t('dinner.preheat'),
        question: 'preheatOven',
        session: turn.session,
      }),
    }),
    LowOnEggsIntent: defineIntent({
      handle: (_turn, { t }) => ({ speech: t('eggs.add'), question: 'addEggs' }),
    }),
    SessionPeekIntent: defineIntent({
      handle: (turn) => ({ speech: `session: ${Object.keys(turn.session).join(',') || 'empty'}` }),
    }),
    WhyThisSuggestionIntent: defineIntent({ handle: () => ({ speech: 'why' }) }),
    WhatDoYouKnowIntent: defineIntent({ handle: () => ({ speech: 'know' }) }),
    StopUsingMyDataIntent: defineIntent({ handle: () => ({ speech: 'stop' }) }),
    StopAllOffersIntent: defineIntent({ handle: () => ({ speech: 'stop offers' }) }),
  },
  questions: {
    preheatOven: defineQuestion({
      yes: (turn, { t }) => ({
        speech: `${t('dinner.preheating')} ${t('eggs.add')}`,
        question: 'addEggs',
        session: { ...turn.session, oven: 'on' },
      }),
      no: (_turn, { t }) => ({ speech: t('dinner.ovenOff') }),
    }),
    addEggs: defineQuestion({
      yes: (turn, { t }) => {
        if (eggsFail) throw new Error('the list is unreachable');
        return { speech: `${t('eggs.added')} ${Object.keys(turn.session).join(',')}` };
      },
      no: (_turn, { t }) => ({ speech: t('eggs.none'), endSession: true }),
    }),
  },
});

const files: LocaleFiles = {
  dir: '/nowhere',
  common: {},
  problems: [],
  skills: {
    'kitchen-test': {
      'en-US': {
        responses: {
          file: 'x',
          data: {
            help: { reprompt: 'Anything else?' },
            yesNo: { noQuestion: 'There was no question.' },
            errors: { apology: 'Sorry.' },
            dinner: {
              preheat: 'Shall I preheat the oven?',
              preheating: 'Preheating.',
              ovenOff: 'Oven stays off.',
            },
            eggs: { add: 'Shall I add eggs to your list?', added: 'Eggs added.', none: 'No eggs then.' },
          },
        },
      },
    },
  },
};
const language = createLanguageData(files);
const chat = () => conversation(kitchen, { locale: 'en-US', language });

/** One Yes with the session a client handed back. */
async function yesWith(session: Record<string, JsonValue>) {
  const warnings: string[] = [];
  const errors: unknown[] = [];
  const { reply } = await runTurn(
    kitchen,
    { channel: 'test', locale: 'en-US', intent: 'AMAZON.YesIntent', slots: {}, session, now: new Date() },
    {
      language,
      logger: { warn: (_d, message) => warnings.push(message), error: (details) => errors.push(details) },
    },
  );
  return { reply, warnings, errors };
}

describe('a skill asking two different yes/no questions in one session', () => {
  it('sends each Yes and No to the handlers of the question just asked', async () => {
    const c = chat();
    expectReply(await c.send('PlanDinnerIntent'), { says: 'preheat the oven' });
    expect(c.session).toEqual({ [QUESTION_KEY]: 'preheatOven' });
    expectReply(await c.send('YesIntent'), { says: ['Preheating.', 'add eggs'] });
    expect(c.session).toEqual({ oven: 'on', [QUESTION_KEY]: 'addEggs' });
    expectReply(await c.send('YesIntent'), { says: 'Eggs added. oven' });
    expectReply(await c.send('LowOnEggsIntent'), { says: 'add eggs' });
    expectReply(await c.send('NoIntent'), { says: 'No eggs then', endSession: true });
  });

  it('answers a second Yes with the default once the question is answered', async () => {
    const c = chat();
    await c.send('PlanDinnerIntent');
    expectReply(await c.send('NoIntent'), { says: 'Oven stays off' });
    expectReply(await c.send('YesIntent'), { says: 'There was no question' });
  });

  it('lets the question lapse when the next turn is not an answer', async () => {
    const c = chat();
    await c.send('LowOnEggsIntent');
    expectReply(await c.send('AMAZON.HelpIntent'), {});
    expectReply(await c.send('YesIntent'), { says: 'There was no question' });
  });

  it('keeps the question out of what handlers see of the session', async () => {
    const c = chat();
    await c.send('PlanDinnerIntent');
    expectReply(await c.send('SessionPeekIntent'), { says: 'session: empty' });
  });

  it('keeps the question through an apology, so the answer can be said again', async () => {
    const c = chat();
    await c.send('LowOnEggsIntent');
    eggsFail = true;
    try {
      expectReply(await c.send('YesIntent'), { says: 'Sorry.' });
    } finally {
      eggsFail = false;
    }
    expectReply(await c.send('YesIntent'), { says: 'Eggs added.' });
  });

  it.each<[string, JsonValue]>([
    ['an inherited member', 'constructor'],
    ['another inherited member', 'hasOwnProperty'],
    ['the prototype', '__proto__'],
    ['a question the skill does not ask', 'deleteEverything'],
    ['a name far too long', `addEggs${'x'.repeat(500)}`],
    ['a number', 7],
    ['an object', { name: 'addEggs' }],
  ])('treats %s in the session as no question at all', async (_what, forged) => {
    const { reply, errors } = await yesWith({ [QUESTION_KEY]: forged });
    expect(reply.speech).toBe('There was no question.');
    expect(reply.session).toEqual({});
    expect(errors).toEqual([]);
  });

  it('records no question a reply names that the skill does not define, and says so in the log', async () => {
    const untyped = {
      ...kitchen,
      intents: {
        ...kitchen.intents,
        PlanDinnerIntent: { handle: () => ({ speech: 'hm', question: 'toString' }) },
      },
    };
    const warnings: string[] = [];
    const { reply } = await runTurn(
      untyped,
      {
        channel: 'test',
        locale: 'en-US',
        intent: 'PlanDinnerIntent',
        slots: {},
        session: {},
        now: new Date(),
      },
      { language, logger: { warn: (_d, message) => warnings.push(message), error: () => undefined } },
    );
    expect(reply.session).toEqual({});
    expect(warnings).toEqual(['reply asks an unknown question']);
  });
});
