/** The session name of the Dialogflow requests the tests build. */
export const DIALOGFLOW_SESSION = 'projects/hearth-demo/agent/sessions/abc123';

/**
 * A Dialogflow ES webhook request as Google sends it: the matched intent, its parameters,
 * hearth's session context when `state` is given, and the linked account's token in the
 * payload (beside any other payload fields).
 */
export function dialogflowWebhook({
  intent,
  languageCode = 'en',
  parameters = {},
  accessToken,
  state,
  session = DIALOGFLOW_SESSION,
  payload = {},
}: {
  intent: string;
  languageCode?: string;
  parameters?: Record<string, unknown>;
  accessToken?: string | undefined;
  state?: unknown;
  session?: string;
  payload?: Record<string, unknown>;
}) {
  return {
    responseId: 'r-1',
    session,
    queryResult: {
      queryText: 'whatever was said',
      parameters,
      allRequiredParamsPresent: true,
      intent: { name: 'projects/hearth-demo/agent/intents/1', displayName: intent },
      languageCode,
      ...(state
        ? {
            outputContexts: [
              { name: `${session}/contexts/hearth-session`, parameters: { state: JSON.stringify(state) } },
            ],
          }
        : {}),
    },
    originalDetectIntentRequest: {
      source: 'DIALOGFLOW_CONSOLE',
      payload: accessToken ? { ...payload, accessToken } : payload,
    },
  };
}
