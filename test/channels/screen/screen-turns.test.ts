import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../../src/runtime/locales.js';
import { bearer, createHarness, type Harness } from '../../support/app-harness.js';
import { coffeeOf, expectProblem, expectScreenReply, fridgeOf } from '../../support/http-expect.js';
import { authored, authoredStart } from './locale-responses.js';

let h: Harness;
beforeAll(async () => {
  // This file sends many turns from each device within a second: room for them all here. The
  // limits themselves are tested in test/http/device-rate-limit.test.ts.
  h = await createHarness({ deviceRateLimit: { burst: 1_000 } });
});
afterAll(() => h.close());

type Household = Harness['demo']['households'][number];
type Device = Household['devices'][number];
const byLocale = (locale: string) => h.demo.households.find((hh) => hh.locale === locale)!;
const frFridge = () => fridgeOf(byLocale('fr-FR'));

function turn(device: Pick<Device, 'id' | 'token'>, body: unknown, headers: Record<string, string> = {}) {
  return h.app.request(`/v1/screens/${device.id}/turns`, {
    method: 'POST',
    headers: { ...bearer(device.token, true), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('POST /v1/screens/:deviceId/turns with an intent', () => {
  it.each<Locale>(['fr-FR', 'de-DE', 'en-US', 'es-ES', 'it-IT'])(
    'answers a fridge in the device language (%s)',
    async (locale) => {
      const reply = await expectScreenReply(
        await turn(fridgeOf(byLocale(locale)), { intent: 'WhatCanICookIntent' }),
      );
      expect(reply.locale).toBe(locale);
      expect(reply.text.startsWith(authoredStart(locale, 'fridge-chef', 'cook.general'))).toBe(true);
      expect(reply.speech).toBe(reply.text);
      expect(reply.card?.title).toBe(authored(locale, 'fridge-chef', 'card.recipesTitle'));
    },
  );

  it.each<Locale>(['fr-FR', 'de-DE', 'en-GB', 'fr-CA'])(
    'answers a coffee machine in the device language (%s)',
    async (locale) => {
      const reply = await expectScreenReply(
        await turn(coffeeOf(byLocale(locale)), { intent: 'RunOutDateIntent' }),
      );
      expect(reply.locale).toBe(locale);
      expect(reply.text).toBe(authored(locale, 'coffee-companion', 'runOut.noAccess'));
    },
  );

  it('sends a card action back as a turn and shows the recipe it names', async () => {
    const fridge = frFridge();
    const homeResponse = await h.app.request(`/v1/screens/${fridge.id}/home`, {
      headers: bearer(fridge.token),
    });
    const home = await expectScreenReply(homeResponse);
    const action = home.card!.actions[0]!;
    const reply = await expectScreenReply(
      await turn(fridge, { intent: action.intent, slots: action.slots, session: home.session }),
    );
    expect(reply.text.startsWith(authoredStart('fr-FR', 'fridge-chef', 'recipe.details'))).toBe(true);
    expect(reply.card?.title).toBe(home.card!.items[0]!.title);
    expect(reply.card?.items.length).toBeGreaterThan(1);
    // A tap is not typed text: nothing was understood, neither here nor on the home card.
    expect(home).not.toHaveProperty('understood');
    expect(reply).not.toHaveProperty('understood');
  });

  it('accepts short built-in names and a locale override', async () => {
    const reply = await expectScreenReply(await turn(frFridge(), { intent: 'HelpIntent', locale: 'it-IT' }));
    expect(reply.locale).toBe('it-IT');
    expect(reply.text).toBe(authored('it-IT', 'fridge-chef', 'help.speech'));
  });

  it.each(['NoSuchIntent', 'constructor', '__proto__', 'toString', 'hasOwnProperty', '<b>x</b>'])(
    'answers an unknown intent name (%s) with the fallback, not an error',
    async (intent) => {
      const reply = await expectScreenReply(await turn(frFridge(), { intent, slots: { recipe: 'x' } }));
      expect(reply.text).toBe(authored('fr-FR', 'fridge-chef', 'fallback.speech'));
      expect(reply.endSession).toBe(false);
    },
  );

  it('ends the session on stop and sends no session back', async () => {
    const reply = await expectScreenReply(await turn(frFridge(), { intent: 'StopIntent' }));
    expect(reply).toMatchObject({ endSession: true, text: authored('fr-FR', 'fridge-chef', 'stop.speech') });
    expect(reply.session).toBeUndefined();
  });
});

describe('POST /v1/screens/:deviceId/turns with text', () => {
  it('matches French typed without accents or apostrophes', async () => {
    const reply = await expectScreenReply(await turn(frFridge(), { text: 'qu est ce qui perime bientot' }));
    expect(reply.text).toBe(authored('fr-FR', 'fridge-chef', 'expiring.noAccess'));
    expect(reply.understood).toMatchObject({ intent: 'ExpiringSoonIntent', slots: {} });
  });

  it('says what the text was understood as: the intent, slot values as ids, a confidence', async () => {
    const reply = await expectScreenReply(
      await turn(coffeeOf(byLocale('de-DE')), { text: 'bestell fünfzig Ristretto Kapseln' }),
    );
    const understood = reply.understood!;
    expect(understood.intent).toBe('ReorderIntent');
    // The variety by its id (not the German name), the spoken number as digits.
    expect(understood.slots).toEqual({ quantity: '50', variety: 'ristretto' });
    expect(understood.confidence).toBeGreaterThan(0);
    expect(understood.confidence).toBeLessThanOrEqual(1);
    expect(Math.round(understood.confidence * 100)).toBe(understood.confidence * 100);
  });

  it('is less confident of a typo than of the exact words', async () => {
    const coffee = coffeeOf(byLocale('de-DE'));
    const exact = await expectScreenReply(await turn(coffee, { text: 'wie viele kapseln habe ich noch' }));
    const typo = await expectScreenReply(await turn(coffee, { text: 'wie viele kapsenl habe ich noch' }));
    expect(typo.understood?.intent).toBe('CapsuleStockIntent');
    expect(typo.understood!.confidence).toBeLessThan(exact.understood!.confidence);
  });

  it('matches on a coffee machine in German', async () => {
    const reply = await expectScreenReply(
      await turn(coffeeOf(byLocale('de-DE')), { text: 'wie viele kapseln habe ich noch' }),
    );
    expect(reply.text).toBe(authored('de-DE', 'coffee-companion', 'stock.noAccess'));
  });

  it('asks for a missing required slot and fills it from the next answer through the session', async () => {
    const fridge = frFridge();
    const ask = await expectScreenReply(await turn(fridge, { intent: 'AddToShoppingListIntent' }));
    expect(ask.text).toBe(authored('fr-FR', 'fridge-chef', 'prompts.ingredient'));
    expect(ask.endSession).toBe(false);
    expect(ask.session).toBeDefined();

    const filled = await expectScreenReply(
      await turn(fridge, { text: 'des courgettes', session: ask.session }),
    );
    const expected = authored('fr-FR', 'fridge-chef', 'shopping.noAccess').replace(
      '{{ingredient}}',
      'courgettes',
    );
    expect(filled.text).toBe(expected);
    expect(filled.understood).toMatchObject({
      intent: 'AddToShoppingListIntent',
      slots: { ingredient: 'zucchini' },
    });

    // Without the session the same words are not understood as the awaited ingredient.
    const alone = await expectScreenReply(await turn(fridge, { text: 'des courgettes' }));
    expect(alone.text).not.toBe(expected);
  });

  it('answers gibberish with the fallback in the device language', async () => {
    const reply = await expectScreenReply(await turn(fridgeOf(byLocale('de-DE')), { text: 'xq zzv plorb' }));
    expect(reply.text).toBe(authored('de-DE', 'fridge-chef', 'fallback.speech'));
    expect(reply.understood).toMatchObject({ intent: 'AMAZON.FallbackIntent', slots: {} });
    expect(reply.understood!.confidence).toBeGreaterThanOrEqual(0);
    expect(reply.understood!.confidence).toBeLessThan(1);
  });
});

describe('POST /v1/screens/:deviceId/turns errors', () => {
  const invalid: [string, unknown][] = [
    ['an empty object', {}],
    ['both intent and text', { intent: 'HelpIntent', text: 'aide' }],
    ['slots without an intent', { text: 'aide', slots: { ingredient: 'egg' } }],
    ['an intent that is not a string', { intent: 5 }],
    ['an unknown field', { intent: 'HelpIntent', extra: true }],
    ['an empty text', { text: '' }],
    ['a text over 500 characters', { text: 'a'.repeat(501) }],
    ['an intent name over 100 characters', { intent: 'A'.repeat(101) }],
    [
      '11 slots',
      { intent: 'HelpIntent', slots: Object.fromEntries([...'abcdefghijk'].map((k) => [k, 'v'])) },
    ],
    [
      'a slot value over 200 characters',
      { intent: 'AddToShoppingListIntent', slots: { ingredient: 'x'.repeat(201) } },
    ],
    ['a slot value that is not a string', { intent: 'AddToShoppingListIntent', slots: { ingredient: 3 } }],
    ['a slot name that is not camelCase', { intent: 'HelpIntent', slots: { __proto__x: 'v' } }],
    ['a session over 8 KB', { text: 'aide', session: { big: 'x'.repeat(8 * 1024) } }],
    ['a session that is not an object', { text: 'aide', session: ['x'] }],
    ['an unsupported locale', { text: 'aide', locale: 'xx-XX' }],
    ['an array body', [{ text: 'aide' }]],
    ['a JSON string body', '"aide"'],
  ];
  it.each(invalid)('answers 400 validation_failed for %s', async (_name, body) => {
    const problemBody = await expectProblem(await turn(frFridge(), body), 400, 'validation_failed');
    expect(problemBody.errors?.length).toBeGreaterThan(0);
  });

  it('answers 400 invalid_json for a malformed body', async () => {
    await expectProblem(await turn(frFridge(), '{"text": "aide"'), 400, 'invalid_json');
  });

  it('answers 415 for a body that is not JSON', async () => {
    await expectProblem(
      await turn(frFridge(), 'text=aide', { 'content-type': 'text/plain' }),
      415,
      'unsupported_media_type',
    );
  });

  it('answers 413 for a body over the size limit', async () => {
    await expectProblem(
      await turn(frFridge(), { text: 'a', pad: 'x'.repeat(300 * 1024) }),
      413,
      'payload_too_large',
    );
  });

  it('documents the route, its reply and its problems in the OpenAPI document', async () => {
    const doc = (await (await h.app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, unknown> };
    };
    const post = doc.paths['/v1/screens/{deviceId}/turns']?.post;
    expect(Object.keys(post?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '400', '401', '404', '415']),
    );
    expect(doc.paths['/v1/screens/{deviceId}/home']?.get).toBeDefined();
    expect(doc.components.schemas).toHaveProperty('ScreenReply');
    expect(doc.components.schemas).toHaveProperty('ScreenTurn');
    expect(doc.components.schemas).toHaveProperty('ScreenUnderstood');
  });
});

describe('POST /v1/screens/:deviceId/turns security', () => {
  const body = { intent: 'WhatCanICookIntent' };

  it('answers 401 without a token', async () => {
    const response = await h.app.request(`/v1/screens/${frFridge().id}/turns`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    await expectProblem(response, 401, 'unauthorized');
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('answers 401 for a forged or tampered token', async () => {
    const fridge = frFridge();
    const [prefix, payload, mac] = fridge.token.split('.');
    await expectProblem(
      await turn({ id: fridge.id, token: `${prefix}.${payload}.AAAA${mac?.slice(4)}` }, body),
      401,
      'unauthorized',
    );
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const otherPayload = Buffer.from(JSON.stringify({ ...claims, deviceId: 'someone-else' })).toString(
      'base64url',
    );
    await expectProblem(
      await turn({ id: fridge.id, token: `${prefix}.${otherPayload}.${mac}` }, body),
      401,
      'unauthorized',
    );
    await expectProblem(await turn({ id: fridge.id, token: 'not-a-token' }, body), 401, 'unauthorized');
  });

  it('answers 401 for a household token (a device token is required)', async () => {
    const hh = byLocale('fr-FR');
    await expectProblem(await turn({ id: fridgeOf(hh).id, token: hh.token }, body), 401, 'unauthorized');
  });

  it("answers 404 for another household's device, before looking at the body", async () => {
    const mine = frFridge();
    const theirs = fridgeOf(byLocale('de-DE'));
    await expectProblem(await turn({ id: theirs.id, token: mine.token }, body), 404, 'not_found');
    await expectProblem(
      await turn({ id: theirs.id, token: mine.token }, { nonsense: true }),
      404,
      'not_found',
    );
    await expectProblem(await turn({ id: 'no-such-device', token: mine.token }, body), 404, 'not_found');
  });

  it('answers 401 once the device token has been rotated', async () => {
    const hh = byLocale('es-ES');
    const coffee = coffeeOf(hh);
    const rotated = await h.app.request(`/v1/devices/${coffee.id}/token`, {
      method: 'POST',
      headers: bearer(coffee.token),
    });
    expect(rotated.status).toBe(200);
    const { token } = (await rotated.json()) as { token: string };
    await expectProblem(await turn(coffee, body), 401, 'token_revoked');
    await expectScreenReply(await turn({ id: coffee.id, token }, body));
  });
});

const HOSTILE = [
  '<script>alert(1)</script>',
  '& &amp; &lt; "double" \'single\' `back`',
  ']]></speak><speak>',
  '😀🍕👩‍👩‍👧‍👦 🇫🇷',
  '日本語のテキスト, 中文, 한국어',
  'مرحبا بالعالم עברית',
  'Ελληνικά кириллица',
  '\u0000\u0007\u001b[31m\r\n\t',
  '\ud800 lone surrogate \udfff',
  '\u202e reversed \u2028\u2029',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal placeholder is the hostile value here
  '{{ingredient}} %s ${x} __proto__',
];

describe('hostile values', () => {
  it.each(HOSTILE)('never break the JSON reply when typed: %j', async (value) => {
    const reply = await expectScreenReply(await turn(frFridge(), { text: value }));
    expect(typeof reply.text).toBe('string');
  });

  it.each(HOSTILE)('come back verbatim as a slot value: %j', async (value) => {
    const reply = await expectScreenReply(
      await turn(frFridge(), { intent: 'AddToShoppingListIntent', slots: { ingredient: value } }),
    );
    expect(reply.text).toContain(value);
  });

  it.each(HOSTILE)('survive a round trip in the session: %j', async (value) => {
    const reply = await expectScreenReply(
      await turn(frFridge(), {
        text: 'qu est ce que je peux cuisiner',
        session: { note: value, [value]: [value] },
      }),
    );
    expect(reply.session).toMatchObject({ note: value });
  });

  it('keeps a 10 KB string out of text, slots and session with a 400, never a 500', async () => {
    const big = 'é<&"'.repeat(2560);
    await expectProblem(await turn(frFridge(), { text: big }), 400, 'validation_failed');
    await expectProblem(
      await turn(frFridge(), { intent: 'AddToShoppingListIntent', slots: { ingredient: big } }),
      400,
      'validation_failed',
    );
    await expectProblem(await turn(frFridge(), { text: 'aide', session: { big } }), 400, 'validation_failed');
    await expectProblem(await turn(frFridge(), { intent: big }), 400, 'validation_failed');
  });

  it('answers 400 for a session nested deeper than 32 levels, under the size limit, never a 500', async () => {
    const nested = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;
    const deep = `{"text":"aide","session":{"x":${nested(4000)}}}`;
    expect(deep.length).toBeLessThan(8 * 1024 + 40);
    await expectProblem(await turn(frFridge(), deep), 400, 'validation_failed');
    // Deeper than the stack allows, inside the body limit: still a 400.
    await expectProblem(
      await turn(frFridge(), `{"text":"aide","session":{"x":${nested(120_000)}}}`),
      400,
      'validation_failed',
    );
    // 32 levels (the session object counts as one) are fine.
    const ok = await expectScreenReply(
      await turn(frFridge(), `{"text":"qu est ce que je peux cuisiner","session":{"x":${nested(31)}}}`),
    );
    expect(ok.session).toHaveProperty('x');
  });

  it('keeps __proto__ and constructor keys of a session as plain data', async () => {
    const body =
      '{"text":"aide","session":{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}}';
    await expectScreenReply(await turn(frFridge(), body));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('treats a forged elicitation in the session as data, not as a crash', async () => {
    const session = { _elicit: { intent: 'AddToShoppingListIntent', slot: 'ingredient', slots: { x: '<' } } };
    const reply = await expectScreenReply(await turn(frFridge(), { text: 'des œufs', session }));
    expect(reply.text).toContain('œufs');
    const broken = await expectScreenReply(
      await turn(frFridge(), {
        text: 'des œufs',
        session: { _elicit: 'nonsense', lastSuggestion: [1, { a: null }] },
      }),
    );
    expect(typeof broken.text).toBe('string');
  });
});
