/**
 * Fuzzing of the platform routes (Alexa, Dialogflow, Google Home smart home) in process,
 * on a real SQLite file seeded with the demo: hostile bodies (mostly valid requests with
 * a few edits, so that they get past the first check), content types, headers and
 * tokens. Every answer must be safe (test/support/fuzz-expect.ts) and the service must
 * still answer normal requests afterwards. fast-check prints the seed of a failure.
 */
import { fc, test } from '@fast-check/vitest';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { alexaEnvelope, intentRequest } from '../support/alexa-requests.js';
import { getAlexaTestCa } from '../support/alexa-test-ca.js';
import { createHarness } from '../support/app-harness.js';
import { dialogflowWebhook } from '../support/dialogflow-requests.js';
import {
  expectSafeAnswer,
  type FuzzRequest,
  statusTally,
  toRequest,
  watchEscapes,
} from '../support/fuzz-expect.js';
import {
  badAuthorization,
  contentType,
  extraHeaders,
  type FuzzBody,
  headerValue,
  hostileBody,
  hostileString,
  pathSegment,
} from '../support/fuzz-inputs.js';
import { grantingPolicy } from '../support/granting-gate.js';

const h = await createHarness({ consent: grantingPolicy() });
const ca = await getAlexaTestCa();
/** The same app with signature checks off, so that hostile envelopes reach the schema and ask-sdk. */
const unverified = createApp({ ...h.deps, alexa: { verifySignature: false } });
const escapes = watchEscapes();
const seen = statusTally();
/** Sends a fuzzed request to `app`, records its status under `property` and checks the answer. */
async function send(property: string, request: FuzzRequest, app = h.app): Promise<Response> {
  const response = await app.request(toRequest(request));
  seen.add(property, response.status);
  await expectSafeAnswer(request, response.clone());
  return response;
}
afterAll(async () => {
  escapes.stop();
  await h.close();
});

const skill = (id: string) => h.demo.skills.find((s) => s.id === id)!;
const households = h.demo.households;
const SKILL_IDS = h.demo.skills.map((s) => s.id);

// --- Alexa ---------------------------------------------------------------------------------

const ALEXA_FIELDS = [
  'version',
  'session',
  'context',
  'System',
  'application',
  'applicationId',
  'user',
  'accessToken',
  'request',
  'type',
  'intent',
  'name',
  'slots',
  'value',
  'resolutions',
  'locale',
  'timestamp',
  'attributes',
  'dialogState',
  'requestId',
];

function alexaExamples() {
  const examples: unknown[] = [];
  for (const [i, hh] of households.entries()) {
    for (const skillId of ['fridge-chef', 'coffee-companion']) {
      const base = { applicationId: skill(skillId).alexaApplicationId!, locale: hh.locale };
      examples.push(
        alexaEnvelope({ ...base, request: { type: 'LaunchRequest' }, accessToken: hh.alexaAccessToken! }),
      );
      if (i === 0) examples.push(alexaEnvelope({ ...base, request: { type: 'LaunchRequest' } }));
    }
    const chef = {
      applicationId: skill('fridge-chef').alexaApplicationId!,
      locale: hh.locale,
      accessToken: hh.alexaAccessToken!,
    };
    examples.push(
      alexaEnvelope({ ...chef, request: intentRequest('WhatCanICookIntent') }),
      alexaEnvelope({ ...chef, request: intentRequest('RecipeDetailsIntent', { recipe: 'omelette' }) }),
      alexaEnvelope({
        ...chef,
        request: intentRequest('AddToShoppingListIntent', { ingredient: 'milk' }, 'STARTED'),
      }),
      alexaEnvelope({ ...chef, request: intentRequest('AMAZON.YesIntent'), attributes: { _question: 'x' } }),
    );
    const coffee = {
      applicationId: skill('coffee-companion').alexaApplicationId!,
      locale: hh.locale,
      accessToken: hh.alexaAccessToken!,
    };
    examples.push(
      alexaEnvelope({
        ...coffee,
        request: intentRequest('ReorderIntent', { quantity: '2', variety: 'ristretto' }),
      }),
      alexaEnvelope({ ...coffee, request: intentRequest('CapsuleStockIntent') }),
      alexaEnvelope({ ...coffee, request: { type: 'SessionEndedRequest', reason: 'USER_INITIATED' } }),
    );
  }
  return examples;
}
const ALEXA_EXAMPLES = alexaExamples();

const alexaPath = fc.oneof(
  { arbitrary: fc.constantFrom(...SKILL_IDS), weight: 8 },
  { arbitrary: pathSegment(SKILL_IDS), weight: 1 },
);

