import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlexaVerifier } from '../../../src/channels/alexa/verify-request.js';
import { loadDefaultLanguage } from '../../../src/runtime/default-language.js';
import { renderSsml } from '../../../src/runtime/ssml.js';
import { alexaEnvelope, intentRequest } from '../../support/alexa-requests.js';
import { getAlexaTestCa } from '../../support/alexa-test-ca.js';
import { createHarness, type Harness } from '../../support/app-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const skill = (id: string) => h.demo.skills.find((s) => s.id === id)!;
const household = (locale: string) => h.demo.households.find((x) => x.locale === locale)!;
const t = (skillId: string, locale: string, key: string) =>
  loadDefaultLanguage().translator(skillId, locale as 'en-US')(key);

type AlexaResponse = {
  version: string;
  sessionAttributes?: Record<string, unknown>;
  response: {
    outputSpeech?: { type: string; ssml: string };
    reprompt?: { outputSpeech: { ssml: string } };
    card?: { type: string; title?: string; content?: string };
    directives?: { type: string }[];
    shouldEndSession?: boolean;
  };
};

async function send(
  skillId: string,
  body: unknown,
  { sign = true, raw }: { sign?: boolean; raw?: string } = {},
) {
  const text = raw ?? JSON.stringify(body);
  const ca = await getAlexaTestCa();
  const headers = { 'content-type': 'application/json', ...(sign ? ca.signAlexaRequest(text) : {}) };
  return h.app.request(`/alexa/${skillId}`, { method: 'POST', headers, body: text });
}

/** XML well-formedness of SSML, checked without a parser: tags balance and no stray `<` or `&`. */
function expectValidSsml(ssml: string) {
  expect(ssml.startsWith('<speak>') && ssml.endsWith('</speak>')).toBe(true);
  const inner = ssml.slice('<speak>'.length, -'</speak>'.length);
  expect(inner).not.toMatch(/<|>/);
  expect(inner).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
  expect(ssml.length).toBeLessThanOrEqual(8000);
}

