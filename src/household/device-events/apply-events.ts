import type { ConsentGate, Purpose } from '../../runtime/consent-gate.js';
import { type Locale, resolveLocale } from '../../runtime/locales.js';
import type { DocData, DocSnapshot, DocumentStore, Transaction } from '../../store/document-store.js';
import { paths } from '../paths.js';
import { applyCapsuleMove, type Receipt } from './capsule-history.js';
import {
  addInventoryItem,
  foodOf,
  parseCapsules,
  parseInventoryItems,
  removeInventoryItem,
} from './context-updates.js';
import { DEFAULT_EVENT_QUOTA, type EventQuota, EventQuotaExceeded, takeFromQuota } from './event-quota.js';
import { eventPath, isLive, storedEventDoc } from './event-records.js';
import { expireAtFor } from './event-retention.js';
import {
  DEVICE_STATE_FIELDS,
  type DeviceEvent,
  type DeviceStateEvent,
  type EventResult,
  type EventStatus,
  eventTimeRefusal,
  PURPOSE_OF_EVENT,
  type RefusalReason,
} from './event-schema.js';
import type { IngredientLabels } from './ingredient-labels.js';
import { localDay } from './local-day.js';

/**
 * Raw events per transaction: each writes its document, plus at most the inventory,
 * consumption and device documents, which keeps a commit under Firestore's 500 writes.
 */
export const EVENTS_PER_TRANSACTION = 400;

export type { EventResult };

/** What became of one event in its transaction. */
type Outcome = { status: EventStatus; reason?: RefusalReason };

export interface ApplyDeviceEventsInput {
  store: DocumentStore;
  householdId: string;
  deviceId: string;
  /** The gate of the device's household and brand: it alone says whether a personal event may be kept. */
  gate: ConsentGate;
  /**
   * The same decision, made again inside each transaction from the household document read there:
   * a withdrawal committed between the gate's read and this commit is honoured (Firestore retries the
   * transaction when the household document changes under it). Absent: the gate's answer stands.
   */
  grantedAtCommit?: (householdData: unknown) => readonly Purpose[];
  events: readonly DeviceEvent[];
  /** Receipt time on the domain clock; `expireAt` counts from it and no event time is later. */
  now: Date;
  /**
   * The vocabulary's reading of the appliance's labels of food, in the household's locale:
   * a lot is kept under the ingredient id its label names, or as unknown with its label.
   */
  ingredientLabels: IngredientLabels;
  retentionMs?: number;
  /** Raw events the device may have kept; over it the whole batch is refused (EventQuotaExceeded). */
  quota?: EventQuota;
  /** The quota's clock: real time, never a demo's pinned domain clock (which would never refill). */
  wallNow?: Date;
}

/**
 * Applies a validated batch of a device's events and answers per event: `duplicate`
 * for an eventId already kept (or repeated in the batch), `discarded` when the purpose
 * it serves is not granted or the device is gone (nothing of it is kept), else
 * `refused` with a reason when it is well-formed but implausible (dated more than 7 days
 * before its receipt or more than 5 minutes after it, a brew of capsules that were not
 * there, an absurd count: nothing of it is kept), else `accepted`. An accepted personal event is kept raw with its `expireAt` and updates the
 * context documents in the same transaction, so a retry never counts an event twice.
 * Food is kept under the ingredient id its label names in the household's locale, or,
 * when the vocabulary knows no such food, as unknown with the label as sent.
 * `device.state` is coalesced into the device document (the latest reading wins; no raw
 * document). Throws EventQuotaExceeded, having kept nothing, when the new raw events of
 * the batch do not fit the device's quota.
 */
