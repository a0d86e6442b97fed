import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { type AuthEnv, requireToken, type TokenAuth } from '../../auth/bearer.js';
import { type ConsentPolicy, decidingGate } from '../../consent/consent-policy.js';
import { applyDeviceEvents } from '../../household/device-events/apply-events.js';
import {
  DEFAULT_EVENT_QUOTA,
  type EventQuota,
  EventQuotaExceeded,
} from '../../household/device-events/event-quota.js';
import { DEFAULT_EVENT_RETENTION_MS } from '../../household/device-events/event-retention.js';
import {
  checkEventKinds,
  checkEventTimes,
  describeEvent,
  deviceEventBatchSchema,
  EVENT_STATUSES,
  type EventIssue,
  eventResultSchema,
} from '../../household/device-events/event-schema.js';
import type { IngredientLabels } from '../../household/device-events/ingredient-labels.js';
import { householdRecordSchema } from '../../household/household-record.js';
import {
  type DeviceRateLimitOptions,
  deviceRateLimit,
  RATE_LIMITED_RESPONSES,
} from '../../http/device-rate-limit.js';
import type { HttpEnv } from '../../http/http-env.js';
import {
  AUTHENTICATED_PROBLEMS,
  IdParam,
  JSON_BODY_PROBLEMS,
  ProblemSchema,
  problemResponses,
} from '../../http/openapi-schemas.js';
import { ProblemError, problemBody } from '../../http/problem.js';
import { PURPOSES } from '../../runtime/consent-gate.js';
import type { DocumentStore } from '../../store/document-store.js';
import { requireOwnDevice } from './device-route-guard.js';
import { readOwnDevice } from './own-device.js';

/** Issues listed in one 400: enough to fix a batch, not a 500-line echo of it. */
const MAX_LISTED_ISSUES = 20;

export const EventResultsSchema = z
  .object({
    results: z.array(eventResultSchema),
  })
  .openapi('DeviceEventResults');

/** Batches of one device: bursts of 20, 5 per second kept up, then 429 with Retry-After. */
const perDevice = (options?: DeviceRateLimitOptions) =>
  deviceRateLimit<AuthEnv<'device'>>(
    (c) => `${c.var.principal.householdId}/${c.var.principal.deviceId}`,
    options,
  );

const routeFor = (auth: TokenAuth, rateLimit?: DeviceRateLimitOptions) =>
  createRoute({
    method: 'post',
    path: '/v1/devices/{deviceId}/events',
    summary: 'An appliance posts a batch of telemetry events (1 to 500), answered per event',
    description:
      'Idempotent on the device-chosen `eventId`. `discarded`: the purpose the event serves ' +
      '(inventory.* → inventory, capsule.* → consumption) is not granted, so nothing of it is kept. ' +
      '`device.state` is device operation, always accepted and coalesced into the device (only the ' +
      'latest reading is kept; a time ahead of receipt counts as the receipt time). `refused` (with a ' +
      '`reason`): well-formed but implausible, nothing kept: dated more than 7 days before receipt ' +
      '(`too_old`) or more than 5 minutes after it (`in_future`), a brew of capsules that, in event time, ' +
      'were not there (`stock_negative`), an absurd count (`implausible_count`, `stock_too_high`), a ' +
      'variety past the most a household may track (`too_many_varieties`). Capsule events count on the ' +
      'day they happened, however late or out of order they arrive. Each device may ' +
      'keep a bounded number of raw events (a bucket refilled daily): a batch that does not fit ' +
      'is refused whole with 429 `too_many_requests` and `Retry-After`, nothing kept. A fridge reports inventory.* and a ' +
      'coffee machine capsule.* events. Any invalid event makes the whole ' +
      'batch a 400 `validation_failed` whose `errors` name the event by index and eventId.',
    tags: ['devices'],
    security: [{ bearer: [] }],
    // The generation is checked in the route's one read of household and device (readOwnDevice).
    middleware: [
      requireToken(auth, ['device'], { deferGenerationCheck: true }),
      requireOwnDevice,
      perDevice(rateLimit),
    ] as const,
    request: {
      params: z.object({ deviceId: IdParam }),
      body: { required: true, content: { 'application/json': { schema: deviceEventBatchSchema } } },
    },
    responses: {
      202: {
        description: 'What became of each event, in the order sent',
        content: { 'application/json': { schema: EventResultsSchema } },
      },
      ...problemResponses(...AUTHENTICATED_PROBLEMS, ...JSON_BODY_PROBLEMS),
      429: {
        description:
          'Problem: `too_many_requests`: the device sent batches faster than bursts of 20 and 5 per second, ' +
          'or the batch would go past its quota of kept events; nothing of the batch was kept, retry after ' +
          '`Retry-After` seconds',
        headers: RATE_LIMITED_RESPONSES[429].headers,
        content: { 'application/problem+json': { schema: ProblemSchema } },
      },
    },
  });