describe('POST /alexa/:skillId — happy paths', () => {
  it('answers a LaunchRequest in the request locale, with valid SSML', async () => {
    const fr = household('fr-FR');
    const response = await send(
      'fridge-chef',
      alexaEnvelope({
        applicationId: skill('fridge-chef').alexaApplicationId!,
        locale: 'fr-FR',
        request: { type: 'LaunchRequest' },
        accessToken: fr.alexaAccessToken,
      }),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as AlexaResponse;
    expectValidSsml(body.response.outputSpeech!.ssml);
    expect(body.response.outputSpeech!.ssml).toContain(
      t('fridge-chef', 'fr-FR', 'launch.speech').slice(0, 20).replaceAll("'", '&apos;'),
    );
    expect(body.response.shouldEndSession).toBe(false);
    expect(body.response.card).toBeUndefined(); // linked: no LinkAccount card
  });

  it('answers an intent of each skill in German', async () => {
    const de = household('de-DE');
    for (const [skillId, intent] of [
      ['fridge-chef', 'WhatCanICookIntent'],
      ['coffee-companion', 'CapsuleStockIntent'],
    ] as const) {
      const response = await send(
        skillId,
        alexaEnvelope({
          applicationId: skill(skillId).alexaApplicationId!,
          locale: 'de-DE',
          request: intentRequest(intent),
          accessToken: de.alexaAccessToken,
        }),
      );
      expect(response.status).toBe(200);
      const body = (await response.json()) as AlexaResponse;
      expectValidSsml(body.response.outputSpeech!.ssml);
      expect(body.version).toBe('1.0');
    }
  });

  it('answers the built-in intents, and Stop ends the session', async () => {
    const app = skill('coffee-companion').alexaApplicationId!;
    const help = (await (
      await send(
        'coffee-companion',
        alexaEnvelope({ applicationId: app, request: intentRequest('AMAZON.HelpIntent') }),
      )
    ).json()) as AlexaResponse;
    expect(help.response.outputSpeech!.ssml).toContain(
      t('coffee-companion', 'en-US', 'help.speech').slice(0, 15),
    );
    const stop = (await (
      await send(
        'coffee-companion',
        alexaEnvelope({ applicationId: app, request: intentRequest('AMAZON.StopIntent') }),
      )
    ).json()) as AlexaResponse;
    expect(stop.response.shouldEndSession).toBe(true);
    expect(stop.response.card).toBeUndefined();
  });

  it('acknowledges a SessionEndedRequest without speech', async () => {
    const response = await send(
      'fridge-chef',
      alexaEnvelope({
        applicationId: skill('fridge-chef').alexaApplicationId!,
        request: { type: 'SessionEndedRequest', reason: 'USER_INITIATED' },
      }),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as AlexaResponse;
    expect(body.response.outputSpeech).toBeUndefined();
  });

  it('uses entity resolution: the canonical value and its id reach the handler', async () => {
    const response = await send(
      'fridge-chef',
      alexaEnvelope({
        applicationId: skill('fridge-chef').alexaApplicationId!,
        locale: 'en-GB',
        request: intentRequest('AddToShoppingListIntent', {
          ingredient: {
            value: 'courgettes',
            resolutions: {
              resolutionsPerAuthority: [
                {
                  authority: 'amzn1.er-authority.echo-sdk.x.Ingredient',
                  status: { code: 'ER_SUCCESS_MATCH' },
                  values: [{ value: { name: 'courgette', id: 'zucchini' } }],
                },
              ],
            },
          },
        }),
      }),
    );
    const body = (await response.json()) as AlexaResponse;
    expect(body.response.outputSpeech!.ssml).toMatch(/courgette/i);
  });

  it('delegates a missing required slot to Alexa while the dialog is in progress', async () => {
    const response = await send(
      'fridge-chef',
      alexaEnvelope({
        applicationId: skill('fridge-chef').alexaApplicationId!,
        request: intentRequest('AddToShoppingListIntent', {}, 'STARTED'),
      }),
    );
    const body = (await response.json()) as AlexaResponse;
    expect(body.response.directives?.map((d) => d.type)).toEqual(['Dialog.Delegate']);
    expect(body.response.outputSpeech).toBeUndefined();
  });

  it('asks for a missing required slot itself without a dialog model, and remembers it in the session', async () => {
    const app = skill('fridge-chef').alexaApplicationId!;
    const first = (await (
      await send(
        'fridge-chef',
        alexaEnvelope({ applicationId: app, request: intentRequest('AddToShoppingListIntent') }),
      )
    ).json()) as AlexaResponse;
    expect(first.response.shouldEndSession).toBe(false);
    expect(first.sessionAttributes).toHaveProperty('_elicit');
  });

  it('sends an APL document to devices with a screen when the reply has a card', async () => {
    const response = await send(
      'coffee-companion',
      alexaEnvelope({
        applicationId: skill('coffee-companion').alexaApplicationId!,
        request: intentRequest('CapsuleStockIntent'),
        accessToken: household('en-US').alexaAccessToken,
        apl: true,
      }),
    );
    const body = (await response.json()) as AlexaResponse;
    const hasCard = Boolean(body.response.card && body.response.card.type !== 'LinkAccount');
    const apl =
      body.response.directives?.some((d) => d.type === 'Alexa.Presentation.APL.RenderDocument') ?? false;
    expect(apl).toBe(hasCard);
  });
});

describe('POST /alexa/:skillId — account linking', () => {
  it('answers non-personally with a LinkAccount card when the request has no access token', async () => {
    const response = await send(
      'fridge-chef',
      alexaEnvelope({
        applicationId: skill('fridge-chef').alexaApplicationId!,
        request: intentRequest('WhatsInMyFridgeIntent'),
      }),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as AlexaResponse;
    expect(body.response.card?.type).toBe('LinkAccount');
    expectValidSsml(body.response.outputSpeech!.ssml);
  });

  it.each([
    ['a forged token', 'hth1.eyJ9.AAAA'],
    ['a Google Home token', 'google'],
    ['a household token', 'household'],
  ])('treats %s as not linked', async (_name, kind) => {
    const hh = household('en-US');
    const token = kind === 'google' ? hh.googleHomeToken : kind === 'household' ? hh.token : kind;
    const body = (await (
      await send(
        'fridge-chef',
        alexaEnvelope({
          applicationId: skill('fridge-chef').alexaApplicationId!,
          request: intentRequest('WhatCanICookIntent'),
          accessToken: token,
        }),
      )
    ).json()) as AlexaResponse;
    expect(body.response.card?.type).toBe('LinkAccount');
  });
});

describe('POST /alexa/:skillId — verification (no handler runs on failure)', () => {
  // A linked request reaches the consent policy as soon as a turn of an intent that reads context runs:
  // counting the policy's decisions shows none did.
  let gateRequests = 0;
  let v: Harness;
  beforeAll(async () => {
    v = await createHarness({
      consent: () => {
        gateRequests += 1;
        return [];
      },
    });
  });
  afterAll(() => v.close());

  const launch = (overrides: { timestamp?: Date; applicationId?: string } = {}) =>
    JSON.stringify(
      alexaEnvelope({
        applicationId:
          overrides.applicationId ?? v.demo.skills.find((s) => s.id === 'fridge-chef')!.alexaApplicationId!,
        request: intentRequest('WhatsInMyFridgeIntent'),
        accessToken: v.demo.households[0]!.alexaAccessToken,
        ...(overrides.timestamp ? { timestamp: overrides.timestamp } : {}),
      }),
    );

  async function expectRefused(response: Response, refusal: string) {
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: refusal });
    expect(gateRequests).toBe(0);
  }
  const post = (body: string, headers: Record<string, string>, skillId = 'fridge-chef') =>
    v.app.request(`/alexa/${skillId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });

  it('refuses an unsigned request', async () => {
    await expectRefused(await post(launch(), {}), 'signature_missing');
  });

  it('refuses a body changed after signing', async () => {
    const body = launch();
    const ca = await getAlexaTestCa();
    const tampered = body.replace('WhatsInMyFridgeIntent', 'WhatCanICookIntent');
    await expectRefused(await post(tampered, ca.signAlexaRequest(body)), 'signature_invalid');
  });

  it('refuses a request signed by an untrusted certificate', async () => {
    const body = launch();
    const ca = await getAlexaTestCa();
    await expectRefused(
      await post(body, ca.signAlexaRequest(body, { chain: 'untrustedRoot' })),
      'cert_untrusted',
    );
  });

  it('refuses a certificate chain URL off Amazon’s bucket', async () => {
    const body = launch();
    const ca = await getAlexaTestCa();
    const headers = ca.signAlexaRequest(body, { certUrl: 'https://s3.amazonaws.com/echo.api/../evil.pem' });
    await expectRefused(await post(body, headers), 'cert_url_invalid');
  });

  it('refuses a stale request (151 s old)', async () => {
    const body = launch({ timestamp: new Date(Date.now() - 151_000) });
    const ca = await getAlexaTestCa();
    await expectRefused(await post(body, ca.signAlexaRequest(body)), 'timestamp_stale');
  });

  it('refuses a request for another skill id', async () => {
    const body = launch({
      applicationId: v.demo.skills.find((s) => s.id === 'coffee-companion')!.alexaApplicationId!,
    });
    const ca = await getAlexaTestCa();
    await expectRefused(await post(body, ca.signAlexaRequest(body)), 'skill_id_mismatch');
  });

  it('refuses malformed bodies', async () => {
    const ca = await getAlexaTestCa();
    const notJson = '{"version":';
    expect((await post(notJson, ca.signAlexaRequest(notJson))).status).toBe(400);
    const notAlexa = `{"version":"1.0","request":{"timestamp":"${new Date().toISOString()}"}}`;
    await expectRefused(await post(notAlexa, ca.signAlexaRequest(notAlexa)), 'body_invalid');
  });

  it('fetches no certificate chain for a request that fails a cheap check', async () => {
    const ca = await getAlexaTestCa();
    let fetches = 0;
    const counted = await createHarness({
      consent: () => {
        gateRequests += 1;
        return [];
      },
      alexa: {
        verifySignature: true,
        verifier: createAlexaVerifier({
          ...ca.verifierOptions(),
          fetchCertChain: (url) => {
            fetches += 1;
            return ca.fetchCertChain(url);
          },
        }),
      },
    });
    try {
      const appId = counted.demo.skills.find((s) => s.id === 'fridge-chef')!.alexaApplicationId!;
      const body = (overrides: { timestamp?: Date; applicationId?: string } = {}) =>
        JSON.stringify(
          alexaEnvelope({
            applicationId: appId,
            request: intentRequest('WhatsInMyFridgeIntent'),
            ...overrides,
          }),
        );
      const postSigned = (text: string, skillId = 'fridge-chef') =>
        counted.app.request(`/alexa/${skillId}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...ca.signAlexaRequest(text) },
          body: text,
        });
      const refusals: [string, string, string?][] = [
        ['{"version":', 'body_invalid'],
        [`{"version":"1.0","request":{"timestamp":"${new Date().toISOString()}"}}`, 'body_invalid'],
        [body({ applicationId: 'amzn1.ask.skill.someone-else' }), 'skill_id_mismatch'],
        [body({ timestamp: new Date(Date.now() - 151_000) }), 'timestamp_stale'],
        [body({ timestamp: new Date(Date.now() + 180_000) }), 'timestamp_stale'],
        [body(), 'unknown_skill', 'no-such-skill'],
      ];
      for (const [text, refusal, skillId] of refusals) {
        const response = await postSigned(text, skillId);
        expect(response.status).toBe(skillId ? 404 : 400);
        expect(await response.json()).toMatchObject({ error: refusal });
      }
      expect(fetches).toBe(0);
      expect(gateRequests).toBe(0);
      expect((await postSigned(body())).status).toBe(200);
      expect(fetches).toBe(1);
      gateRequests = 0;
    } finally {
      await counted.close();
    }
  });

  it('answers 404 for an unknown skill', async () => {
    const body = launch();
    const ca = await getAlexaTestCa();
    const response = await post(body, ca.signAlexaRequest(body), 'no-such-skill');
    expect(response.status).toBe(404);
    expect(gateRequests).toBe(0);
  });

  it('does run the handler for the same request properly signed (the counter can move)', async () => {
    const body = launch();
    const ca = await getAlexaTestCa();
    expect((await post(body, ca.signAlexaRequest(body))).status).toBe(200);
    expect(gateRequests).toBe(1);
    gateRequests = 0;
  });
});