export async function applyDeviceEvents(input: ApplyDeviceEventsInput): Promise<EventResult[]> {
  const { store, gate, events } = input;
  const statuses = new Map<number, Outcome>();

  const asked = [...new Set(events.map((e) => PURPOSE_OF_EVENT[e.type]))].filter(
    (p): p is Purpose => p !== null,
  );
  // Only what was both asked for and granted counts: a gate that over-answers grants nothing more.
  const granted = new Set(
    asked.length > 0 ? (await gate.read(asked)).granted.filter((p) => asked.includes(p)) : [],
  );

  const seen = new Set<string>();
  const kept: number[] = [];
  const states: number[] = [];
  for (const [index, event] of events.entries()) {
    const purpose = PURPOSE_OF_EVENT[event.type];
    if (seen.has(event.eventId)) statuses.set(index, { status: 'duplicate' });
    else if (purpose !== null && !granted.has(purpose)) statuses.set(index, { status: 'discarded' });
    else (event.type === 'device.state' ? states : kept).push(index);
    seen.add(event.eventId);
  }

  const chunks: number[][] = [];
  for (let start = 0; start < kept.length; start += EVENTS_PER_TRANSACTION) {
    chunks.push(kept.slice(start, start + EVENTS_PER_TRANSACTION));
  }
  if (chunks.length === 0 && states.length > 0) chunks.push([]);
  for (const [c, chunk] of chunks.entries()) {
    // The first transaction takes the whole batch's share of the quota and the state, so a
    // refusal keeps nothing; later ones (batches of more than EVENTS_PER_TRANSACTION) only write.
    const first =
      c === 0
        ? {
            states: states.map((index) => events[index] as DeviceStateEvent),
            laterKept: chunks.slice(1).flatMap((later) => later.map((index) => events[index]!)),
          }
        : undefined;
    const chunkEvents = chunk.map((index) => events[index]!);
    const result = await store.runTransaction((tx) => applyInTransaction(tx, input, chunkEvents, first));
    for (const [k, index] of chunk.entries()) statuses.set(index, result.kept[k]!);
    if (first) for (const index of states) statuses.set(index, { status: result.state });
  }

  return events.map((event, index) => ({
    eventId: event.eventId,
    ...(statuses.get(index) ?? { status: 'discarded' }),
  }));
}

/** What the first transaction of a batch also does: the quota for the whole batch, and the state. */
interface FirstOfBatch {
  states: readonly DeviceStateEvent[];
  /** The batch's raw events that later transactions write: counted against the quota now. */
  laterKept: readonly DeviceEvent[];
}

/** One transaction over a chunk of raw events: every read first, then every write (Firestore's rule). */
async function applyInTransaction(
  tx: Transaction,
  input: ApplyDeviceEventsInput,
  events: readonly DeviceEvent[],
  first: FirstOfBatch | undefined,
): Promise<{ kept: Outcome[]; state: EventStatus }> {
  const { householdId, deviceId, now, retentionMs } = input;
  const nowIso = now.toISOString();
  const wallNow = input.wallNow ?? new Date();
  // Refused for its time before anything is read: it costs no quota and changes nothing.
  const lateOrEarly = (e: DeviceEvent) =>
    PURPOSE_OF_EVENT[e.type] === null ? undefined : eventTimeRefusal(e.at, now, wallNow);
  const expireAt = expireAtFor(now, retentionMs);
  const devicePath = paths.device(householdId, deviceId);
  const inventoryPath = paths.context(householdId, 'inventory');
  const consumptionPath = paths.context(householdId, 'consumption');
  const eventPaths = events.map((e) => eventPath(householdId, deviceId, e.eventId));
  const laterPaths = (first?.laterKept ?? []).map((e) => eventPath(householdId, deviceId, e.eventId));

  const uses = (purpose: Purpose) => events.some((e) => PURPOSE_OF_EVENT[e.type] === purpose);
  const contextPaths = [
    ...(uses('inventory') ? [inventoryPath] : []),
    ...(uses('consumption') ? [consumptionPath] : []),
  ];
  const householdPath = paths.household(householdId);
  const snaps = await tx.getAll([devicePath, ...eventPaths, ...laterPaths, ...contextPaths, householdPath]);
  const device = snaps[0];
  const stillGranted = input.grantedAtCommit?.(snaps.at(-1)?.data);
  const eventSnaps = snaps.slice(1, 1 + events.length);
  const laterSnaps = snaps.slice(1 + events.length, 1 + events.length + laterPaths.length);
  const byPath = new Map<string, DocSnapshot>(snaps.map((s) => [s.path, s]));

  // A device removed since its token was checked: keep nothing for it.
  if (!device?.exists) return { kept: events.map(() => ({ status: 'discarded' })), state: 'discarded' };

  const fresh = eventSnaps.map((snap) => !isLive(snap?.data, nowIso));
  const timeRefusals = events.map(lateOrEarly);
  const devicePatch: DocData = {};
  if (first) {
    const later = first.laterKept;
    const count =
      fresh.filter((isFresh, k) => isFresh && !timeRefusals[k]).length +
      laterSnaps.filter((snap, k) => !isLive(snap.data, nowIso) && !lateOrEarly(later[k]!)).length;
    if (count > 0) {
      const decision = takeFromQuota(
        device.data?.eventQuota,
        input.quota ?? DEFAULT_EVENT_QUOTA,
        count,
        input.wallNow ?? new Date(),
      );
      if (!decision.ok) throw new EventQuotaExceeded(decision.retryAfterSeconds);
      devicePatch.eventQuota = decision.next;
    }
    const state = mergedState(device.data, first.states, nowIso);
    if (state) devicePatch.state = state;
  }

  // The gate granted these purposes a moment ago; the documents are read here, inside the
  // transaction, because the update must be computed from what is stored at commit time.
  let items = parseInventoryItems(byPath.get(inventoryPath)?.data);
  const consumptionData = byPath.get(consumptionPath)?.data;
  let capsules = parseCapsules(consumptionData);
  let inventoryChanged = false;
  let consumptionChanged = false;
  const timeZone = householdTimeZone(snaps.at(-1)?.data);
  const locale = householdLocale(snaps.at(-1)?.data);
  const { normalise, fold } = input.ingredientLabels;
  const receipt: Receipt = { day: localDay(now, timeZone), at: nowIso };

  const kept = events.map((event, k): Outcome => {
    if (!fresh[k]) return { status: 'duplicate' };
    const purpose = PURPOSE_OF_EVENT[event.type];
    if (stillGranted && purpose !== null && !stillGranted.includes(purpose)) return { status: 'discarded' };
    const timeRefusal = timeRefusals[k];
    if (timeRefusal) return { status: 'refused', reason: timeRefusal };
    switch (event.type) {
      case 'inventory.item_added':
        items = addInventoryItem(items, foodOf(normalise(event.ingredient, locale)), event, fold);
        inventoryChanged = true;
        break;
      case 'inventory.item_removed':
        items = removeInventoryItem(
          items,
          {
            food: foodOf(normalise(event.ingredient, locale)),
            label: event.ingredient,
            quantity: event.quantity,
          },
          fold,
        );
        inventoryChanged = true;
        break;
      case 'capsule.brewed':
      case 'capsule.delivered': {
        const at = clampedAt(event.at, nowIso);
        const kind = event.type === 'capsule.brewed' ? 'brewed' : 'delivered';
        const move = { kind, count: event.count, day: localDay(at, timeZone), at } as const;
        const applied = applyCapsuleMove(capsules, event.variety, move, receipt);
        if (!applied.ok) return { status: 'refused', reason: applied.reason };
        capsules = applied.capsules;
        consumptionChanged = true;
        break;
      }
      case 'device.state':
        // Never here: state is coalesced into the device document by the first transaction.
        return { status: 'discarded' };
    }
    tx.set(eventPaths[k]!, storedEventDoc(deviceId, event, PURPOSE_OF_EVENT[event.type], nowIso, expireAt));
    return { status: 'accepted' };
  });

  if (inventoryChanged) tx.merge(inventoryPath, { items, updatedAt: nowIso });
  // Replaced, not merged: a merge would keep the days folded into the baseline.
  if (consumptionChanged) tx.set(consumptionPath, { ...consumptionData, capsules, updatedAt: nowIso });
  if (Object.keys(devicePatch).length > 0) tx.merge(devicePath, devicePatch);
  return { kept, state: 'accepted' };
}

