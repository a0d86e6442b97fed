import { randomUUID } from 'node:crypto';
import { getAlexaTestCa } from './alexa-test-ca.js';

/** An Alexa request envelope as Amazon sends it, with only what a test varies. */
export function alexaEnvelope({
  applicationId,
  locale = 'en-US',
  request,
  accessToken,
  userId = 'amzn1.ask.account.TEST',
  attributes,
  apl = false,
  timestamp = new Date(),
}: {
  applicationId: string;
  locale?: string;
  request: Record<string, unknown>;
  accessToken?: string;
  /** `context.System.user.userId`: one per Amazon account and skill enablement. */
  userId?: string;
  attributes?: Record<string, unknown>;
  apl?: boolean;
  timestamp?: Date;
}) {
  const application = { applicationId };
  const user = { userId, ...(accessToken ? { accessToken } : {}) };
  return {
    version: '1.0',
    session: {
      new: !attributes,
      sessionId: `amzn1.echo-api.session.${randomUUID()}`,
      application,
      user,
      attributes: attributes ?? {},
    },
    context: {
      System: {
        application,
        user,
        device: {
          deviceId: 'amzn1.ask.device.TEST',
          supportedInterfaces: apl ? { 'Alexa.Presentation.APL': { runtime: { maxVersion: '2023.3' } } } : {},
        },
        apiEndpoint: 'https://api.amazonalexa.com',
      },
    },
    request: {
      requestId: `amzn1.echo-api.request.${randomUUID()}`,
      timestamp: timestamp.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      locale,
      ...request,
    },
  };
}

/** An IntentRequest body with slots given as `{ name: value }` or full Alexa slot objects. */
export function intentRequest(
  name: string,
  slots: Record<string, string | Record<string, unknown>> = {},
  dialogState?: string,
) {
  return {
    type: 'IntentRequest',
    ...(dialogState ? { dialogState } : {}),
    intent: {
      name,
      confirmationStatus: 'NONE',
      slots: Object.fromEntries(
        Object.entries(slots).map(([slot, value]) => [
          slot,
          typeof value === 'string'
            ? { name: slot, value, confirmationStatus: 'NONE' }
            : { name: slot, ...value },
        ]),
      ),
    },
  };
}

/** Posts an envelope to `/alexa/:skillId` signed as Amazon signs it (with the test CA). */
export async function postSignedAlexa(
  app: { request: (path: string, init: RequestInit) => Response | Promise<Response> },
  skillId: string,
  envelope: unknown,
): Promise<Response> {
  const body = JSON.stringify(envelope);
  const ca = await getAlexaTestCa();
  return app.request(`/alexa/${skillId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...ca.signAlexaRequest(body) },
    body,
  });
}

/**
 * A skill event as Amazon sends it to the skill's endpoint (no session, no locale):
 * `AlexaSkillEvent.SkillDisabled` names the user and carries their token only sometimes.
 */
export function skillEvent({
  applicationId,
  type,
  userId,
  accessToken,
  body,
  timestamp = new Date(),
}: {
  applicationId: string;
  type: string;
  userId: string;
  accessToken?: string;
  body?: Record<string, unknown>;
  timestamp?: Date;
}) {
  const at = timestamp.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    version: '1.0',
    context: {
      System: {
        application: { applicationId },
        user: { userId, ...(accessToken ? { accessToken } : {}) },
        apiEndpoint: 'https://api.amazonalexa.com',
      },
    },
    request: {
      type,
      requestId: `amzn1.echo-api.request.${randomUUID()}`,
      timestamp: at,
      eventCreationTime: at,
      eventPublishingTime: at,
      ...(body ? { body } : {}),
    },
  };
}
