/**
 * The one place the Express comparison server reaches into hearth: an Alexa turn through
 * hearth's own runtime, against hearth's store. hearth's turn pipeline is being refactored;
 * when it has a single entry point, point this function at it and nothing else changes.
 */
import path from 'node:path';
import type { HandlerInput } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { findSkill } from '../../skills/index.js';
import { resolveSecret } from '../../src/auth/secret.js';
import { createTokenSigner } from '../../src/auth/token-signer.js';
import { alexaEnvelopeSchema } from '../../src/channels/alexa/alexa-envelope.js';
import { renderAlexaResponse } from '../../src/channels/alexa/alexa-response.js';
import { alexaTurn, intentOfRequest } from '../../src/channels/alexa/alexa-turn.js';
import { answerTurn } from '../../src/channels/answer-turn.js';
import { linkedHousehold } from '../../src/channels/linked-household.js';
import { grantNothing } from '../../src/consent/gate-factory.js';
import { openStore } from '../../src/store/open-store.js';
import { devNullLogger } from '../dev-null-logger.js';

/**
 * An ask-sdk request handler answering each Alexa request of `skillId` with hearth's turn:
 * envelope checked, household found by its link token, Turn built, answered through the
 * consent gate and rendered, with deps built as src/service.ts builds them (the SQLite store
 * and the demo secret of `dataDir`, `grantNothing`, an info logger to /dev/null).
 */
export async function hearthTurnForExpress({
  dataDir,
  skillId,
}: {
  dataDir: string;
  skillId: string;
}): Promise<(input: HandlerInput) => Promise<Response>> {
  const skill = findSkill(skillId);
  if (!skill) throw new Error(`no skill ${skillId}`);
  const signer = createTokenSigner({ secret: await resolveSecret({ dataDir }) });
  const store = await openStore({ kind: 'sqlite', file: path.join(dataDir, 'hearth.db') });
  const deps = { store, signer, consent: grantNothing, logger: devNullLogger(), clock: () => new Date() };

  return async (input) => {
    const startedAt = performance.now();
    const envelope = alexaEnvelopeSchema.parse(input.requestEnvelope);
    const intent = intentOfRequest(envelope);
    if (!intent) return input.responseBuilder.getResponse();
    const linked = await linkedHousehold(deps, envelope.context.System.user?.accessToken, 'alexa');
    const turn = alexaTurn(envelope, {
      skillId,
      intent,
      ...(linked.household ? { household: linked.household } : {}),
      now: deps.clock(),
    });
    const reply = await answerTurn(deps, skill, turn, {
      startedAt,
      ...(envelope.request.requestId ? { requestId: envelope.request.requestId } : {}),
    });
    if (envelope.session) input.attributesManager.setSessionAttributes(reply.session);
    const apl = Boolean(envelope.context.System.device?.supportedInterfaces?.['Alexa.Presentation.APL']);
    const linkAccount = !(linked.household || linked.unavailable);
    return renderAlexaResponse(input.responseBuilder, reply, { linkAccount, apl });
  };
}
