/** Stable reasons an Alexa request is refused; routes log them and tests assert on them. */
export type AlexaVerifyCode =
  | 'signature_missing'
  | 'signature_invalid'
  | 'cert_url_invalid'
  | 'cert_fetch_failed'
  /** Too many certificate fetches in flight or in the last minute: refused rather than queued. */
  | 'cert_fetch_busy'
  | 'cert_invalid'
  | 'cert_expired'
  | 'cert_not_yet_valid'
  | 'cert_san_mismatch'
  | 'cert_untrusted'
  | 'timestamp_invalid'
  | 'timestamp_stale'
  | 'body_invalid';

/** Refusal with a stable code for machines and a reason for people. */
export type VerifyFailure = { ok: false; code: AlexaVerifyCode; reason: string };

/** Outcome of a verification step: checks compose by returning the first failure. */
export type VerifyResult = { ok: true } | VerifyFailure;

/** Builds a refusal. */
export function refuse(code: AlexaVerifyCode, reason: string): VerifyFailure {
  return { ok: false, code, reason };
}

/** The one success value, shared so that steps need not allocate. */
export const VERIFIED: VerifyResult = Object.freeze({ ok: true });
