import { describe, expect, it } from 'vitest';
import type { ConsentedContext, Purpose } from '../../src/runtime/consent-gate.js';
import type { EffectWriter, HouseholdWrite } from '../../src/runtime/effects.js';
import { createLanguageData } from '../../src/runtime/i18n.js';
import type { LocaleFiles } from '../../src/runtime/locale-files.js';
import { type HouseholdRead, runTurn, type TurnDeps, type TurnRequest } from '../../src/runtime/run-turn.js';
import { defineIntent, defineSkill } from '../../src/runtime/skill-definition.js';
import { capturingLogger } from '../support/store-faults.js';

declare module '../../src/runtime/skill-services.js' {
  interface SkillServices {
    /** A test service: the runtime hands handlers what createApp was given. */
    greeter?: { greet: (name: string) => string };
  }
}

const household = { id: 'hh_1', locale: 'en-US' as const, timeZone: 'UTC' };
const pantry = { items: [{ ingredient: 'egg', quantity: 6, unit: 'piece', expiresOn: null }] };

/** A skill of this test alone, with in-memory responses: the pipeline, not a brand, is under test. */
const probe = defineSkill({
  id: 'probe',
  brandId: 'probe-brand',
  invocation: {},
  slotTypes: {},
  intents: {
    PantryIntent: defineIntent({
      purposes: ['inventory'],
      handle: async (_turn, { consent }) => {
        const { documents } = await consent.read(['inventory']);
        return { speech: documents.inventory ? `eggs: ${documents.inventory.items.length}` : 'no pantry' };
      },
    }),
    SneakyIntent: defineIntent({
      purposes: ['inventory'],
      // Asks for a purpose it did not declare: the gate grants nothing of it.
      handle: async (_turn, { consent }) => {
        const { granted } = await consent.read(['health', 'inventory']);
        return { speech: `granted: ${granted.join(',')}` };
      },
    }),
    NameIntent: defineIntent({
      slots: { name: { type: 'AMAZON.NUMBER', required: true, prompt: 'prompt' } },
      purposes: ['inventory'],
      handle: (turn) => ({ speech: `name ${turn.slots.name?.value}` }),
    }),
    WriteIntent: defineIntent({
      purposes: ['preferences'],
      consentOf: ['offers'],
      handle: () => ({
        speech: 'written',
        effects: {
          beforeReply: [
            { kind: 'context', purpose: 'preferences', update: () => ({ shoppingList: ['egg'] }) },
          ],
          afterReply: [{ kind: 'record', collection: 'offerLog', id: 'o1', data: { shown: true } }],
        },
      }),
    }),
    OverreachIntent: defineIntent({
      purposes: ['preferences'],
      handle: () => ({
        speech: 'overreached',
        effects: { beforeReply: [{ kind: 'context', purpose: 'health', update: () => ({ diets: [] }) }] },
      }),
    }),
    KnowIntent: defineIntent({
      consentOf: ['inventory', 'health'],
      handle: async (_turn, { consent }) => {
        const { granted, documents } = await consent.read(['inventory', 'health']);
        return {
          speech: `granted ${granted.join(',')}; documents ${Object.keys(documents).join(',') || 'none'}`,
        };
      },
    }),
    GreetIntent: defineIntent({
      handle: (_turn, { services }) => ({ speech: services.greeter?.greet('Ada') ?? 'no greeter' }),
    }),
    WhyThisSuggestionIntent: { handle: () => ({ speech: 'why' }) },
    WhatDoYouKnowIntent: { handle: () => ({ speech: 'know' }) },
    StopUsingMyDataIntent: { handle: () => ({ speech: 'stop' }) },
    StopAllOffersIntent: { handle: () => ({ speech: 'stop offers' }) },
  },
});

const files: LocaleFiles = {
  dir: '/nowhere',
  common: {},
  problems: [],
  skills: {
    probe: {
      'en-US': {
        responses: {
          file: 'x',
          data: { prompt: 'Which name?', errors: { apology: 'Sorry!' }, help: { reprompt: 'Help?' } },
        },
      },
    },
  },
};
const language = createLanguageData(files);

