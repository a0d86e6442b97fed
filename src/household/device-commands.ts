import { z } from 'zod';
import { randomId } from '../ids/random-id.js';
import type { DocData, DocumentStore } from '../store/document-store.js';
import { expiredInHouseholds } from './expired-documents.js';

/**
 * What an appliance can be asked to do, in hearth's own words: the Google Home
 * channel translates its commands into these, and so could any other channel.
 */
export const deviceCommandSchema = z.discriminatedUnion('command', [
  z.object({ command: z.literal('power'), params: z.object({ on: z.boolean() }) }),
  z.object({
    command: z.literal('brew'),
    params: z.object({
      start: z.boolean(),
      quantity: z.number().positive().max(100).optional(),
      unit: z
        .string()
        .regex(/^[A-Z_]{1,32}$/)
        .optional(),
    }),
  }),
  z.object({
    command: z.literal('set_temperature'),
    params: z.object({ celsius: z.number().min(-40).max(40) }),
  }),
]);
export type DeviceCommand = z.infer<typeof deviceCommandSchema>;

/** Commands are about now: a coffee brewed an hour after it was asked for is not what anyone wanted. */
export const DEFAULT_COMMAND_TTL_MS = 15 * 60 * 1000;

/**
 * Most live (pending, unexpired) commands one device may have waiting. A device
 * that is not picking its commands up gets no more until it does or they expire
 * (DEFAULT_COMMAND_TTL_MS): refusing keeps what was asked first, which dropping
 * the oldest would silently lose, and keeps the device's list and our queries small.
 */
export const MAX_PENDING_COMMANDS = 50;

/** Most commands queued for one device at once: one batch, far below the store's 500 writes. */
export const MAX_COMMANDS_PER_ENQUEUE = 10;

/** The device already has MAX_PENDING_COMMANDS waiting (or would have more with these). */
export class CommandQueueFullError extends Error {
  override readonly name = 'CommandQueueFullError';
}

/** `households/{hid}/commands`. */
export const commandsCollection = (hid: string) => `households/${hid}/commands`;
const commandPath = (hid: string, id: string) => `${commandsCollection(hid)}/${id}`;

const storedCommandSchema = z.intersection(
  deviceCommandSchema,
  z.object({
    deviceId: z.string(),
    status: z.enum(['pending', 'acked']),
    createdAt: z.string(),
    /** Order among commands with the same `createdAt` (a pinned clock, two requests in one millisecond). */
    order: z.number().int().nonnegative(),
    expireAt: z.string(),
    ackedAt: z.string().optional(),
  }),
);

/** A command waiting for its device, as the device sees it. */
export type PendingCommand = DeviceCommand & { id: string; createdAt: string; expireAt: string };

let lastOrder = 0;
/** Strictly increasing in this process, close to wall-clock microseconds across processes. */
function nextOrder(): number {
  lastOrder = Math.max(lastOrder + 1, Date.now() * 1000);
  return lastOrder;
}

/**
 * Queues commands for a device in one atomic batch, in order; returns their ids.
 * At most MAX_COMMANDS_PER_ENQUEUE at once (a RangeError past that: callers cap
 * first); CommandQueueFullError when the device would have more than
 * MAX_PENDING_COMMANDS waiting. The count is read before the batch, so requests
 * racing for one device may overshoot it by a batch each: a bound, not a quota.
 */
export async function enqueueCommands({
  store,
  householdId,
  deviceId,
  commands,
  now,
  ttlMs = DEFAULT_COMMAND_TTL_MS,
}: {
  store: DocumentStore;
  householdId: string;
  deviceId: string;
  commands: readonly DeviceCommand[];
  now: Date;
  ttlMs?: number;
}): Promise<string[]> {
  if (commands.length === 0) return [];
  if (commands.length > MAX_COMMANDS_PER_ENQUEUE) {
    throw new RangeError(`at most ${MAX_COMMANDS_PER_ENQUEUE} commands at once, got ${commands.length}`);
  }
  const pending = await listPendingCommands({ store, householdId, deviceId, now });
  if (pending.length + commands.length > MAX_PENDING_COMMANDS) {
    throw new CommandQueueFullError(`device ${deviceId} has ${pending.length} commands waiting`);
  }
  const createdAt = now.toISOString();
  const expireAt = new Date(now.getTime() + ttlMs).toISOString();
  const batch = store.batch();
  const ids = commands.map((command) => {
    const id = randomId('cmd');
    const doc = {
      ...deviceCommandSchema.parse(command),
      deviceId,
      status: 'pending',
      createdAt,
      order: nextOrder(),
      expireAt,
    };
    batch.create(commandPath(householdId, id), doc as DocData);
    return id;
  });
  await batch.commit();
  return ids;
}

/** The device's commands not yet acknowledged and not expired, oldest first. */
export async function listPendingCommands({
  store,
  householdId,
  deviceId,
  now,
}: {
  store: DocumentStore;
  householdId: string;
  deviceId: string;
  now: Date;
}): Promise<PendingCommand[]> {
  const nowIso = now.toISOString();
  // Equality on deviceId only: adding status or expireAt filters would need a composite index in Firestore,
  // and a device has a handful of commands at most (acked and expired ones are purged).
  const snaps = await store.query({
    collection: commandsCollection(householdId),
    where: [{ field: 'deviceId', op: '==', value: deviceId }],
  });
  return snaps
    .flatMap((snap) => {
      const parsed = storedCommandSchema.safeParse(snap.data);
      if (!parsed.success) return [];
      const stored = parsed.data;
      if (stored.status !== 'pending' || stored.expireAt <= nowIso) return [];
      return [{ ...stored, id: snap.id }];
    })
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.order - b.order)
    .map(
      ({ id, command, params, createdAt, expireAt }) =>
        ({ id, command, params, createdAt, expireAt }) as PendingCommand,
    );
}

/**
 * Marks a command acknowledged by its device. `not_found` when there is no such
 * command or it is another device's; acknowledging again changes nothing.
 */
export async function ackCommand({
  store,
  householdId,
  deviceId,
  commandId,
  now,
}: {
  store: DocumentStore;
  householdId: string;
  deviceId: string;
  commandId: string;
  now: Date;
}): Promise<'acked' | 'not_found'> {
  return store.runTransaction(async (tx) => {
    const snap = await tx.get(commandPath(householdId, commandId));
    const parsed = storedCommandSchema.safeParse(snap.data);
    if (!parsed.success || parsed.data.deviceId !== deviceId) return 'not_found';
    if (parsed.data.status === 'pending') {
      tx.merge(snap.path, { status: 'acked', ackedAt: now.toISOString() });
    }
    return 'acked';
  });
}

/** Deletes expired commands (acknowledged or not) across households, at most `limit`; returns how many. */
export const purgeExpiredCommands = expiredInHouseholds(commandsCollection);
