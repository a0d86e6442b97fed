import { createHash } from 'node:crypto';
import { z } from 'zod';
import { PURPOSES } from '../../runtime/consent-gate.js';
import type { DocData } from '../../store/document-store.js';
import type { DeviceEvent } from './event-schema.js';

/** `households/{hid}/events`: raw device telemetry, each with an `expireAt`. */
export const eventsCollection = (hid: string) => `households/${hid}/events`;

/**
 * The document id of a device's event: a hash of the device id and its eventId, so
 * that any eventId (slashes, dots, emoji, 128 characters) makes a safe path segment
 * and two devices may use the same eventId. The prefix keeps ids clear of Firestore's
 * reserved `__…__` form.
 */
export function eventDocId(deviceId: string, eventId: string): string {
  return `ev_${createHash('sha256').update(deviceId).update('\u0000').update(eventId).digest('base64url')}`;
}

/** `households/{hid}/events/{id}` of a device's event. */
export const eventPath = (hid: string, deviceId: string, eventId: string) =>
  `${eventsCollection(hid)}/${eventDocId(deviceId, eventId)}`;

/** A raw event as stored. */
export const storedEventSchema = z.object({
  deviceId: z.string(),
  eventId: z.string(),
  type: z.string(),
  /** The purpose the event serves (null: device operation), so a withdrawal can find what to delete. */
  purpose: z.enum(PURPOSES).nullable(),
  at: z.string(),
  receivedAt: z.string(),
  expireAt: z.string(),
  /** The event's own fields, as validated. */
  data: z.record(z.string(), z.unknown()),
});
export type StoredEvent = z.infer<typeof storedEventSchema>;

/** The document stored for an accepted event. */
export function storedEventDoc(
  deviceId: string,
  event: DeviceEvent,
  purpose: StoredEvent['purpose'],
  receivedAt: string,
  expireAt: string,
): DocData {
  const { eventId, type, at, ...fields } = event;
  // Optional fields a device left out are absent, never `undefined` (which no store keeps).
  const data = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as DocData;
  return { deviceId, eventId, type, purpose, at, receivedAt, expireAt, data };
}

/** Whether a stored event document still counts: expired events are as good as gone, purged or not. */
export function isLive(data: DocData | undefined, nowIso: string): boolean {
  return typeof data?.expireAt === 'string' && data.expireAt > nowIso;
}
