/**
 * Turns for the consent properties: random intents of both skills (with slot
 * values of their vocabulary, sometimes a required one left out), sent as a
 * screen turn or, for demo households, as a signed Alexa request through the
 * real HTTP app; the same turn run in process through the pipeline with the
 * real gate, for the purposes its reply says it used; and what a reply, a
 * log line and `used` may carry.
 */
import { Writable } from 'node:stream';
import { fc } from '@fast-check/vitest';
import { pino } from 'pino';
import { expect } from 'vitest';
import { SKILLS } from '../../skills/index.js';
import { ledgerPolicy } from '../../src/consent/consent-policy.js';
import { readTurnHousehold } from '../../src/consent/read-turn-household.js';
import { PURPOSES } from '../../src/runtime/consent-gate.js';
import { CONSENT_QUESTION_KEY } from '../../src/runtime/consent-recorder.js';
import { loadDefaultLanguage } from '../../src/runtime/default-language.js';
import { LOCALES, type Locale } from '../../src/runtime/locales.js';
import { knownIntent } from '../../src/runtime/normalise-turn.js';
import { resolveSlots } from '../../src/runtime/resolve-slots.js';
import { runTurn } from '../../src/runtime/run-turn.js';
import { BUILT_IN_INTENTS, declaredPurposes, LAUNCH } from '../../src/runtime/skill-definition.js';
import { valuesOfType } from '../../src/runtime/skill-model.js';
import { alexaEnvelope, intentRequest, postSignedAlexa } from './alexa-requests.js';
import type { Harness } from './app-harness.js';
import type { PropertyHousehold, PropertyScreen } from './consent-households.js';
import { type MarkedPurpose, marker, markersIn } from './consent-markers.js';
import type { ConsentModel } from './consent-model.js';

/** One turn as a property makes it. */
export type TurnCase = {
  skillId: string;
  intent: string;
  slots: Record<string, string>;
  /** Answer in this locale rather than the device's (screens only). */
  locale?: Locale;
  channel: 'screen' | 'alexa';
  /** When the reply asks for consent: the answer sent next, with its session. */
  answer: 'yes' | 'no';
};

const language = loadDefaultLanguage();

/** Slot values of a type: its vocabulary's ids, words it does not know, numbers. */
function slotValues(skillId: string, type: string): fc.Arbitrary<string> {
  if (type === 'AMAZON.NUMBER') return fc.constantFrom('1', '2', '6', '12', '0', '600');
  const skill = SKILLS.find((s) => s.id === skillId)!;
  const ids = valuesOfType(language.model(skill, 'en-US'), type).map((v) => v.id);
  return fc.oneof(
    { arbitrary: fc.constantFrom(...ids), weight: 8 },
    { arbitrary: fc.constant('dragonfruit'), weight: 1 },
  );
}

/** An intent of `skillId` (its own, the built-ins, the launch) with slots: each slot there most of the time. */
function intentOf(skillId: string): fc.Arbitrary<Pick<TurnCase, 'skillId' | 'intent' | 'slots'>> {
  const skill = SKILLS.find((s) => s.id === skillId)!;
  const own = Object.keys(skill.intents);
  return fc
    .oneof(
      { arbitrary: fc.constantFrom(...own), weight: 8 },
      { arbitrary: fc.constantFrom(...BUILT_IN_INTENTS, LAUNCH), weight: 1 },
    )
    .chain((intent) => {
      const slots = Object.entries(skill.intents[intent]?.slots ?? {});
      return fc
        .tuple(
          ...slots.map(([name, definition]) =>
            fc.option(
              slotValues(skillId, definition.type).map((value) => [name, value] as const),
              { freq: 5, nil: undefined },
            ),
          ),
        )
        .map((entries) => ({
          skillId,
          intent,
          slots: Object.fromEntries(entries.filter((e) => e !== undefined)),
        }));
    });
}

/** A turn of either skill, on a screen or (for households that linked Alexa) by voice. */
export const turnCase: fc.Arbitrary<TurnCase> = fc
  .record({
    intent: fc.oneof(...SKILLS.map((s) => intentOf(s.id))),
    locale: fc.option(fc.constantFrom(...LOCALES), { freq: 4, nil: undefined }),
    channel: fc.oneof(
      { arbitrary: fc.constant('screen' as const), weight: 3 },
      { arbitrary: fc.constant('alexa' as const), weight: 1 },
    ),
    answer: fc.constantFrom('yes' as const, 'no' as const),
  })
  .map(({ intent, locale, ...rest }) => ({ ...intent, ...rest, ...(locale ? { locale } : {}) }));

/** The screen of a household that serves a skill. */
export const screenOf = (hh: PropertyHousehold, skillId: string): PropertyScreen =>
  hh.screens.find((s) => s.skillId === skillId)!;

/** What a turn over HTTP answered: its status, the whole body as text, the session to send back. */
export type SentTurn = { status: number; text: string; session?: Record<string, unknown> };

/**
 * Sends `turn` to `hh` over HTTP: a screen turn with the device's token, or a
 * signed Alexa request with the household's link token when it has one.
 */