function alexaRequest(
  skillId: string,
  body: FuzzBody,
  type: string | undefined,
  extra: [string, string][],
  signed: boolean,
): FuzzRequest {
  const headers: [string, string][] = type === undefined ? [] : [['content-type', type]];
  if (signed && typeof body.body === 'string')
    headers.push(...Object.entries(ca.signAlexaRequest(body.body)));
  return { method: 'POST', path: `/alexa/${skillId}`, headers: [...headers, ...extra], body: body.body };
}

describe('POST /alexa/:skillId', () => {
  it('starts afresh from session attributes nested 5,000 deep (ask-sdk copied them through JSON.stringify: a 500)', async () => {
    const hh = households[0]!;
    for (const request of [
      { type: 'LaunchRequest' },
      { type: 'SessionEndedRequest', reason: 'USER_INITIATED' },
    ]) {
      const envelope = alexaEnvelope({
        applicationId: skill('coffee-companion').alexaApplicationId!,
        locale: hh.locale,
        request,
        accessToken: hh.alexaAccessToken!,
        attributes: { deep: 0 },
      });
      const text = JSON.stringify(envelope).replace(
        '"deep":0',
        `"deep":${'['.repeat(5_000)}${']'.repeat(5_000)}`,
      );
      const fuzzed: FuzzRequest = {
        method: 'POST',
        path: '/alexa/coffee-companion',
        headers: [['content-type', 'application/json']],
        body: text,
      };
      const response = await unverified.request(toRequest(fuzzed));
      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        version: string;
        sessionAttributes?: Record<string, unknown>;
      };
      expect(body.version).toBe('1.0');
      expect(body.sessionAttributes ?? {}).not.toHaveProperty('deep');
    }
  });

  test.prop([alexaPath, hostileBody(ALEXA_EXAMPLES, ALEXA_FIELDS), contentType, extraHeaders], {
    numRuns: 600,
  })('signed hostile envelopes are answered safely', async (skillId, body, type, extra) => {
    await send('alexa signed', alexaRequest(skillId, body, type, extra, true));
  });

  test.prop([alexaPath, hostileBody(ALEXA_EXAMPLES, ALEXA_FIELDS), contentType, extraHeaders], {
    numRuns: 700,
  })(
    'hostile envelopes reach the schema and ask-sdk (signature checks off) and are answered safely',
    async (skillId, body, type, extra) => {
      await send('alexa unverified', alexaRequest(skillId, body, type, extra, false), unverified);
    },
  );

  const certUrl = fc.oneof(
    fc.constant(ca.chainUrl()),
    fc.constantFrom(
      'https://s3.amazonaws.com/echo.api/../echo.api/echo-api-cert.pem',
      'https://s3.amazonaws.com/echo.api/%2e%2e/x.pem',
      'https://S3.AMAZONAWS.COM/echo.api/x.pem',
      'https://s3.amazonaws.com:443/echo.api/x.pem?x=1',
      'https://s3.amazonaws.com.evil.test/echo.api/x.pem',
      'http://s3.amazonaws.com/echo.api/x.pem',
      'https://s3.amazonaws.com/echo.api/x.pem#frag',
      'file:///etc/passwd',
      'https://127.0.0.1/echo.api/x.pem',
      'not a url',
      '',
    ),
    headerValue.map((v) => `https://s3.amazonaws.com/echo.api/${v}`),
    headerValue,
  );
  test.prop(
    [
      fc.constantFrom(...ALEXA_EXAMPLES),
      fc.option(certUrl, { nil: undefined }),
      fc.option(fc.oneof(headerValue, fc.base64String({ maxLength: 400 })), { nil: undefined }),
      fc.boolean(),
    ],
    { numRuns: 250 },
  )('forged signature headers are refused safely', async (envelope, url, signature, validSignature) => {
    const text = JSON.stringify(envelope);
    const signed = ca.signAlexaRequest(text);
    const headers: [string, string][] = [['content-type', 'application/json']];
    if (url !== undefined) headers.push(['signaturecertchainurl', url]);
    const sig = validSignature ? (signed['Signature-256'] ?? Object.values(signed)[1]!) : signature;
    if (sig !== undefined) headers.push(['signature-256', sig]);
    const request: FuzzRequest = { method: 'POST', path: '/alexa/fridge-chef', headers, body: text };
    const response = await send('alexa forged', request);
    if (url !== ca.chainUrl()) expect(response.status).toBe(400);
  });
});

// --- Dialogflow ------------------------------------------------------------------------------

