import { loadDefaultLanguage } from '../../src/runtime/default-language.js';
import { renderSsml } from '../../src/runtime/ssml.js';
import { alexaEnvelope, intentRequest } from './alexa-requests.js';
import { getAlexaTestCa } from './alexa-test-ca.js';
import type { Harness } from './app-harness.js';
import { dialogflowWebhook } from './dialogflow-requests.js';

/**
 * The platforms calling a test app as they do in production: Alexa with a signed
 * request (the test CA), Dialogflow with the skill's verification headers, Google Home
 * with a bearer token. Each answers what a test of account linking needs to see.
 */

/** An intent whose reply tells a personal turn from a non-personal one, per skill (with a granting policy). */
export const PERSONAL_INTENT = {
  'fridge-chef': { intent: 'WhatsInMyFridgeIntent', refusal: 'fridge.noAccess' },
  'coffee-companion': { intent: 'CapsuleStockIntent', refusal: 'stock.noAccess' },
} as const;
export type DemoSkillId = keyof typeof PERSONAL_INTENT;

const language = loadDefaultLanguage();
const refusal = (skillId: DemoSkillId) =>
  language.translator(skillId, 'en-US')(PERSONAL_INTENT[skillId].refusal);

/** Sends a signed Alexa request body to `/alexa/:skillId`. */
export async function postAlexa(h: Harness, skillId: string, body: unknown): Promise<Response> {
  const text = JSON.stringify(body);
  const ca = await getAlexaTestCa();
  return h.app.request(`/alexa/${skillId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...ca.signAlexaRequest(text) },
    body: text,
  });
}

/**
 * An Alexa turn of the skill's personal intent with `accessToken` (en-US): whether it was
 * answered as linked (personal speech, no LinkAccount card) or as unlinked (the
 * non-personal answer and a LinkAccount card). Anything in between fails.
 */
export async function alexaTurnIsLinked(
  h: Harness,
  skillId: DemoSkillId,
  accessToken: string | undefined,
  userId?: string,
): Promise<boolean> {
  const applicationId = h.demo.skills.find((s) => s.id === skillId)?.alexaApplicationId;
  if (!applicationId) throw new Error(`no Alexa application id for ${skillId}`);
  const response = await postAlexa(
    h,
    skillId,
    alexaEnvelope({
      applicationId,
      request: intentRequest(PERSONAL_INTENT[skillId].intent),
      ...(accessToken ? { accessToken } : {}),
      ...(userId ? { userId } : {}),
    }),
  );
  if (response.status !== 200) throw new Error(`Alexa answered ${response.status}`);
  const body = (await response.json()) as {
    response: { outputSpeech?: { ssml: string }; card?: { type: string } };
  };
  const nonPersonal = body.response.outputSpeech?.ssml === renderSsml(refusal(skillId));
  const linkCard = body.response.card?.type === 'LinkAccount';
  if (nonPersonal !== linkCard) throw new Error(`half linked: ${JSON.stringify(body.response)}`);
  return !linkCard;
}

/** A Dialogflow turn of the skill's personal intent with `accessToken` in the payload: whether it was personal. */
export async function dialogflowTurnIsPersonal(
  h: Harness,
  skillId: DemoSkillId,
  accessToken: string | undefined,
): Promise<boolean> {
  const headers = h.demo.skills.find((s) => s.id === skillId)?.dialogflowHeaders ?? {};
  const response = await h.app.request(`/google/${skillId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(
      dialogflowWebhook({ intent: PERSONAL_INTENT[skillId].intent, languageCode: 'en-US', accessToken }),
    ),
  });
  if (response.status !== 200) throw new Error(`Dialogflow fulfilment answered ${response.status}`);
  const { fulfillmentText } = (await response.json()) as { fulfillmentText: string };
  return fulfillmentText !== refusal(skillId);
}

/** A Google Home smart-home request of one intent (SYNC, DISCONNECT, …) with `token`. */
export async function googleHome(h: Harness, token: string | undefined, intent: string): Promise<Response> {
  return await h.app.request('/google/home', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ requestId: 'req-1', inputs: [{ intent }] }),
  });
}