export async function sendTurn(
  h: Harness,
  hh: PropertyHousehold,
  turn: Pick<TurnCase, 'skillId' | 'intent' | 'slots' | 'locale' | 'channel'>,
  session?: Record<string, unknown>,
): Promise<SentTurn> {
  const alexa = turn.channel === 'alexa' ? hh.alexa?.[turn.skillId] : undefined;
  if (alexa) {
    const applicationId = h.demo.skills.find((s) => s.id === turn.skillId)!.alexaApplicationId!;
    const request =
      turn.intent === LAUNCH ? { type: 'LaunchRequest' } : intentRequest(turn.intent, turn.slots);
    const response = await postSignedAlexa(
      h.app,
      turn.skillId,
      alexaEnvelope({
        applicationId,
        locale: hh.locale,
        request,
        ...alexa,
        ...(session ? { attributes: session } : {}),
      }),
    );
    const text = await response.text();
    const body =
      response.status === 200 ? (JSON.parse(text) as { sessionAttributes?: Record<string, unknown> }) : {};
    return {
      status: response.status,
      text,
      ...(body.sessionAttributes ? { session: body.sessionAttributes } : {}),
    };
  }
  const screen = screenOf(hh, turn.skillId);
  const response = await h.app.request(`/v1/screens/${screen.deviceId}/turns`, {
    method: 'POST',
    headers: { authorization: `Bearer ${screen.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      intent: turn.intent,
      ...(Object.keys(turn.slots).length > 0 ? { slots: turn.slots } : {}),
      ...(turn.locale ? { locale: turn.locale } : {}),
      ...(session ? { session } : {}),
    }),
  });
  const text = await response.text();
  const body = response.status === 200 ? (JSON.parse(text) as { session?: Record<string, unknown> }) : {};
  return { status: response.status, text, ...(body.session ? { session: body.session } : {}) };
}

/** Whether a reply's session holds the consent question the pipeline asked. */
export const asksConsent = (session: Record<string, unknown> | undefined): boolean =>
  session !== undefined && Object.hasOwn(session, CONSENT_QUESTION_KEY);

/**
 * The turn in process, through the pipeline with the real gate over the one
 * read a screen makes (no recorder: nothing is asked or changed): answers the
 * reply, with the purposes it says it used.
 */
export async function pipelineTurn(h: Harness, hh: PropertyHousehold, turn: TurnCase, logger: pino.Logger) {
  const skill = h.deps.skills.find(turn.skillId)!;
  const screen = screenOf(hh, turn.skillId);
  const locale = turn.locale ?? hh.locale;
  const intent = knownIntent(skill, turn.intent);
  const { reply } = await runTurn(
    skill,
    {
      channel: 'screen',
      locale,
      intent,
      slots: resolveSlots(skill, locale, intent, turn.slots, h.deps.language),
      session: {},
      now: h.deps.clock(),
      household: async (purposes, documents) =>
        (
          await readTurnHousehold(h.store, ledgerPolicy, {
            householdId: hh.id,
            brandId: skill.brandId,
            skillId: skill.id,
            purposes,
            ...(documents ? { documents } : {}),
            token: {
              kind: 'device',
              householdId: hh.id,
              deviceId: screen.deviceId,
              generation: screen.generation,
            },
          })
        ).result,
    },
    { language: h.deps.language, logger },
  );
  return { reply, declared: declaredPurposes(skill, intent).consent };
}

/**
 * No marker in `text` but household `n`'s own, of purposes the model grants
 * to `brandId` now (a reply never carries another household's data, nor data
 * of a purpose not granted).
 */
export function expectOnlyGranted(
  text: string,
  n: number,
  model: ConsentModel,
  brandId: string,
  what: string,
) {
  const granted = model.grantedFor(brandId);
  for (const found of markersIn(text)) {
    expect(found.household, `${what} carries household ${found.household}'s ${found.purpose}`).toBe(n);
    expect(granted, `${what} carries ${found.purpose}, not granted to ${brandId}`).toContain(found.purpose);
  }
}

/** `used` names only purposes the intent declared and the household grants the skill's brand now. */
export function expectUsedGranted(
  used: readonly string[],
  declared: readonly string[],
  granted: readonly string[],
) {
  for (const purpose of used) {
    expect(declared).toContain(purpose);
    expect(granted).toContain(purpose);
  }
  expect(PURPOSES.filter((p) => used.includes(p))).toEqual(used);
}

/**
 * The marker a reply must show when its purpose is granted: the fridge's
 * contents list the fridge, the capsule stock lists the varieties, a reorder
 * without a variety proposes the usual one. Proves the markers reach replies,
 * so that their absence means something.
 */
export function markerShown(turn: TurnCase, model: ConsentModel, n: number): string | undefined {
  const shows: Record<string, MarkedPurpose> = {
    'fridge-chef/WhatsInMyFridgeIntent': 'inventory',
    'coffee-companion/CapsuleStockIntent': 'consumption',
  };
  const purpose =
    turn.skillId === 'coffee-companion' && turn.intent === 'ReorderIntent' && turn.slots.variety === undefined
      ? 'preferences'
      : shows[`${turn.skillId}/${turn.intent}`];
  const brandId = SKILLS.find((s) => s.id === turn.skillId)!.brandId;
  return purpose && model.isGranted(purpose, brandId) ? marker(purpose, n) : undefined;
}

/** A pino logger at its most talkative that keeps every line it writes. */
export function keptLogger(): { logger: pino.Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level: 'trace' }, stream), lines };
}
