import type { Reply } from '../../runtime/turn.js';
import { SESSION_CONTEXT } from './dialogflow-request.js';

/**
 * A Dialogflow ES webhook response. `fulfillmentText` and `fulfillmentMessages`
 * serve Dialogflow's own integrations (telephony, web, messaging), which read
 * nothing of the Google payload; the session state rides in an output context.
 */
export function dialogflowResponse(reply: Reply, session: string) {
  const messages: Record<string, unknown>[] = [{ text: { text: [reply.text] } }];
  if (reply.card) {
    messages.push({
      card: {
        title: reply.card.title,
        subtitle: reply.card.items
          .slice(0, 10)
          .map((i) => i.title)
          .join(', '),
        buttons: reply.card.actions.slice(0, 5).map((a) => ({ text: a.label, postback: a.label })),
      },
    });
  }
  if (reply.suggestions.length > 0) {
    messages.push({ quickReplies: { quickReplies: reply.suggestions.slice(0, 10) } });
  }
  return {
    fulfillmentText: reply.text,
    fulfillmentMessages: messages,
    payload: {
      google: {
        expectUserResponse: !reply.endSession,
        richResponse: { items: [{ simpleResponse: { textToSpeech: reply.ssml, displayText: reply.text } }] },
      },
    },
    outputContexts: [
      {
        name: `${session}/contexts/${SESSION_CONTEXT}`,
        lifespanCount: reply.endSession ? 0 : 5,
        parameters: { state: JSON.stringify(reply.session) },
      },
    ],
  };
}