/** A household read that records what it was asked and grants `granted` of it. */
function recordingRead(granted: readonly Purpose[] = ['inventory', 'preferences']) {
  const asked: Purpose[][] = [];
  const documentsAsked: Purpose[][] = [];
  const read: HouseholdRead = async (purposes, documents = purposes) => {
    asked.push([...purposes]);
    documentsAsked.push([...documents]);
    const context: ConsentedContext = {
      granted: purposes.filter((p) => granted.includes(p)),
      documents: { inventory: pantry, health: { diets: ['vegan'], allergens: [] } },
    };
    return { status: 'ok', household, context };
  };
  return { read, asked, documentsAsked };
}

function recordingWriter(fail = false) {
  const committed: HouseholdWrite[][] = [];
  const deferred: { writes: HouseholdWrite[]; requestId?: string }[] = [];
  const writer: EffectWriter = {
    async commit(_hid, writes) {
      if (fail) throw new Error('store down');
      committed.push([...writes]);
    },
    defer(_hid, writes, requestId) {
      deferred.push({ writes: [...writes], ...(requestId ? { requestId } : {}) });
    },
  };
  return { writer, committed, deferred };
}

const request = (intent: string, read?: HouseholdRead, extra: Partial<TurnRequest> = {}): TurnRequest => ({
  channel: 'test',
  locale: 'en-US',
  intent,
  slots: {},
  session: {},
  now: new Date('2026-11-20T09:00:00Z'),
  ...(read ? { household: read } : {}),
  ...extra,
});

const deps = (extra: Partial<TurnDeps> = {}): TurnDeps => ({ language, ...extra });

