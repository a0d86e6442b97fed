import { withDeadline } from '../../async/with-deadline.js';
import { readTurnHousehold } from '../../consent/read-turn-household.js';
import { type DeviceRecord, deviceRecordSchema } from '../../household/household-record.js';
import { paths } from '../../household/paths.js';
import { ProblemError } from '../../http/problem.js';
import { expectationOf, matcherFor } from '../../runtime/conversation.js';
import type { Locale } from '../../runtime/locales.js';
import { knownIntent } from '../../runtime/normalise-turn.js';
import { resolveSlots } from '../../runtime/resolve-slots.js';
import { type HouseholdRead, type HouseholdReadResult, runTurn } from '../../runtime/run-turn.js';
import { LAUNCH, ownIntent, type SkillDefinition } from '../../runtime/skill-definition.js';
import { parseSession, type SlotValue } from '../../runtime/turn.js';
import { type Understood, understoodOf } from '../../runtime/understood.js';
import { InvalidPathError } from '../../store/document-store.js';
import type { ChannelDeps } from '../channel-deps.js';
import { ownDeviceFrom, ownDevicePaths } from './own-device.js';
import { type ScreenReply, toScreenReply } from './screen-reply.js';

/** What this process last saw of a device: nothing personal, and enough to understand its next turn. */
export type DeviceFacts = Pick<DeviceRecord, 'kind' | 'skillId' | 'locale' | 'name'>;

/**
 * The facts with the device token generation last seen current (or, once a
 * token was seen revoked, the lowest generation that may still be): during a
 * store outage a token older than it was revoked before the outage and gets
 * the same 401 as when the store answers. Generations only grow.
 */
export type SeenDevice = DeviceFacts & { generation: number };

/** How long the first look at a device may take before a screen turn gives up on the store (503). */
export const SCREEN_LOOKUP_BUDGET_MS = 800;
const FACTS_MAX = 10_000;

/**
 * What one app has seen of each device (its skill, kind, language, name, token
 * generation), so that a screen turn reads the household, the device and the
 * intent's context in one round trip (the device's locale must be known to
 * understand typed text before the read), and so that during a store outage a
 * screen still gets a non-personal answer in its language, and a token revoked
 * before the outage does not. Bounded; the oldest entries go first.
 */
export function createDeviceFactsCache(max = FACTS_MAX) {
  const facts = new Map<string, SeenDevice>();
  return {
    get: (key: string) => facts.get(key),
    /** The device as a read just found it, with the generation that read found current. */
    remember(key: string, device: DeviceFacts, generation: number) {
      facts.delete(key);
      facts.set(key, {
        kind: device.kind,
        skillId: device.skillId,
        locale: device.locale,
        name: device.name,
        generation,
      });
      if (facts.size > max) facts.delete(facts.keys().next().value as string);
    },
    /** A read found `generation` revoked: nothing up to it is current any more. */
    revoked(key: string, generation: number) {
      const seen = facts.get(key);
      if (seen && seen.generation <= generation) seen.generation = generation + 1;
    },
  };
}
export type DeviceFactsCache = ReturnType<typeof createDeviceFactsCache>;

export type ScreenDeps = ChannelDeps & { devices: DeviceFactsCache };

/** Which device is asking, from its token. */
export type ScreenPrincipal = { householdId: string; deviceId: string; generation: number };

/** What a screen sends: a tapped action (`intent` with plain-string slots), typed text, or nothing (its home card). */
export type ScreenInput =
  | { intent: string; slots?: Record<string, string> }
  | { text: string }
  | { home: true };

/** A device this process has not seen: one read of the household and the device (404, 401 or 503 as it finds). */
async function firstLook(deps: ScreenDeps, principal: ScreenPrincipal): Promise<DeviceFacts> {
  const snaps = await withDeadline(
    deps.store.getAll(ownDevicePaths(principal)).catch((error: unknown) => {
      // A path the store refuses is no outage: nothing can exist there (404, from the error handler).
      if (error instanceof InvalidPathError) throw error;
      return undefined;
    }),
    SCREEN_LOOKUP_BUDGET_MS,
    () => undefined,
  );
  if (!snaps) throw new ProblemError('store_unavailable');
  const own = ownDeviceFrom(snaps, principal);
  if (!own) throw new ProblemError('not_found');
  return own.device;
}

