import { findSkill } from '../../../skills/index.js';
import {
  type DeviceKind,
  deviceRecordSchema,
  householdRecordSchema,
} from '../../household/household-record.js';
import { paths } from '../../household/paths.js';
import type { AppDeps } from '../../http/app-env.js';
import { expectationOf, matcherFor, resolveSlots } from '../../runtime/conversation.js';
import type { Locale } from '../../runtime/locales.js';
import {
  canonicalIntentName,
  isBuiltInIntent,
  LAUNCH,
  SESSION_ENDED,
  type SkillDefinition,
} from '../../runtime/skill-definition.js';
import { type SessionState, sessionStateSchema, type Turn, type TurnHousehold } from '../../runtime/turn.js';
import type { DocumentStore } from '../../store/document-store.js';
import { answerTurn } from '../answer-turn.js';
import { type ScreenReply, toScreenReply } from './screen-reply.js';

const FALLBACK_INTENT = 'AMAZON.FallbackIntent';

/** An appliance screen as a turn needs it: its skill, its language and its household. */
export type ScreenDevice = {
  id: string;
  kind: DeviceKind;
  name: string;
  locale: Locale;
  skill: SkillDefinition;
  household: TurnHousehold;
};

/** What a screen sends: a tapped action (`intent` with plain-string slots) or typed text. */
export type ScreenInput = { intent: string; slots?: Record<string, string> } | { text: string };

/**
 * The device and its household in one round trip; undefined when either is gone
 * (erased, removed) or the device's skill is not served here.
 */
export async function loadScreenDevice(
  store: DocumentStore,
  householdId: string,
  deviceId: string,
): Promise<ScreenDevice | undefined> {
  const [householdSnap, deviceSnap] = await store.getAll([
    paths.household(householdId),
    paths.device(householdId, deviceId),
  ]);
  const household = householdRecordSchema.safeParse(householdSnap?.data);
  const device = deviceRecordSchema.safeParse(deviceSnap?.data);
  if (!household.success || !device.success) return undefined;
  const skill = findSkill(device.data.skillId);
  if (!skill) return undefined;
  return {
    id: deviceId,
    kind: device.data.kind,
    name: device.data.name,
    locale: device.data.locale,
    skill,
    household: { id: householdId, locale: household.data.locale, timeZone: household.data.timeZone },
  };
}

/** Answers one screen turn through the channel pipeline (consent gate, deadline, apology); never throws for the skill. */
export async function answerScreenTurn(
  deps: Pick<AppDeps, 'consent' | 'logger' | 'clock'>,
  screen: ScreenDevice,
  input: ScreenInput,
  {
    session: sentSession = {},
    locale = screen.locale,
    requestId,
  }: { session?: Record<string, unknown>; locale?: Locale; requestId?: string } = {},
): Promise<ScreenReply> {
  // A body is JSON, so this only narrows the type; a mismatch (impossible from JSON) starts afresh.
  const parsed = sessionStateSchema.safeParse(sentSession);
  const session: SessionState = parsed.success ? parsed.data : {};
  const { intent, slots } =
    'text' in input
      ? matcherFor(screen.skill, locale).match(input.text, expectationOf(session))
      : understoodAction(screen.skill, locale, input);
  const turn: Turn = {
    channel: 'screen',
    skillId: screen.skill.id,
    locale,
    household: screen.household,
    device: { id: screen.id, kind: screen.kind },
    intent,
    slots,
    session,
    now: deps.clock(),
  };
  const reply = await answerTurn(deps, screen.skill, turn, requestId ? { requestId } : {});
  return toScreenReply(reply);
}

function understoodAction(
  skill: SkillDefinition,
  locale: Locale,
  { intent, slots = {} }: { intent: string; slots?: Record<string, string> },
) {
  // Screens send built-ins by their short names (`HelpIntent`), as card actions do.
  const canonical = canonicalIntentName(intent);
  // Only names the skill answers reach the runtime (never `constructor` and friends): the rest is a fallback.
  const known =
    Object.hasOwn(skill.intents, canonical) ||
    isBuiltInIntent(canonical) ||
    canonical === LAUNCH ||
    canonical === SESSION_ENDED;
  const name = known ? canonical : FALLBACK_INTENT;
  const defined = skill.intents[name]?.slots ?? {};
  // Slots the intent does not define are dropped rather than handed to its handler.
  const wanted = Object.fromEntries(Object.entries(slots).filter(([slot]) => Object.hasOwn(defined, slot)));
  return { intent: name, slots: resolveSlots(skill, locale, name, wanted) };
}
