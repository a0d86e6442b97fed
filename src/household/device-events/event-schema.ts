import { z } from 'zod';
import type { Purpose } from '../../runtime/consent-gate.js';
import type { DeviceKind } from '../household-record.js';

/** Most events one `POST .../events` may carry (DESIGN.md, Payloads). */
export const MAX_EVENTS_PER_BATCH = 500;

/**
 * How far ahead of our clock a device's `at` may be before the batch is malformed (a clock
 * never set); between 5 minutes and this, the event is `refused` (eventTimeRefusal).
 */
export const MAX_CLOCK_SKEW_MS = 24 * 3600 * 1000;

/** Earliest `at` we believe: anything before is a device with an unset clock. */
const EARLIEST_AT = '2000-01-01T00:00:00.000Z';

// Control characters (and lone surrogates) have no business in ids or labels: they break logs and UIs.
// Unicode patterns are checked with refine: the OpenAPI generator mangles a `u`-flag regex into the document.
const PRINTABLE = /^[^\p{Cc}\p{Cs}]+$/u;
const printable = (s: string) => PRINTABLE.test(s);
const VARIETY = /^[\p{L}\p{N}][\p{L}\p{N}\p{M} '_-]{0,63}$/u;

/** Free text a person might read (an ingredient as the device names it): trimmed, printable, bounded, NFC. */
const label = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine(printable, 'must not contain control characters')
    .transform((s) => s.normalize('NFC'))
    .describe('printable text, no control characters');

/**
 * A capsule variety becomes a key of the consumption document's `capsules` map, so it is
 * restricted to letters, digits, spaces, `'`, `_` and `-` (no dots, slashes or `__x__`,
 * which Firestore field paths treat specially).
 */
const varietyKey = z
  .string()
  .trim()
  .refine((s) => VARIETY.test(s), 'letters, digits, spaces, apostrophes, _ and -, at most 64')
  .transform((s) => s.normalize('NFC'))
  .describe('letters, digits, spaces, apostrophes, _ and -; 1 to 64, starting with a letter or digit');

/** The device-chosen idempotency key: any printable string; it never becomes a path segment as is. */
export const eventIdSchema = z
  .string()
  .min(1)
  .max(128)
  .refine(printable, 'must not contain control characters')
  .describe('chosen by the device, unique per device: any printable text');

const base = {
  eventId: eventIdSchema,
  /**
   * When it happened on the device, ISO-8601 with an offset; kept in UTC (`…Z`) so that
   * instants compare as strings. Bounds against our clock are checked on receipt.
   */
  at: z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString()),
};

const quantity = z.number().positive().max(1_000_000);
/** Food as the appliance names it: an ingredient id, or its own label, read in the household's language. */
const food = label(80).describe(
  'an ingredient id (`egg`) or the appliance’s label (`Tomates cerises`), read in the household’s language; ' +
    'a label naming no known ingredient is kept as it came',
);
const count = z.number().int().min(1).max(10_000);

export const inventoryItemAddedSchema = z.object({
  ...base,
  type: z.literal('inventory.item_added'),
  ingredient: food,
  quantity,
  unit: z.string().regex(/^[a-z][a-z0-9_-]{0,15}$/, 'a lower-case unit such as g, ml, l, piece'),
  expiresOn: z.iso.date(),
});

export const inventoryItemRemovedSchema = z.object({
  ...base,
  type: z.literal('inventory.item_removed'),
  ingredient: food,
  quantity,
});

export const capsuleBrewedSchema = z.object({
  ...base,
  type: z.literal('capsule.brewed'),
  variety: varietyKey,
  count,
});

export const capsuleDeliveredSchema = z.object({
  ...base,
  type: z.literal('capsule.delivered'),
  variety: varietyKey,
  count,
});

/** Fields a `device.state` event may report; each is optional, at least one is required. */
export const DEVICE_STATE_FIELDS = [
  'online',
  'on',
  'brewing',
  'temperatureSetpointCelsius',
  'temperatureAmbientCelsius',
] as const;

export const deviceStateEventSchema = z
  .object({
    ...base,
    type: z.literal('device.state'),
    online: z.boolean().optional(),
    on: z.boolean().optional(),
    brewing: z.boolean().optional(),
    temperatureSetpointCelsius: z.number().min(-40).max(40).optional(),
    temperatureAmbientCelsius: z.number().min(-50).max(80).optional(),
  })
  .refine((e) => DEVICE_STATE_FIELDS.some((f) => e[f] !== undefined), {
    message: `report at least one of ${DEVICE_STATE_FIELDS.join(', ')}`,
  });

/** One telemetry event; unknown fields are dropped (we keep only what we understand). */
export const deviceEventSchema = z.discriminatedUnion('type', [
  inventoryItemAddedSchema,
  inventoryItemRemovedSchema,
  capsuleBrewedSchema,
  capsuleDeliveredSchema,
  deviceStateEventSchema,
]);
export type DeviceEvent = z.infer<typeof deviceEventSchema>;
export type DeviceEventType = DeviceEvent['type'];
export type DeviceStateEvent = z.infer<typeof deviceStateEventSchema>;

