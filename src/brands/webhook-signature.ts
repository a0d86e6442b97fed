/**
 * How hearth and a brand sign what they send each other (both directions alike, as Stripe
 * and Slack sign their webhooks):
 *
 *   X-Hearth-Timestamp: <Unix time in seconds>
 *   X-Hearth-Signature: v1=<hex HMAC-SHA256 of `${timestamp}.${body}` with the brand's secret>
 *
 * The body is signed as the exact bytes sent (verified before it is parsed); the timestamp
 * inside the signed text makes a captured request useless after the tolerance. The signature
 * header may list several `v1=` values separated by commas (a brand rotating its secret).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const TIMESTAMP_HEADER = 'x-hearth-timestamp';
export const SIGNATURE_HEADER = 'x-hearth-signature';

/** How far a signed timestamp may be from the receiver's clock, either way. */
export const SIGNATURE_TOLERANCE_MS = 5 * 60_000;

const SCHEME = 'v1';

function mac(secret: string, timestamp: string, body: string): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest();
}

/** The two headers that sign `body` at `now` (wall clock: never a demo's fixed clock). */
export function signatureHeaders(secret: string, body: string, now: Date): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return {
    [TIMESTAMP_HEADER]: timestamp,
    [SIGNATURE_HEADER]: `${SCHEME}=${mac(secret, timestamp, body).toString('hex')}`,
  };
}

export type SignatureVerdict =
  | { ok: true }
  | { ok: false; reason: 'signature_invalid' | 'signature_expired' };

/**
 * Checks a signed request: a `v1` signature that matches (compared in constant time), then a
 * timestamp within the tolerance. A missing or malformed header is an invalid signature.
 */
export function verifySignature({
  secret,
  body,
  timestamp,
  signature,
  now,
  toleranceMs = SIGNATURE_TOLERANCE_MS,
}: {
  secret: string;
  body: string;
  timestamp: string | undefined;
  signature: string | undefined;
  now: Date;
  toleranceMs?: number;
}): SignatureVerdict {
  if (!timestamp || !/^\d{1,12}$/.test(timestamp) || !signature)
    return { ok: false, reason: 'signature_invalid' };
  const expected = mac(secret, timestamp, body);
  const matches = signature.split(',').some((part) => {
    const [scheme, hex] = part.trim().split('=', 2);
    if (scheme !== SCHEME || !hex || !/^[0-9a-f]{64}$/i.test(hex)) return false;
    return timingSafeEqual(Buffer.from(hex, 'hex'), expected);
  });
  if (!matches) return { ok: false, reason: 'signature_invalid' };
  if (Math.abs(now.getTime() - Number(timestamp) * 1000) > toleranceMs) {
    return { ok: false, reason: 'signature_expired' };
  }
  return { ok: true };
}
