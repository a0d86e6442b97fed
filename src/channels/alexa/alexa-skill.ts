import { type Skill as CustomSkill, type HandlerInput, SkillBuilders } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import type { SkillDefinition } from '../../runtime/skill-definition.js';
import type { Reply } from '../../runtime/turn.js';
import type { AlexaEnvelope } from './alexa-envelope.js';
import { renderAlexaResponse } from './alexa-response.js';

/** What answering a turn gives the renderer: the reply, the intent it answered, and whether the account is linked. */
export interface AlexaAnswer {
  reply: Reply;
  intent: string;
  /** False when the request carried no usable link token (the reply then asks to link the account). */
  linked: boolean;
}

/** What the route hands each invocation: the envelope, and how to answer it. */
export interface AlexaInvocation {
  envelope: AlexaEnvelope;
  answer: () => Promise<AlexaAnswer>;
  /** Whether to hand a missing required slot to Alexa's dialog model (Dialog.Delegate). */
  delegate: boolean;
}

/** Intents that end or leave the conversation: no account-linking card on those. */
const QUIET_INTENTS = new Set([
  'SessionEnded',
  'AMAZON.StopIntent',
  'AMAZON.CancelIntent',
  'AMAZON.NavigateHomeIntent',
]);

/**
 * The ask-sdk skill for one hearth skill, built once: a single request handler
 * that runs the hearth turn and renders its Reply; the application id is
 * checked by ask-sdk itself (`withSkillId`) on top of the route's own check.
 */
export function buildAlexaSkill(skill: SkillDefinition, applicationId: string): CustomSkill {
  return SkillBuilders.custom()
    .addRequestHandlers({
      canHandle: () => true,
      handle: async (input: HandlerInput): Promise<Response> => {
        const call = input.context as AlexaInvocation;
        const { request } = input.requestEnvelope;
        // The intent as Alexa sent it (every field), for its dialog model to carry on with.
        if (call.delegate && request.type === 'IntentRequest') {
          return input.responseBuilder.addDelegateDirective(request.intent).getResponse();
        }
        const { reply, intent, linked } = await call.answer();
        if (intent === 'SessionEnded') return input.responseBuilder.getResponse();
        // Requests outside a session (e.g. from a routine) carry no session to keep state in.
        if (call.envelope.session) input.attributesManager.setSessionAttributes(reply.session);
        const apl = Boolean(
          call.envelope.context.System.device?.supportedInterfaces?.['Alexa.Presentation.APL'],
        );
        const linkAccount = !linked && !QUIET_INTENTS.has(intent);
        return renderAlexaResponse(input.responseBuilder, reply, { linkAccount, apl });
      },
    })
    .withSkillId(applicationId)
    .withCustomUserAgent(`hearth/${skill.id}`)
    .create();
}