const DIALOGFLOW_FIELDS = [
  'responseId',
  'session',
  'queryResult',
  'queryText',
  'parameters',
  'intent',
  'displayName',
  'languageCode',
  'outputContexts',
  'originalDetectIntentRequest',
  'payload',
  'accessToken',
  'user',
  'idToken',
  'state',
  'lifespanCount',
  'name',
];
const SESSION = 'projects/hearth-demo/agent/sessions/fuzz';

const webhook = (
  intent: string,
  languageCode: string,
  parameters: Record<string, unknown>,
  accessToken?: string,
  state?: unknown,
) =>
  dialogflowWebhook({
    intent,
    languageCode,
    parameters,
    accessToken,
    state,
    session: SESSION,
    payload: accessToken ? { user: { idToken: 'x' } } : {},
  });

const DIALOGFLOW_EXAMPLES = households.flatMap((hh) => {
  const lang = hh.locale.slice(0, 2);
  return [
    webhook('Launch', lang, {}, hh.googleHomeToken!),
    webhook('WhatCanICookIntent', lang, {}, hh.googleHomeToken!),
    webhook('RecipeDetailsIntent', lang, { recipe: 'omelette' }, hh.googleHomeToken!, { _question: 'x' }),
    webhook('ReorderIntent', hh.locale, { quantity: 2, variety: 'ristretto' }),
    webhook('Default Fallback Intent', lang, {}),
  ];
});
const dialogflowSkill = fc.oneof(
  {
    arbitrary: fc.constantFrom(...h.demo.skills.filter((s) => s.dialogflowHeaders).map((s) => s.id)),
    weight: 8,
  },
  { arbitrary: pathSegment(SKILL_IDS), weight: 1 },
);
const verification = (skillId: string): [string, string][] =>
  Object.entries(h.demo.skills.find((s) => s.id === skillId)?.dialogflowHeaders ?? {});

describe('POST /google/:skillId (Dialogflow)', () => {
  test.prop(
    [dialogflowSkill, hostileBody(DIALOGFLOW_EXAMPLES, DIALOGFLOW_FIELDS), contentType, extraHeaders],
    { numRuns: 600 },
  )(
    'hostile webhook requests with the verification headers are answered safely',
    async (skillId, body, type, extra) => {
      const headers: [string, string][] = [
        ...(type === undefined ? [] : [['content-type', type] as [string, string]]),
        ...verification(skillId),
        ...extra,
      ];
      await send('dialogflow', { method: 'POST', path: `/google/${skillId}`, headers, body: body.body });
    },
  );

  test.prop(
    [
      fc.constantFrom(...DIALOGFLOW_EXAMPLES),
      fc.array(
        fc.tuple(
          fc.constantFrom(
            'x-hearth-verification',
            'authorization',
            'X-Hearth-Verification',
            ...Object.keys(verification('fridge-chef')),
          ),
          headerValue,
        ),
        { maxLength: 3 },
      ),
      fc.boolean(),
    ],
    { numRuns: 200 },
  )('wrong, missing or doubled verification headers are refused safely', async (body, headers, withValid) => {
    const request: FuzzRequest = {
      method: 'POST',
      path: '/google/fridge-chef',
      headers: [
        ['content-type', 'application/json'],
        ...(withValid ? verification('fridge-chef') : []),
        ...headers,
      ],
      body: JSON.stringify(body),
    };
    await send('dialogflow headers', request);
  });
});

// --- Google Home smart home -------------------------------------------------------------------

const SMART_HOME_FIELDS = [
  'requestId',
  'inputs',
  'intent',
  'payload',
  'devices',
  'id',
  'customData',
  'commands',
  'execution',
  'command',
  'params',
  'on',
  'start',
  'cookingMode',
  'quantity',
  'unit',
  'temperature',
];
const REQUEST_ID = 'ff36a3cc-ec34-11e6-b1a0-64510650abcf';
const deviceIds = households.flatMap((hh) => hh.devices.map((d) => d.id));
const SMART_HOME_EXAMPLES = households.slice(0, 2).flatMap((hh) => {
  const [coffee, fridge] = hh.devices;
  const execute = (ids: string[], command: string, params: Record<string, unknown>) => ({
    requestId: REQUEST_ID,
    inputs: [
      {
        intent: 'action.devices.EXECUTE',
        payload: { commands: [{ devices: ids.map((id) => ({ id })), execution: [{ command, params }] }] },
      },
    ],
  });
  return [
    { requestId: REQUEST_ID, inputs: [{ intent: 'action.devices.SYNC' }] },
    {
      requestId: REQUEST_ID,
      inputs: [
        { intent: 'action.devices.QUERY', payload: { devices: hh.devices.map((d) => ({ id: d.id })) } },
      ],
    },
    execute([coffee!.id], 'action.devices.commands.OnOff', { on: true }),
    execute([coffee!.id], 'action.devices.commands.Cook', {
      start: true,
      cookingMode: 'BREW',
      quantity: 2,
      unit: 'CUPS',
    }),
    execute([fridge!.id, 'ghost'], 'action.devices.commands.SetTemperature', { temperature: 3 }),
    // No DISCONNECT: it unlinks the token's grant, and the fuzzing would run out of linked tokens
    // (test/linking/unlink.test.ts covers it).
  ];
});
const googleTokens = households.map((hh) => hh.googleHomeToken!);
const otherTokens = households.flatMap((hh) => [hh.alexaAccessToken!, hh.token, hh.devices[0]!.token]);

