import { findSkill } from '../../../skills/index.js';
import { withDeadline } from '../../async/with-deadline.js';
import type { DeviceKind } from '../../household/household-record.js';
import type { AppDeps } from '../../http/app-env.js';
import { ProblemError } from '../../http/problem.js';
import { expectationOf, matcherFor, resolveSlots } from '../../runtime/conversation.js';
import type { Locale } from '../../runtime/locales.js';
import {
  canonicalIntentName,
  isBuiltInIntent,
  LAUNCH,
  SESSION_ENDED,
  type SkillDefinition,
} from '../../runtime/skill-definition.js';
import { parseSession, type Turn, type TurnHousehold } from '../../runtime/turn.js';
import type { DocSnapshot, DocumentStore } from '../../store/document-store.js';
import { answerTurn } from '../answer-turn.js';
import { ownDeviceFrom, ownDevicePaths } from './own-device.js';
import { type ScreenReply, toScreenReply } from './screen-reply.js';

const FALLBACK_INTENT = 'AMAZON.FallbackIntent';

/** An appliance screen as a turn needs it: its skill, its language and its household. */
export type ScreenDevice = {
  id: string;
  kind: DeviceKind;
  name: string;
  locale: Locale;
  skill: SkillDefinition;
  /** Absent when the store did not answer in time: the turn is then non-personal. */
  household?: TurnHousehold;
};

/** How long the device lookup may take before a screen turn goes on without the store. */
export const SCREEN_LOOKUP_BUDGET_MS = 800;

/**
 * What this process last saw of each device (its skill, kind, language; nothing
 * personal), so that during a store outage a screen still gets a non-personal
 * answer in its language instead of an error. Bounded; oldest entries go first.
 */
const lastSeen = new Map<string, Omit<ScreenDevice, 'household'>>();
const LAST_SEEN_MAX = 10_000;

function remember(key: string, device: Omit<ScreenDevice, 'household'>): void {
  lastSeen.delete(key);
  lastSeen.set(key, device);
  if (lastSeen.size > LAST_SEEN_MAX) lastSeen.delete(lastSeen.keys().next().value as string);
}

/** What a screen sends: a tapped action (`intent` with plain-string slots) or typed text. */
export type ScreenInput = { intent: string; slots?: Record<string, string> } | { text: string };

/**
 * The device and its household in one round trip, which also checks the device
 * token's generation when one is given (401 when revoked); undefined when either
 * is gone (erased, removed) or the device's skill is not served here. When the
 * store does not answer within the budget: the device as last seen, without its
 * household (a non-personal turn), or a 503 if this process never saw it.
 */
export async function loadScreenDevice(
  store: DocumentStore,
  { householdId, deviceId, generation }: { householdId: string; deviceId: string; generation?: number },
): Promise<ScreenDevice | undefined> {
  const key = `${householdId}/${deviceId}`;
  const snaps = await withDeadline<DocSnapshot[] | undefined>(
    store.getAll(ownDevicePaths({ householdId, deviceId })).catch(() => undefined),
    SCREEN_LOOKUP_BUDGET_MS,
    () => undefined,
  );
  if (!snaps) {
    const seen = lastSeen.get(key);
    if (!seen) throw new ProblemError('store_unavailable');
    return seen;
  }
  const own = ownDeviceFrom(snaps, {
    householdId,
    deviceId,
    ...(generation !== undefined ? { generation } : {}),
  });
  if (!own) return undefined;
  const { household, device } = own;
  const skill = findSkill(device.skillId);
  if (!skill) return undefined;
  const facts = {
    id: deviceId,
    kind: device.kind,
    name: device.name,
    locale: device.locale,
    skill,
  };
  remember(key, facts);
  return {
    ...facts,
    household: { id: householdId, locale: household.locale, timeZone: household.timeZone },
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
  // The route already bounded the session; anything else a caller passes that is not session state starts afresh.
  const session = parseSession(sentSession);
  const { intent, slots } =
    'text' in input
      ? matcherFor(screen.skill, locale).match(input.text, expectationOf(session))
      : understoodAction(screen.skill, locale, input);
  const turn: Turn = {
    channel: 'screen',
    skillId: screen.skill.id,
    locale,
    ...(screen.household ? { household: screen.household } : {}),
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
