/**
 * One delivery attempt: the entry's body POSTed to the brand's URL, signed, with the entry id
 * as `Idempotency-Key`, under a timeout. Answers whether the brand took it (2xx) and, when not,
 * a reason fit for a log line and `lastError` (a status or an error kind, never the brand's
 * answer, which might echo personal data).
 */
import { signatureHeaders } from './webhook-signature.js';

/** How long a brand has to answer one delivery. */
export const DELIVERY_TIMEOUT_MS = 5_000;

export type DeliveryOutcome = { ok: true } | { ok: false; error: string };

export async function postWebhook({
  url,
  secret,
  entryId,
  kind,
  body,
  now,
  timeoutMs = DELIVERY_TIMEOUT_MS,
}: {
  url: string;
  secret: string;
  entryId: string;
  kind: string;
  body: string;
  now: Date;
  timeoutMs?: number;
}): Promise<DeliveryOutcome> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'hearth-webhooks/1',
        'idempotency-key': entryId,
        'x-hearth-event': kind,
        ...signatureHeaders(secret, body, now),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    // The answer is not read beyond its status; cancelling frees the connection.
    await response.body?.cancel().catch(() => undefined);
    return response.ok ? { ok: true } : { ok: false, error: `HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, error: failureKind(error) };
  }
}

function failureKind(error: unknown): string {
  const e = error as { name?: string; cause?: { code?: unknown } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'timeout';
  const code = e?.cause?.code;
  return typeof code === 'string' && /^[A-Z_]{1,40}$/.test(code) ? `network ${code}` : 'network error';
}