describe('POST /alexa/:skillId — hostile slot values', () => {
  const hostile = [
    '<speak>&amp;</speak>',
    'Ben & Jerry\'s "best"',
    ']]><script>alert(1)</script>',
    'x'.repeat(10_000),
    '🍅🥑🧀',
    'морковь 胡萝卜 جزر',
  ];
  it.each(hostile.map((v) => [v.slice(0, 30), v]))(
    'keeps SSML and JSON valid for %j',
    async (_label, value) => {
      const response = await send(
        'fridge-chef',
        alexaEnvelope({
          applicationId: skill('fridge-chef').alexaApplicationId!,
          request: intentRequest('AddToShoppingListIntent', { ingredient: value }),
        }),
      );
      expect(response.status).toBe(200);
      const body = (await response.json()) as AlexaResponse;
      expectValidSsml(body.response.outputSpeech!.ssml);
      expect(JSON.stringify(body).length).toBeLessThan(24_000);
    },
  );
});

describe('ALEXA_VERIFY_SIGNATURE=false (local work only)', () => {
  it('accepts unsigned requests but still refuses another skill id', async () => {
    const local = await createHarness({ alexa: { verifySignature: false } });
    try {
      const app = local.demo.skills.find((s) => s.id === 'fridge-chef')!.alexaApplicationId!;
      const other = local.demo.skills.find((s) => s.id === 'coffee-companion')!.alexaApplicationId!;
      const ok = await local.app.request('/alexa/fridge-chef', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(alexaEnvelope({ applicationId: app, request: { type: 'LaunchRequest' } })),
      });
      expect(ok.status).toBe(200);
      const wrong = await local.app.request('/alexa/fridge-chef', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(alexaEnvelope({ applicationId: other, request: { type: 'LaunchRequest' } })),
      });
      expect(wrong.status).toBe(400);
    } finally {
      await local.close();
    }
  });
});

