import { refuse, VERIFIED, type VerifyResult } from './verify-result.js';

/** Amazon's tolerance for a request's age (and, here, for clock skew into the future). */
export const TIMESTAMP_TOLERANCE_MS = 150_000;
/** Skill events (enabled, disabled, permission changes) may be delivered up to an hour late. */
export const SKILL_EVENT_TOLERANCE_MS = 3_600_000;

const SKILL_EVENT_PREFIX = 'AlexaSkillEvent.';

/** Raw request body as received: text, or bytes that must be UTF-8. */
export type RawBody = string | Uint8Array;

/** Decodes the raw body as UTF-8, refusing bytes that are not, since Amazon only sends UTF-8 JSON. */
export function rawBodyText(rawBody: RawBody): string | undefined {
  if (typeof rawBody === 'string') return rawBody;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(rawBody);
  } catch {
    return undefined;
  }
}

/** Checks `request.timestamp` of an Alexa request body against `now` (150 s; an hour for skill events). */
export function verifyRequestTimestamp(rawBody: RawBody, now: Date): VerifyResult {
  const text = rawBodyText(rawBody);
  if (text === undefined) return refuse('body_invalid', 'request body is not UTF-8');
  let envelope: unknown;
  try {
    envelope = JSON.parse(text);
  } catch {
    return refuse('body_invalid', 'request body is not JSON');
  }
  const request = isRecord(envelope) ? envelope.request : undefined;
  if (!isRecord(request)) return refuse('body_invalid', 'request body has no request object');

  const { timestamp, type } = request;
  if (typeof timestamp !== 'string') return refuse('timestamp_invalid', 'request.timestamp is missing');
  const sentMs = Date.parse(timestamp);
  if (Number.isNaN(sentMs)) return refuse('timestamp_invalid', 'request.timestamp is not a date');

  const ageMs = now.getTime() - sentMs;
  const isSkillEvent = typeof type === 'string' && type.startsWith(SKILL_EVENT_PREFIX);
  const maxAgeMs = isSkillEvent ? SKILL_EVENT_TOLERANCE_MS : TIMESTAMP_TOLERANCE_MS;
  if (ageMs > maxAgeMs) {
    return refuse(
      'timestamp_stale',
      `request is ${Math.round(ageMs / 1000)} s old, more than ${maxAgeMs / 1000} s`,
    );
  }
  // A request from the future is a forged or replay-prepared one, or a badly skewed clock.
  if (-ageMs > TIMESTAMP_TOLERANCE_MS) {
    return refuse('timestamp_stale', `request is ${Math.round(-ageMs / 1000)} s in the future`);
  }
  return VERIFIED;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