/** An event's time as the domain believes it: never later than its receipt (a device clock ahead). */
const clampedAt = (at: string, nowIso: string) => (at > nowIso ? nowIso : at);

/** The household's time zone as stored (capsule days are its days); UTC when it has none. */
function householdTimeZone(data: DocData | undefined): string {
  return typeof data?.timeZone === 'string' ? data.timeZone : 'UTC';
}

/** The household's locale as stored (its fridge's labels are in its language); en-US when it has none. */
function householdLocale(data: DocData | undefined): Locale {
  return resolveLocale(typeof data?.locale === 'string' ? data.locale : undefined);
}

/**
 * The device state fields to merge: reports applied in time order, skipping any older
 * than what is stored, so a late retry never overwrites a newer reading. Times are
 * clamped to the receipt time: a report dated ahead counts as received now, so it can
 * neither freeze later reports nor keep the device fresh (online) beyond its real age.
 */
function mergedState(
  deviceData: DocData | undefined,
  events: readonly DeviceStateEvent[],
  nowIso: string,
): DocData | undefined {
  const stored = deviceData?.state;
  const reportedAt =
    stored !== null &&
    typeof stored === 'object' &&
    !Array.isArray(stored) &&
    typeof stored.reportedAt === 'string'
      ? clampedAt(stored.reportedAt, nowIso)
      : '';
  const fresh = events
    .map((event) => ({ event, at: clampedAt(event.at, nowIso) }))
    .filter((e) => e.at >= reportedAt)
    .sort((a, b) => a.at.localeCompare(b.at) || a.event.at.localeCompare(b.event.at));
  const last = fresh.at(-1);
  if (!last) return undefined;
  const state: DocData = { reportedAt: last.at };
  for (const { event } of fresh) {
    for (const field of DEVICE_STATE_FIELDS) {
      const value = event[field];
      if (value !== undefined) state[field] = value;
    }
  }
  return state;
}
