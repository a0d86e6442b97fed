import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDefaultLanguage } from '../../../src/runtime/default-language.js';
import { createHarness, type Harness } from '../../support/app-harness.js';
import { DIALOGFLOW_SESSION, dialogflowWebhook } from '../../support/dialogflow-requests.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const SESSION = DIALOGFLOW_SESSION;
const skill = (id: string) => h.demo.skills.find((s) => s.id === id)!;

const webhookRequest = dialogflowWebhook;

type WebhookResponse = {
  fulfillmentText: string;
  fulfillmentMessages: { text?: { text: string[] } }[];
  payload: {
    google: {
      expectUserResponse: boolean;
      richResponse: { items: { simpleResponse: { textToSpeech: string } }[] };
    };
  };
  outputContexts: { name: string; lifespanCount: number; parameters: { state: string } }[];
};

async function post(
  skillId: string,
  body: unknown,
  headers: Record<string, string> = skill(skillId).dialogflowHeaders!,
) {
  return h.app.request(`/google/${skillId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('POST /google/:skillId (Dialogflow ES fulfillment)', () => {
  it('maps the welcome intent to the launch and answers with fulfillmentText and fulfillmentMessages', async () => {
    const response = await post('fridge-chef', webhookRequest({ intent: 'Launch', languageCode: 'fr' }));
    expect(response.status).toBe(200);
    const body = (await response.json()) as WebhookResponse;
    const expected = loadDefaultLanguage().translator('fridge-chef', 'fr-FR')('launch.speech');
    expect(body.fulfillmentText).toBe(expected);
    expect(body.fulfillmentMessages[0]?.text?.text[0]).toBe(expected);
    expect(body.payload.google.richResponse.items[0]?.simpleResponse.textToSpeech).toMatch(
      /^<speak>.*<\/speak>$/s,
    );
  });

  it('answers in the request language, Canadian French falling back to French', async () => {
    const response = await post(
      'coffee-companion',
      webhookRequest({ intent: 'HelpIntent', languageCode: 'fr-ca' }),
    );
    const body = (await response.json()) as WebhookResponse;
    expect(body.fulfillmentText).toBe(
      loadDefaultLanguage().translator('coffee-companion', 'fr-CA')('help.speech'),
    );
  });

  it('receives custom entity values as stable ids and says them in the language of the turn', async () => {
    const response = await post(
      'fridge-chef',
      webhookRequest({
        intent: 'AddToShoppingListIntent',
        languageCode: 'en-gb',
        parameters: { ingredient: 'zucchini' },
      }),
    );
    const body = (await response.json()) as WebhookResponse;
    expect(body.fulfillmentText).toMatch(/courgette/i);
  });

  it('keeps session state in an output context across turns', async () => {
    const first = (await (
      await post('fridge-chef', webhookRequest({ intent: 'AddToShoppingListIntent', languageCode: 'de' }))
    ).json()) as WebhookResponse;
    const context = first.outputContexts[0]!;
    expect(context.name).toBe(`${SESSION}/contexts/hearth-session`);
    const state = JSON.parse(context.parameters.state) as Record<string, unknown>;
    expect(state).toHaveProperty('_elicit');
    const second = (await (
      await post(
        'fridge-chef',
        webhookRequest({
          intent: 'AddToShoppingListIntent',
          languageCode: 'de',
          parameters: { ingredient: 'egg' },
          state,
        }),
      )
    ).json()) as WebhookResponse;
    expect(JSON.parse(second.outputContexts[0]!.parameters.state)).not.toHaveProperty('_elicit');
  });

  it('ends the conversation on Stop', async () => {
    const body = (await (
      await post('fridge-chef', webhookRequest({ intent: 'StopIntent' }))
    ).json()) as WebhookResponse;
    expect(body.payload.google.expectUserResponse).toBe(false);
    expect(body.outputContexts[0]?.lifespanCount).toBe(0);
  });

  it.each(['constructor', '__proto__', 'toString'])(
    'answers an intent named %s with the fallback',
    async (name) => {
      const response = await post('fridge-chef', webhookRequest({ intent: name }));
      expect(response.status).toBe(200);
      const body = (await response.json()) as WebhookResponse;
      expect(body.fulfillmentText).toBe(
        loadDefaultLanguage().translator('fridge-chef', 'en-US')('fallback.speech'),
      );
    },
  );

  it('answers an unknown intent with the fallback', async () => {
    const body = (await (
      await post('fridge-chef', webhookRequest({ intent: 'SomethingElseIntent', languageCode: 'it' }))
    ).json()) as WebhookResponse;
    expect(body.fulfillmentText).toBe(
      loadDefaultLanguage().translator('fridge-chef', 'it-IT')('fallback.speech'),
    );
  });
});

describe('POST /google/:skillId — security and bad input', () => {
  it('refuses a request without the verification headers (403), running no handler', async () => {
    expect((await post('fridge-chef', webhookRequest({ intent: 'Launch' }), {})).status).toBe(403);
  });

  it('refuses wrong verification header values, and another skill’s headers', async () => {
    const [name] = Object.keys(skill('fridge-chef').dialogflowHeaders!);
    expect(
      (await post('fridge-chef', webhookRequest({ intent: 'Launch' }), { [name!]: 'wrong' })).status,
    ).toBe(403);
    expect(
      (
        await post(
          'fridge-chef',
          webhookRequest({ intent: 'Launch' }),
          skill('coffee-companion').dialogflowHeaders!,
        )
      ).status,
    ).toBe(403);
  });

  it('treats a forged payload token as anonymous, never as a household', async () => {
    const response = await post(
      'fridge-chef',
      webhookRequest({ intent: 'WhatsInMyFridgeIntent', accessToken: 'hth1.x.y' }),
    );
    expect(response.status).toBe(200);
  });

  it('checks the verification headers before reading the body', async () => {
    expect((await post('fridge-chef', '{"session":', {})).status).toBe(403);
    expect((await post('fridge-chef', { hello: 'world' }, {})).status).toBe(403);
  });

  it('refuses malformed JSON and non-Dialogflow bodies with 400', async () => {
    expect((await post('fridge-chef', '{"session":')).status).toBe(400);
    expect((await post('fridge-chef', { hello: 'world' })).status).toBe(400);
  });

  it('answers 404 for an unknown skill', async () => {
    expect((await post('nope', webhookRequest({ intent: 'Launch' }), {})).status).toBe(404);
  });

  it.each(['<b>&"\']]>', 'x'.repeat(10_000), '🍅 морковь 胡萝卜'])(
    'keeps JSON and SSML valid for hostile value %#',
    async (value) => {
      const response = await post(
        'fridge-chef',
        webhookRequest({ intent: 'AddToShoppingListIntent', parameters: { ingredient: value } }),
      );
      expect(response.status).toBe(200);
      const body = (await response.json()) as WebhookResponse;
      const ssml = body.payload.google.richResponse.items[0]!.simpleResponse.textToSpeech;
      expect(ssml.slice(7, -8)).not.toMatch(/<|>/);
    },
  );
});

describe('POST /google/:skillId — the same normalisation as every channel', () => {
  const speech = async (body: unknown) =>
    ((await (await post('fridge-chef', body)).json()) as { fulfillmentText: string }).fulfillmentText;

  it.each(['constructor', '__proto__', 'toString'])(
    'answers an intent named %s with the fallback',
    async (name) => {
      expect(await speech(webhookRequest({ intent: name }))).toBe(
        await speech(webhookRequest({ intent: 'Default Fallback Intent' })),
      );
    },
  );

  it('cuts a slot value at 500 characters, as on Alexa and screens', async () => {
    const text = await speech(
      webhookRequest({ intent: 'AddToShoppingListIntent', parameters: { ingredient: 'x'.repeat(2000) } }),
    );
    expect(text).toContain('x'.repeat(500));
    expect(text).not.toContain('x'.repeat(501));
  });
});

describe('POST /google/:skillId — client-held session state', () => {
  it('starts afresh from a session context nested too deep, never a 500', async () => {
    const deep = `${'['.repeat(5000)}1${']'.repeat(5000)}`;
    const body = webhookRequest({ intent: 'HelpIntent' });
    (body.queryResult as Record<string, unknown>).outputContexts = [
      { name: `${SESSION}/contexts/hearth-session`, parameters: { state: `{"x":${deep}}` } },
    ];
    const response = await post('fridge-chef', body);
    expect(response.status).toBe(200);
  });
});

describe('POST /google/:skillId — faults of ours', () => {
  it('are a logged 500 problem, not a 400 blaming the request', async () => {
    // The turn pipeline never throws (a failing read makes a turn non-personal), so the fault is the clock.
    const faulty = await createHarness({
      clock: () => {
        throw new Error('clock misconfigured');
      },
    });
    try {
      const response = await faulty.app.request('/google/fridge-chef', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...faulty.demo.skills.find((s) => s.id === 'fridge-chef')!.dialogflowHeaders!,
        },
        body: JSON.stringify(
          webhookRequest({
            intent: 'WhatsInMyFridgeIntent',
            accessToken: faulty.demo.households[0]!.linkTokens.dialogflow['fridge-chef'],
          }),
        ),
      });
      expect(response.status).toBe(500);
      expect(await response.json()).toMatchObject({ code: 'internal' });
    } finally {
      await faulty.close();
    }
  });
});