describe('the turn pipeline', () => {
  it('reads the household once, with exactly the purposes the intent declares, and hands the handler the documents', async () => {
    const { read, asked } = recordingRead();
    const outcome = await runTurn(probe, request('PantryIntent', read), deps());
    expect(asked).toEqual([['inventory']]);
    expect(outcome.reply.speech).toBe('eggs: 1');
    expect(outcome.reply.used).toEqual(['inventory']);
    expect(outcome.turn.household).toEqual(household);
    expect(outcome.household).toBe('ok');
  });

  it('never grants a purpose the intent did not declare, even when the snapshot holds it', async () => {
    const { read } = recordingRead(['inventory', 'health']);
    const { reply } = await runTurn(probe, request('SneakyIntent', read), deps());
    expect(reply.speech).toBe('granted: inventory');
  });

  it('decides the grant of consent-only purposes in the same read without asking for their documents', async () => {
    const { read, asked, documentsAsked } = recordingRead(['inventory', 'health']);
    await runTurn(probe, request('KnowIntent', read), deps());
    expect(asked).toEqual([['inventory', 'health']]);
    expect(documentsAsked).toEqual([[]]);
  });

  it('reads no context while it asks for a missing required slot, then reads it with the slot filled', async () => {
    const { read, asked } = recordingRead();
    const first = await runTurn(probe, request('NameIntent', read), deps());
    expect(first.reply.speech).toBe('Which name?');
    expect(asked).toEqual([[]]);
    const second = await runTurn(
      probe,
      request('NameIntent', read, {
        session: first.reply.session,
        slots: { name: { raw: '7', value: '7' } },
      }),
      deps(),
    );
    expect(second.reply.speech).toBe('name 7');
    expect(asked).toEqual([[], ['inventory']]);
  });

  it('hands back a session the next request will accept: one that would pass the bounds starts afresh', async () => {
    const small = await runTurn(
      probe,
      request('NameIntent', undefined, { session: { notes: 'n'.repeat(100) } }),
      deps(),
    );
    expect(small.reply.session).toHaveProperty('_elicit');
    // 8,150 characters of the skill's own state fit in 8 KB; with the elicitation added they would not.
    const full = await runTurn(
      probe,
      request('NameIntent', undefined, { session: { notes: 'n'.repeat(8150) } }),
      deps(),
    );
    expect(full.turn.session).toEqual({ notes: 'n'.repeat(8150) });
    expect(full.reply.speech).toBe('Which name?');
    expect(full.reply.session).toEqual({});
  });

  it('answers an anonymous turn without any read', async () => {
    const outcome = await runTurn(probe, request('PantryIntent'), deps());
    expect(outcome.household).toBe('anonymous');
    expect(outcome.reply.speech).toBe('no pantry');
  });

  it('treats a revoked token as an anonymous turn and says so to the channel', async () => {
    const outcome = await runTurn(
      probe,
      request('PantryIntent', async () => ({ status: 'revoked' })),
      deps(),
    );
    expect(outcome.household).toBe('revoked');
    expect(outcome.turn.household).toBeUndefined();
    expect(outcome.reply.speech).toBe('no pantry');
  });

  it('normalises the same way for every channel: unknown and inherited names fall back, undefined slots are dropped, values are bounded', async () => {
    for (const intent of ['constructor', '__proto__', 'NoSuchIntent']) {
      const { turn } = await runTurn(probe, request(intent), deps());
      expect(turn.intent).toBe('AMAZON.FallbackIntent');
    }
    const long = 'x'.repeat(2000);
    const { turn } = await runTurn(
      probe,
      request('NameIntent', undefined, {
        slots: {
          name: { raw: long, value: long },
          toString: { raw: 'a', value: 'a' },
          extra: { raw: 'b', value: 'b' },
        },
      }),
      deps(),
    );
    expect(Object.keys(turn.slots)).toEqual(['name']);
    expect(turn.slots.name?.raw.length).toBe(500);
    expect(turn.slots.name?.value.length).toBe(500);
  });

  it('commits writes the reply depends on before answering, and queues the rest with the request id', async () => {
    const { read } = recordingRead(['preferences', 'offers']);
    const { writer, committed, deferred } = recordingWriter();
    const { reply } = await runTurn(
      probe,
      request('WriteIntent', read, { requestId: 'req-1' }),
      deps({ effects: writer }),
    );
    expect(reply.speech).toBe('written');
    expect(committed).toHaveLength(1);
    expect(committed[0]?.[0]).toMatchObject({ kind: 'context', purpose: 'preferences' });
    expect(deferred).toEqual([
      {
        writes: [{ kind: 'record', collection: 'offerLog', id: 'o1', data: { shown: true } }],
        requestId: 'req-1',
      },
    ]);
  });

  it('apologises instead of saying "done" when a write the reply depends on fails', async () => {
    const { read } = recordingRead();
    const { writer, deferred } = recordingWriter(true);
    const { logger, lines } = capturingLogger();
    const { reply } = await runTurn(probe, request('WriteIntent', read), deps({ effects: writer, logger }));
    expect(reply.speech).toBe('Sorry!');
    expect(deferred).toEqual([]);
    expect(lines.some((l) => l.msg === 'writes before the reply failed; apologising')).toBe(true);
  });

  it('refuses a write to a purpose the turn was not granted, and logs it', async () => {
    const { read } = recordingRead();
    const { writer, committed } = recordingWriter();
    const { logger, lines } = capturingLogger();
    const { reply } = await runTurn(
      probe,
      request('OverreachIntent', read),
      deps({ effects: writer, logger }),
    );
    expect(reply.speech).toBe('overreached');
    expect(committed).toEqual([]);
    expect(lines.find((l) => l.msg === 'writes refused: purpose not granted or no household')).toMatchObject({
      refused: ['health'],
    });
  });

  it('refuses a record whose purpose the turn was not granted (an offer log without offers)', async () => {
    const { read } = recordingRead(['preferences']);
    const { writer, committed, deferred } = recordingWriter();
    await runTurn(probe, request('WriteIntent', read), deps({ effects: writer }));
    expect(committed).toHaveLength(1);
    expect(deferred).toEqual([]);
  });

  it('refuses writes of an anonymous turn', async () => {
    const { writer, committed, deferred } = recordingWriter();
    await runTurn(probe, request('WriteIntent'), deps({ effects: writer }));
    expect(committed).toEqual([]);
    expect(deferred).toEqual([]);
  });

  it('hands handlers the services given to the app', async () => {
    const services = { greeter: { greet: (name: string) => `Hello ${name}` } };
    expect((await runTurn(probe, request('GreetIntent'), deps({ services }))).reply.speech).toBe('Hello Ada');
    expect((await runTurn(probe, request('GreetIntent'), deps())).reply.speech).toBe('no greeter');
  });
});