/**
 * The intent and slots a screen's input stands for, understood in `locale`; for
 * typed text also what the matcher made of it, which the reply reports.
 */
function understand(
  deps: ScreenDeps,
  skill: SkillDefinition,
  locale: Locale,
  input: ScreenInput,
  session: unknown,
): { intent: string; slots: Record<string, SlotValue>; understood?: Understood } {
  if ('home' in input) return { intent: skill.screens?.homeIntent ?? LAUNCH, slots: {} };
  if ('text' in input) {
    const match = matcherFor(skill, locale, deps.turns.language).match(
      input.text,
      expectationOf(parseSession(session)),
    );
    return { intent: match.intent, slots: match.slots, understood: understoodOf(match) };
  }
  const intent = knownIntent(skill, input.intent);
  const defined = ownIntent(skill, intent)?.slots ?? {};
  // Slots the intent does not define are dropped rather than resolved.
  const wanted = Object.fromEntries(
    Object.entries(input.slots ?? {}).filter(([slot]) => Object.hasOwn(defined, slot)),
  );
  return { intent, slots: resolveSlots(skill, locale, intent, wanted, deps.turns.language) };
}

/**
 * One screen turn through the pipeline: the device token's household, its device
 * and the intent's context in one read; 401 when the token was revoked, 404 when
 * the device is gone or its skill is not served here.
 */
export async function answerScreenTurn(
  deps: ScreenDeps,
  principal: ScreenPrincipal,
  input: ScreenInput,
  { session = {}, locale: asked, requestId }: { session?: unknown; locale?: Locale; requestId?: string } = {},
): Promise<{ reply: ScreenReply; device: DeviceFacts }> {
  const startedAt = performance.now();
  const key = `${principal.householdId}/${principal.deviceId}`;
  let device: DeviceFacts | undefined = deps.devices.get(key);
  if (!device) {
    device = await firstLook(deps, principal);
    deps.devices.remember(key, device, principal.generation);
  }
  const skill = deps.skills.find(device.skillId);
  if (!skill) throw new ProblemError('not_found');
  const locale = asked ?? device.locale;
  const { intent, slots, understood } = understand(deps, skill, locale, input, session);

  const devicePath = paths.device(principal.householdId, principal.deviceId);
  let seen: DeviceRecord | undefined;
  const read: HouseholdRead = async (purposes, documents): Promise<HouseholdReadResult> => {
    const { result, also } = await readTurnHousehold(deps.store, deps.consent, {
      householdId: principal.householdId,
      brandId: skill.brandId,
      skillId: skill.id,
      purposes,
      ...(documents ? { documents } : {}),
      token: { kind: 'device', ...principal },
      alsoRead: [devicePath],
    });
    if (result.status !== 'ok') return result;
    const parsed = deviceRecordSchema.safeParse(also[0]?.data);
    if (!parsed.success) return { status: 'gone' };
    seen = parsed.data;
    return result;
  };

  const outcome = await runTurn(
    skill,
    {
      channel: 'screen',
      locale,
      device: { id: principal.deviceId, kind: device.kind },
      intent,
      slots,
      session,
      now: deps.clock(),
      household: read,
      ...(requestId ? { requestId } : {}),
      startedAt,
    },
    deps.turns,
  );
  if (outcome.household === 'revoked') {
    deps.devices.revoked(key, principal.generation);
    throw new ProblemError('token_revoked');
  }
  if (outcome.household === 'gone') throw new ProblemError('not_found');
  if (outcome.household === 'ok' && seen) {
    // A device renamed, moved to another language or (never, in practice) to another skill: the next turn uses it.
    deps.devices.remember(key, seen, principal.generation);
    device = seen;
  } else if (principal.generation < (deps.devices.get(key)?.generation ?? 0)) {
    // The store did not answer (or was not asked): a token this process already knew
    // to be revoked gets the 401 it would get from the store, not the non-personal answer.
    throw new ProblemError('token_revoked');
  }
  return { reply: toScreenReply(outcome.reply, understood), device };
}
