import type { ConsentGate, Purpose } from '../../runtime/consent-gate.js';
import type { DocData, DocSnapshot, DocumentStore, Transaction } from '../../store/document-store.js';
import { paths } from '../paths.js';
import {
  addInventoryItem,
  adjustCapsuleStock,
  ownCapsuleStock,
  parseCapsules,
  parseInventoryItems,
  removeInventoryItem,
} from './context-updates.js';
import { eventPath, isLive, storedEventDoc } from './event-records.js';
import { expireAtFor } from './event-retention.js';
import {
  DEVICE_STATE_FIELDS,
  type DeviceEvent,
  type DeviceStateEvent,
  type EventStatus,
  PURPOSE_OF_EVENT,
} from './event-schema.js';

/**
 * Events per transaction: each writes its raw document, plus at most the inventory,
 * consumption and device documents, which keeps a commit under Firestore's 500 writes.
 */
export const EVENTS_PER_TRANSACTION = 400;

export interface EventResult {
  eventId: string;
  status: EventStatus;
}

export interface ApplyDeviceEventsInput {
  store: DocumentStore;
  householdId: string;
  deviceId: string;
  /** The gate of the device's household and brand: it alone says whether a personal event may be kept. */
  gate: ConsentGate;
  events: readonly DeviceEvent[];
  /** Receipt time on the domain clock; `expireAt` counts from it. */
  now: Date;
  retentionMs?: number;
}

/**
 * Applies a validated batch of a device's events and answers per event: `duplicate`
 * for an eventId already kept (or repeated in the batch), `discarded` when the purpose
 * it serves is not granted (nothing of it is kept), else `accepted`: the raw event is
 * kept with its `expireAt` and the context documents or device state are updated in
 * the same transaction, so a retry never counts an event twice.
 */
export async function applyDeviceEvents(input: ApplyDeviceEventsInput): Promise<EventResult[]> {
  const { store, gate, events } = input;
  const statuses = new Map<number, EventStatus>();

  const asked = [...new Set(events.map((e) => PURPOSE_OF_EVENT[e.type]))].filter(
    (p): p is Purpose => p !== null,
  );
  // Only what was both asked for and granted counts: a gate that over-answers grants nothing more.
  const granted = new Set(
    asked.length > 0 ? (await gate.read(asked)).granted.filter((p) => asked.includes(p)) : [],
  );

  const seen = new Set<string>();
  const candidates: number[] = [];
  for (const [index, event] of events.entries()) {
    const purpose = PURPOSE_OF_EVENT[event.type];
    if (seen.has(event.eventId)) statuses.set(index, 'duplicate');
    else if (purpose !== null && !granted.has(purpose)) statuses.set(index, 'discarded');
    else candidates.push(index);
    seen.add(event.eventId);
  }

  for (let start = 0; start < candidates.length; start += EVENTS_PER_TRANSACTION) {
    const chunk = candidates.slice(start, start + EVENTS_PER_TRANSACTION);
    const chunkEvents = chunk.map((index) => events[index]!);
    const results = await store.runTransaction((tx) => applyInTransaction(tx, input, chunkEvents));
    for (const [k, index] of chunk.entries()) statuses.set(index, results[k]!);
  }

  return events.map((event, index) => ({
    eventId: event.eventId,
    status: statuses.get(index) ?? 'discarded',
  }));
}

