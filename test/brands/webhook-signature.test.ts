import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  SIGNATURE_HEADER,
  signatureHeaders,
  TIMESTAMP_HEADER,
  verifySignature,
} from '../../src/brands/webhook-signature.js';

const secret = 'brand-secret-brand-secret-brand-secret-01';
const body = '{"orderId":"o1","status":"shipped"}';
const now = new Date('2026-12-01T10:00:00Z');

const signed = (at = now, text = body, key = secret) => {
  const h = signatureHeaders(key, text, at);
  return { timestamp: h[TIMESTAMP_HEADER], signature: h[SIGNATURE_HEADER] };
};

describe('webhook signatures', () => {
  it('signs "<timestamp>.<body>" with HMAC-SHA256, as a brand recomputes it', () => {
    const { timestamp, signature } = signed();
    expect(timestamp).toBe(String(now.getTime() / 1000));
    const expected = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
    expect(signature).toBe(`v1=${expected}`);
    expect(verifySignature({ secret, body, ...signed(), now })).toEqual({ ok: true });
  });

  it('refuses another body, another secret, a missing or malformed header', () => {
    const bad = { ok: false, reason: 'signature_invalid' };
    expect(verifySignature({ secret, body: `${body} `, ...signed(), now })).toEqual(bad);
    expect(verifySignature({ secret, body, ...signed(now, body, `${secret}x`), now })).toEqual(bad);
    expect(
      verifySignature({ secret, body, timestamp: undefined, signature: signed().signature, now }),
    ).toEqual(bad);
    expect(
      verifySignature({ secret, body, timestamp: signed().timestamp, signature: undefined, now }),
    ).toEqual(bad);
    for (const signature of ['v1=zz', 'v0=00', 'v1=', '=', 'v1', `v1=${'0'.repeat(64)}`]) {
      expect(verifySignature({ secret, body, timestamp: signed().timestamp, signature, now })).toEqual(bad);
    }
    // The timestamp is signed: moving it breaks the signature.
    const { signature } = signed();
    expect(
      verifySignature({ secret, body, timestamp: String(now.getTime() / 1000 + 1), signature, now }),
    ).toEqual(bad);
  });

  it('accepts a matching one among several (a brand rotating its secret)', () => {
    const { timestamp, signature } = signed();
    const other = signed(now, body, `${secret}-old`).signature;
    expect(verifySignature({ secret, body, timestamp, signature: `${other}, ${signature}`, now })).toEqual({
      ok: true,
    });
  });

  it('refuses a timestamp more than 5 minutes away, either way', () => {
    const expired = { ok: false, reason: 'signature_expired' };
    const at = (ms: number) => signed(new Date(now.getTime() + ms));
    expect(verifySignature({ secret, body, ...at(-5 * 60_000), now })).toEqual({ ok: true });
    expect(verifySignature({ secret, body, ...at(-5 * 60_000 - 1000), now })).toEqual(expired);
    expect(verifySignature({ secret, body, ...at(5 * 60_000 + 1000), now })).toEqual(expired);
  });
});