/** Turns zod issues into problem `errors`, naming the event (index and eventId) each one is about. */
function namedIssues(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  raw: unknown,
): EventIssue[] {
  const events = raw !== null && typeof raw === 'object' ? (raw as { events?: unknown }).events : undefined;
  return issues.slice(0, MAX_LISTED_ISSUES).map((issue) => {
    const path = issue.path.map(String).join('.') || '(root)';
    const [first, index] = issue.path;
    if (first === 'events' && typeof index === 'number' && Array.isArray(events)) {
      return { path, message: `${describeEvent(index, events[index])}: ${issue.message}` };
    }
    return { path, message: issue.message };
  });
}

const rejectBatch = (errors: EventIssue[]) =>
  new ProblemError('validation_failed', 'the whole batch was rejected; fix the events named in errors', {
    errors,
  });

/** `POST /v1/devices/:deviceId/events`: telemetry batches, idempotent per eventId, kept only for granted purposes. */
export function registerDeviceEvents(
  app: OpenAPIHono<HttpEnv>,
  {
    auth,
    store,
    clock,
    consent,
    retentionMs = DEFAULT_EVENT_RETENTION_MS,
    quota = DEFAULT_EVENT_QUOTA,
    wallClock = () => new Date(),
    rateLimit,
    ingredientLabels,
  }: {
    auth: TokenAuth;
    store: DocumentStore;
    clock: () => Date;
    consent: ConsentPolicy;
    retentionMs?: number;
    /** Raw events a device may have kept (a bucket refilled daily). */
    quota?: EventQuota;
    /** The quota's clock: real time, not the domain clock a demo may pin. */
    wallClock?: () => Date;
    rateLimit?: DeviceRateLimitOptions;
    /** The vocabulary's reading of the appliances' labels of food (ids, or unknown kept with the label). */
    ingredientLabels: IngredientLabels;
  },
): void {
  app.openapi(
    routeFor(auth, rateLimit),
    async (c) => {
      const { deviceId } = c.req.valid('param');
      const { events } = c.req.valid('json');
      const { householdId, generation } = c.var.principal;
      const now = clock();
      const timeIssues = checkEventTimes(events, now);
      if (timeIssues.length > 0) throw rejectBatch(timeIssues.slice(0, MAX_LISTED_ISSUES));

      const own = await readOwnDevice(store, { householdId, deviceId, generation });
      if (!own) throw new ProblemError('not_found');
      const { device, household } = own;
      const kindIssues = checkEventKinds(events, device.kind);
      if (kindIssues.length > 0) throw rejectBatch(kindIssues.slice(0, MAX_LISTED_ISSUES));
      const gate = decidingGate(consent, household, device.brandId);
      let results: Awaited<ReturnType<typeof applyDeviceEvents>>;
      try {
        results = await applyDeviceEvents({
          store,
          householdId,
          deviceId,
          gate,
          grantedAtCommit: (data) => {
            const current = householdRecordSchema.safeParse(data);
            return current.success
              ? consent(current.data, { brandId: device.brandId, purposes: PURPOSES })
              : [];
          },
          events,
          now,
          retentionMs,
          quota,
          wallNow: wallClock(),
          ingredientLabels,
        });
      } catch (error) {
        if (!(error instanceof EventQuotaExceeded)) throw error;
        c.var.log?.info(
          { events: events.length, retryAfter: error.retryAfterSeconds },
          'device over event quota',
        );
        const problem = problemBody('too_many_requests', 'over this device’s event quota: nothing was kept', {
          ...(c.var.requestId ? { requestId: c.var.requestId } : {}),
        });
        return c.json(problem, 429, {
          'content-type': 'application/problem+json',
          'retry-after': String(error.retryAfterSeconds),
        });
      }

      const counts = Object.fromEntries(
        EVENT_STATUSES.map((s) => [s, results.filter((r) => r.status === s).length]),
      );
      c.var.log?.info({ events: results.length, ...counts }, 'device events');
      return c.json({ results }, 202);
    },
    (result) => {
      if (result.success) return;
      if (result.target === 'json') {
        // zod-validator hands the hook the raw input too (untyped): it names the events by eventId.
        const raw: unknown = 'data' in result ? result.data : undefined;
        throw rejectBatch(namedIssues(result.error.issues, raw));
      }
      throw new ProblemError('validation_failed', `${result.target} does not match the schema`, {
        errors: namedIssues(result.error.issues, undefined),
      });
    },
  );
}