/** `POST /v1/devices/:deviceId/events` body. */
export const deviceEventBatchSchema = z.object({
  events: z.array(deviceEventSchema).min(1).max(MAX_EVENTS_PER_BATCH),
});

/**
 * The consent purpose each event serves; `null` for device operation, which is
 * not personal (a fridge's temperature says nothing about the people using it).
 */
export const PURPOSE_OF_EVENT: Record<DeviceEventType, Purpose | null> = {
  'inventory.item_added': 'inventory',
  'inventory.item_removed': 'inventory',
  'capsule.brewed': 'consumption',
  'capsule.delivered': 'consumption',
  'device.state': null,
};

export const EVENT_STATUSES = ['accepted', 'duplicate', 'discarded', 'refused'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/** Why a well-formed event was refused (the `reason` of a `refused` result). */
export const REFUSAL_REASONS = [
  /** Dated more than 7 days before its receipt. */
  'too_old',
  /** Dated more than 5 minutes after its receipt. */
  'in_future',
  /** A brew of capsules that, in event time, were not there. */
  'stock_negative',
  /** More capsules in one event than a home brews or receives. */
  'implausible_count',
  /** A delivery past the most capsules a home may hold (MAX_CAPSULE_STOCK). */
  'stock_too_high',
  /** A new variety in a document that holds the most varieties already. */
  'too_many_varieties',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** What became of one event of a batch; `reason` only with `refused`. */
export const eventResultSchema = z.object({
  eventId: z.string(),
  status: z.enum(EVENT_STATUSES),
  reason: z.enum(REFUSAL_REASONS).optional(),
});
export type EventResult = z.infer<typeof eventResultSchema>;

/** How long after it happened an event is still believed: devices report at least daily, and retry. */
export const MAX_EVENT_AGE_MS = 7 * 24 * 3600 * 1000;
/** How far ahead of its receipt an event may be dated: clocks drift by seconds, not by hours. */
export const MAX_EVENT_LEAD_MS = 5 * 60 * 1000;

/**
 * Why a personal event's time makes it implausible, or undefined when it is believed:
 * more than 7 days before its receipt on the domain clock, or more than 5 minutes after
 * the later of the domain clock and the wall clock (a demo may pin the domain clock in
 * the past while devices keep real time; such an event counts as received now).
 */
export function eventTimeRefusal(at: string, now: Date, wallNow: Date): RefusalReason | undefined {
  const time = Date.parse(at);
  if (time < now.getTime() - MAX_EVENT_AGE_MS) return 'too_old';
  if (time > Math.max(now.getTime(), wallNow.getTime()) + MAX_EVENT_LEAD_MS) return 'in_future';
  return undefined;
}

/** One problem with one event of a batch, in the shape of a problem document's `errors`. */
export interface EventIssue {
  path: string;
  message: string;
}

/** Names the event at `index` for an error message: its index and, when it is a sane string, its eventId. */
export function describeEvent(index: number, raw: unknown): string {
  const eventId =
    raw !== null && typeof raw === 'object' ? (raw as { eventId?: unknown }).eventId : undefined;
  const named = eventIdSchema.safeParse(eventId);
  return named.success ? `event ${index} (eventId ${JSON.stringify(named.data)})` : `event ${index}`;
}

/**
 * Checks each event's `at` against our clocks: not before 2000, not more than a
 * day ahead of the later of the domain clock and the wall clock (demo mode may pin
 * the domain clock in the past while devices keep real time).
 */
export function checkEventTimes(
  events: readonly DeviceEvent[],
  now: Date,
  wallNow = new Date(),
): EventIssue[] {
  const latest = Math.max(now.getTime(), wallNow.getTime()) + MAX_CLOCK_SKEW_MS;
  const earliest = Date.parse(EARLIEST_AT);
  const issues: EventIssue[] = [];
  events.forEach((event, index) => {
    const at = Date.parse(event.at);
    if (at > latest || at < earliest) {
      issues.push({
        path: `events.${index}.at`,
        message: `${describeEvent(index, event)}: at must be after 2000 and at most a day in the future`,
      });
    }
  });
  return issues;
}

/**
 * What each kind of appliance may report: a fridge knows its content, a coffee machine
 * its capsules. Anything else from a device is a bug or abuse, and would put data under
 * another brand's gate, so it is refused rather than stored.
 */
export const EVENT_TYPES_OF_KIND: Record<DeviceKind, readonly DeviceEventType[]> = {
  fridge: ['inventory.item_added', 'inventory.item_removed', 'device.state'],
  'coffee-machine': ['capsule.brewed', 'capsule.delivered', 'device.state'],
};

/** Issues for events a device of this kind does not report. */
export function checkEventKinds(events: readonly DeviceEvent[], kind: DeviceKind): EventIssue[] {
  const allowed = EVENT_TYPES_OF_KIND[kind];
  return events.flatMap((event, index) =>
    allowed.includes(event.type)
      ? []
      : [
          {
            path: `events.${index}.type`,
            message: `${describeEvent(index, event)}: a ${kind} does not report ${event.type}`,
          },
        ],
  );
}