/** One transaction over a chunk of candidate events: every read first, then every write (Firestore's rule). */
async function applyInTransaction(
  tx: Transaction,
  { householdId, deviceId, now, retentionMs }: ApplyDeviceEventsInput,
  events: readonly DeviceEvent[],
): Promise<EventStatus[]> {
  const nowIso = now.toISOString();
  const expireAt = expireAtFor(now, retentionMs);
  const inventoryPath = paths.context(householdId, 'inventory');
  const consumptionPath = paths.context(householdId, 'consumption');
  const devicePath = paths.device(householdId, deviceId);
  const eventPaths = events.map((e) => eventPath(householdId, deviceId, e.eventId));

  const uses = (purpose: Purpose | null) => events.some((e) => PURPOSE_OF_EVENT[e.type] === purpose);
  const extraPaths = [
    ...(uses('inventory') ? [inventoryPath] : []),
    ...(uses('consumption') ? [consumptionPath] : []),
    ...(uses(null) ? [devicePath] : []),
  ];
  const snaps = await tx.getAll([...eventPaths, ...extraPaths]);
  const byPath = new Map<string, DocSnapshot>(snaps.map((s) => [s.path, s]));

  // The gate granted these purposes a moment ago; the documents are read here, inside the
  // transaction, because the update must be computed from what is stored at commit time.
  let items = parseInventoryItems(byPath.get(inventoryPath)?.data);
  let capsules = parseCapsules(byPath.get(consumptionPath)?.data);
  const device = byPath.get(devicePath);
  let inventoryChanged = false;
  let consumptionChanged = false;
  const stateEvents: DeviceStateEvent[] = [];

  const statuses = events.map((event, k): EventStatus => {
    if (isLive(snaps[k]?.data, nowIso)) return 'duplicate';
    switch (event.type) {
      case 'inventory.item_added':
        items = addInventoryItem(items, {
          ingredient: event.ingredient,
          quantity: event.quantity,
          unit: event.unit,
          expiresOn: event.expiresOn,
        });
        inventoryChanged = true;
        break;
      case 'inventory.item_removed':
        items = removeInventoryItem(items, event);
        inventoryChanged = true;
        break;
      case 'capsule.brewed':
        capsules = adjustCapsuleStock(capsules, event.variety, -event.count, laterOf(capsules, event));
        consumptionChanged = true;
        break;
      case 'capsule.delivered':
        capsules = adjustCapsuleStock(capsules, event.variety, event.count, laterOf(capsules, event));
        consumptionChanged = true;
        break;
      case 'device.state':
        // A device removed since its token was checked: keep nothing for it.
        if (!device?.exists) return 'discarded';
        stateEvents.push(event);
        break;
    }
    tx.set(eventPaths[k]!, storedEventDoc(deviceId, event, PURPOSE_OF_EVENT[event.type], nowIso, expireAt));
    return 'accepted';
  });

  if (inventoryChanged) tx.merge(inventoryPath, { items, updatedAt: nowIso });
  if (consumptionChanged) tx.merge(consumptionPath, { capsules, updatedAt: nowIso });
  const state = mergedState(device?.data, stateEvents);
  if (state) tx.merge(devicePath, { state });
  return statuses;
}

/** A variety's `updatedAt` moves forward only: a late retry must not make old stock look fresh. */
function laterOf(capsules: ReturnType<typeof parseCapsules>, event: { variety: string; at: string }): string {
  const current = ownCapsuleStock(capsules, event.variety)?.updatedAt;
  return current !== undefined && current > event.at ? current : event.at;
}

/**
 * The device state fields to merge: reports applied in time order, skipping any older
 * than what is stored, so a late retry never overwrites a newer reading.
 */
function mergedState(
  deviceData: DocData | undefined,
  events: readonly DeviceStateEvent[],
): DocData | undefined {
  const stored = deviceData?.state;
  const reportedAt =
    stored !== null &&
    typeof stored === 'object' &&
    !Array.isArray(stored) &&
    typeof stored.reportedAt === 'string'
      ? stored.reportedAt
      : '';
  const fresh = events.filter((e) => e.at >= reportedAt).sort((a, b) => a.at.localeCompare(b.at));
  const last = fresh.at(-1);
  if (!last) return undefined;
  const state: DocData = { reportedAt: last.at };
  for (const event of fresh) {
    for (const field of DEVICE_STATE_FIELDS) {
      const value = event[field];
      if (value !== undefined) state[field] = value;
    }
  }
  return state;
}