describe('POST /alexa/:skillId — odd but valid requests', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'answers an intent named %s with the fallback, not an apology',
    async (name) => {
      const response = await send(
        'fridge-chef',
        alexaEnvelope({
          applicationId: skill('fridge-chef').alexaApplicationId!,
          request: intentRequest(name),
        }),
      );
      expect(response.status).toBe(200);
      const body = (await response.json()) as AlexaResponse;
      expect(body.response.outputSpeech!.ssml).toBe(renderSsml(t('fridge-chef', 'en-US', 'fallback.speech')));
    },
  );

  it('answers a request that comes without a session (e.g. from a routine)', async () => {
    const envelope = alexaEnvelope({
      applicationId: skill('fridge-chef').alexaApplicationId!,
      request: intentRequest('AMAZON.HelpIntent'),
    }) as Record<string, unknown>;
    delete envelope.session;
    const response = await send('fridge-chef', envelope);
    expect(response.status).toBe(200);
    const body = (await response.json()) as AlexaResponse;
    expect(body.sessionAttributes).toBeUndefined();
    expect(body.response.outputSpeech!.ssml).toContain(t('fridge-chef', 'en-US', 'help.speech').slice(0, 15));
  });
});

describe('channel settings from the deployment configuration', () => {
  it('verifies against the configured Alexa application id, ahead of the store', async () => {
    const configured = await createHarness({
      skillChannels: { 'fridge-chef': { alexaApplicationId: 'amzn1.ask.skill.configured' } },
    });
    try {
      const ca = await getAlexaTestCa();
      const request = (applicationId: string) => {
        const body = JSON.stringify(alexaEnvelope({ applicationId, request: { type: 'LaunchRequest' } }));
        return configured.app.request('/alexa/fridge-chef', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...ca.signAlexaRequest(body) },
          body,
        });
      };
      expect((await request('amzn1.ask.skill.configured')).status).toBe(200);
      const seeded = configured.demo.skills.find((s) => s.id === 'fridge-chef')!.alexaApplicationId!;
      expect((await request(seeded)).status).toBe(400);
    } finally {
      await configured.close();
    }
  });
});

describe('POST /alexa/:skillId — client-held session attributes', () => {
  it('starts afresh from attributes nested too deep, never a 500', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 3000; i += 1) deep = [deep];
    const response = await send(
      'fridge-chef',
      alexaEnvelope({
        applicationId: skill('fridge-chef').alexaApplicationId!,
        request: intentRequest('AMAZON.HelpIntent'),
        attributes: { x: deep },
      }),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as AlexaResponse;
    expect(body.sessionAttributes).not.toHaveProperty('x');
  });
});
