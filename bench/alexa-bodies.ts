import { alexaEnvelope, intentRequest } from '../test/support/alexa-requests.js';
import { alexaApplicationId, alexaLinkToken, type DemoJson, firstHousehold } from './demo-json.js';

/** The skill the Alexa throughput, latency and cold-start benchmarks talk to. */
export const BENCH_SKILL = 'fridge-chef';

/** The route of a skill's Alexa endpoint. */
export function alexaPath(skillId: string = BENCH_SKILL): string {
  return `/alexa/${skillId}`;
}

/**
 * An Alexa request body (JSON text) for the first demo household: its link token for the
 * skill, its Alexa user id, its locale, the skill's application id, and `request` (a
 * LaunchRequest or an IntentRequest from test/support/alexa-requests.ts).
 */
export function alexaBody(
  demo: DemoJson,
  request: Record<string, unknown>,
  skillId: string = BENCH_SKILL,
): string {
  const household = firstHousehold(demo);
  const envelope = alexaEnvelope({
    applicationId: alexaApplicationId(demo, skillId),
    locale: household.locale,
    accessToken: alexaLinkToken(household, skillId),
    request,
  });
  // One object serves as session.user and context.System.user: the demo's user id goes in both.
  envelope.context.System.user.userId = household.alexaUserId;
  return JSON.stringify(envelope);
}

/** "What can I cook?" for the first demo household: the turn the throughput and latency figures are about. */
export function cookBody(demo: DemoJson): string {
  return alexaBody(demo, intentRequest('WhatCanICookIntent'));
}

/**
 * "Any deals?" for the first demo household (it grants Frostline offers and measurement): the
 * offers engine in the turn, its guards and offer-log writes. The first two of a day are
 * shown (written before the reply), the rest stopped by Alexa's daily cap (written after it).
 */
export function dealsBody(demo: DemoJson): string {
  return alexaBody(demo, intentRequest('DealsIntent'));
}

/** Opening the skill (LaunchRequest) for the first demo household. */
export function launchBody(demo: DemoJson): string {
  return alexaBody(demo, { type: 'LaunchRequest' });
}

/** Whether an Alexa response body carries speech (`outputSpeech` with some SSML or text in it). */
export function hasSpeech(body: string): boolean {
  try {
    const parsed: unknown = JSON.parse(body);
    const speech =
      typeof parsed === 'object' && parsed !== null && 'response' in parsed
        ? (parsed.response as { outputSpeech?: { ssml?: unknown; text?: unknown } }).outputSpeech
        : undefined;
    const said = speech?.ssml ?? speech?.text;
    return typeof said === 'string' && said.replace(/<[^>]*>/g, '').trim().length > 0;
  } catch {
    return false;
  }
}

/**
 * Whether an Alexa reply asks the user to link their account: hearth still answers 200 with
 * speech when the link token does not verify, so only this tells a linked turn from one that
 * went the anonymous way.
 */
export function asksToLink(body: string): boolean {
  return body.includes('"type":"LinkAccount"');
}
