/**
 * A demo household's voice turn through the app, for tests (bench code imports
 * alexa-requests.ts, which therefore stays free of vitest).
 */
import { expect } from 'vitest';
import { alexaEnvelope, intentRequest, postSignedAlexa } from './alexa-requests.js';

/** A demo household as demo.json names it for Alexa: its locale, Alexa user id and link token. */
type AlexaHousehold = { locale: string; alexaUserId: string; alexaAccessToken?: string };

/**
 * What Alexa says (the reply's SSML, '' when silent) to `intent` of `skillId` for a demo
 * household, and the session attributes it hands back: its linked account, a request signed as
 * Amazon signs it (with the session's `attributes` of the previous reply, if any), through
 * `app`. Fails the test unless the answer is 200.
 */
export async function demoAlexaTurn(
  app: { request: (path: string, init: RequestInit) => Response | Promise<Response> },
  demo: { skills: readonly { id: string; alexaApplicationId?: string }[] },
  household: AlexaHousehold,
  { skillId, intent, attributes }: { skillId: string; intent: string; attributes?: Record<string, unknown> },
): Promise<{ ssml: string; attributes: Record<string, unknown> }> {
  const applicationId = demo.skills.find((s) => s.id === skillId)?.alexaApplicationId ?? '';
  const response = await postSignedAlexa(
    app,
    skillId,
    alexaEnvelope({
      applicationId,
      locale: household.locale,
      userId: household.alexaUserId,
      request: intentRequest(intent),
      ...(household.alexaAccessToken ? { accessToken: household.alexaAccessToken } : {}),
      ...(attributes ? { attributes } : {}),
    }),
  );
  expect(response.status).toBe(200);
  const body = (await response.json()) as {
    response: { outputSpeech?: { ssml: string } };
    sessionAttributes?: Record<string, unknown>;
  };
  return { ssml: body.response.outputSpeech?.ssml ?? '', attributes: body.sessionAttributes ?? {} };
}

/** What Alexa says to `intent` of `skillId` for a demo household (see demoAlexaTurn). */
export async function demoAlexaSpeech(
  app: { request: (path: string, init: RequestInit) => Response | Promise<Response> },
  demo: { skills: readonly { id: string; alexaApplicationId?: string }[] },
  household: AlexaHousehold,
  turn: { skillId: string; intent: string },
): Promise<string> {
  return (await demoAlexaTurn(app, demo, household, turn)).ssml;
}