describe('POST /google/home (smart home)', () => {
  test.prop(
    [
      fc.constantFrom(...googleTokens),
      hostileBody(SMART_HOME_EXAMPLES, [...SMART_HOME_FIELDS, ...deviceIds]),
      contentType,
      extraHeaders,
    ],
    { numRuns: 600 },
  )(
    'hostile intent requests with a valid link token are answered safely',
    async (token, body, type, extra) => {
      const headers: [string, string][] = [
        ['authorization', `Bearer ${token}`],
        ...(type === undefined ? [] : [['content-type', type] as [string, string]]),
        ...extra,
      ];
      await send('smart home', { method: 'POST', path: '/google/home', headers, body: body.body });
    },
  );

  test.prop(
    [
      fc.oneof(
        badAuthorization(googleTokens),
        fc.constantFrom(...otherTokens).map((t) => `Bearer ${t}`),
      ),
      fc.constantFrom(...SMART_HOME_EXAMPLES),
    ],
    { numRuns: 250 },
  )('missing, forged and wrong-kind tokens get a 401 problem', async (authorization, body) => {
    const headers: [string, string][] = [
      ['content-type', 'application/json'],
      ...(authorization === undefined ? [] : [['authorization', authorization] as [string, string]]),
    ];
    const request: FuzzRequest = {
      method: 'POST',
      path: '/google/home',
      headers,
      body: JSON.stringify(body),
    };
    expect((await send('smart home tokens', request)).status).toBe(401);
  });
});

// --- afterwards -------------------------------------------------------------------------------

describe('after the fuzzing', () => {
  it('reached the handlers (some successes) and the refusals (some 4xx) of every route', () => {
    for (const property of ['alexa signed', 'alexa unverified', 'dialogflow', 'smart home']) {
      expect(
        seen.count(property, 200, 299),
        `${property}: ${JSON.stringify(seen.summary()[property])}`,
      ).toBeGreaterThan(20);
      expect(seen.count(property, 400, 499), property).toBeGreaterThan(20);
    }
  });

  it('still answers normal requests, and nothing escaped as an unhandled error', async () => {
    const hh = households[0]!;
    const launch = JSON.stringify(
      alexaEnvelope({
        applicationId: skill('fridge-chef').alexaApplicationId!,
        locale: hh.locale,
        request: { type: 'LaunchRequest' },
        accessToken: hh.alexaAccessToken!,
      }),
    );
    const alexa = await h.app.request('/alexa/fridge-chef', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...ca.signAlexaRequest(launch) },
      body: launch,
    });
    expect(alexa.status).toBe(200);
    expect(
      ((await alexa.json()) as { response: { outputSpeech?: unknown } }).response.outputSpeech,
    ).toBeDefined();
    const df = await h.app.request('/google/fridge-chef', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...Object.fromEntries(verification('fridge-chef')) },
      body: JSON.stringify(DIALOGFLOW_EXAMPLES[0]),
    });
    expect(df.status).toBe(200);
    const sync = await h.app.request('/google/home', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${hh.googleHomeToken!}` },
      body: JSON.stringify(SMART_HOME_EXAMPLES[0]),
    });
    expect(sync.status).toBe(200);
    expect((await h.app.request('/healthz')).status).toBe(200);
    expect(escapes.escaped()).toEqual([]);
  });

  it('uses strings with lone surrogates and NUL among its inputs (the generators are hostile)', () => {
    const sample = fc.sample(hostileString, { numRuns: 2_000, seed: 1 });
    expect(sample.some((s) => /[\ud800-\udbff](?![\udc00-\udfff])/.test(s))).toBe(true);
    expect(sample.some((s) => s.includes('\u0000'))).toBe(true);
  });
});
