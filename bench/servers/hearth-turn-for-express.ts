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
import { linkedHousehold } from '../../src/channels/linked-household.js';
import { ledgerPolicy } from '../../src/consent/consent-policy.js';
import { createConsentRecorder } from '../../src/consent/store-consent-recorder.js';
import { createEffectWriter } from '../../src/household/effect-writer.js';
import { loadDefaultLanguage } from '../../src/runtime/default-language.js';
import { runTurn } from '../../src/runtime/run-turn.js';
import { openStore } from '../../src/store/open-store.js';
import { devNullLogger } from '../dev-null-logger.js';

/**
 * An ask-sdk request handler answering each Alexa request of `skillId` with hearth's turn:
 * envelope checked, the household's link token checked, and the turn run through hearth's
 * pipeline (`runTurn`: one read, the consent gate, the handler) and rendered, with deps built
 * as src/service.ts and src/app.ts build them (the SQLite store and the demo secret of `dataDir`,
 * the ledger's consent policy and consent recorder, an info logger to /dev/null).
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
  const logger = devNullLogger();
  const deps = { store, signer, consent: ledgerPolicy };
  const turns = {
    language: loadDefaultLanguage(),
    logger,
    effects: createEffectWriter({ store, logger }),
    consent: createConsentRecorder({ store, clock: () => new Date() }),
  };

  return async (input) => {
    const startedAt = performance.now();
    const envelope = alexaEnvelopeSchema.parse(input.requestEnvelope);
    const intent = intentOfRequest(envelope);
    if (!intent) return input.responseBuilder.getResponse();
    const linked = linkedHousehold(deps, skill, envelope.context.System.user?.accessToken, 'alexa');
    const raw = alexaTurn(envelope, { intent, now: new Date() });
    const outcome = await runTurn(
      skill,
      {
        ...raw,
        ...(linked.read ? { household: linked.read } : {}),
        ...(envelope.request.requestId ? { requestId: envelope.request.requestId } : {}),
        startedAt,
      },
      turns,
    );
    const { reply } = outcome;
    if (envelope.session) input.attributesManager.setSessionAttributes(reply.session);
    const apl = Boolean(envelope.context.System.device?.supportedInterfaces?.['Alexa.Presentation.APL']);
    const linkAccount = !linked.read || outcome.household === 'revoked' || outcome.household === 'gone';
    return renderAlexaResponse(input.responseBuilder, reply, { linkAccount, apl });
  };
}
