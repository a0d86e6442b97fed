import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  type ClaimsOf,
  type TokenClaims,
  type TokenKind,
  type TokenRequest,
  tokenClaimsSchema,
} from './token-claims.js';

const PREFIX = 'hth1';
/** Verified tokens one signer remembers (tokens are a few hundred bytes: a few MB; at most 2 KB each, 20 MB); past this it starts over. */
const MAX_VERIFIED = 10_000;

export type TokenCheck<K extends TokenKind> =
  | { ok: true; claims: ClaimsOf<K> }
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' | 'wrong_kind' };

export interface TokenSigner {
  /** Signs claims into an opaque bearer token `hth1.<payload>.<mac>`. */
  sign(claims: TokenRequest): string;
  /** Checks format, MAC, expiry and kind; generation is checked against the store by the caller. */
  verify<K extends TokenKind>(token: string, kinds: readonly K[]): TokenCheck<K>;
}

/** HMAC-SHA256 token signer; `now` is the wall clock (never the demo domain clock). */
export function createTokenSigner({
  secret,
  now = () => Date.now(),
}: {
  secret: string;
  now?: () => number;
}): TokenSigner {
  // A key derived for tokens only, so the configured secret can serve other purposes safely.
  const key = createHmac('sha256', secret).update('hearth/token/v1').digest();
  const mac = (payload: string) => createHmac('sha256', key).update(payload).digest('base64url');
  /** Tokens whose MAC and claims were checked; a turn verifies the same link or device token again and again. */
  const verified = new Map<string, TokenClaims>();

  /** Format, MAC and claims of a token never seen (or forgotten) by this signer. */
  const checkSignature = (
    token: string,
  ): { ok: true; claims: TokenClaims } | { ok: false; reason: 'malformed' | 'bad_signature' } => {
    if (token.length > 2048) return { ok: false, reason: 'malformed' };
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== PREFIX) return { ok: false, reason: 'malformed' };
    const [, payload = '', given = ''] = parts;
    const expected = Buffer.from(mac(payload));
    const actual = Buffer.from(given);
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
      return { ok: false, reason: 'bad_signature' };
    }
    try {
      const result = tokenClaimsSchema.safeParse(
        JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')),
      );
      return result.success ? { ok: true, claims: result.data } : { ok: false, reason: 'malformed' };
    } catch {
      return { ok: false, reason: 'malformed' };
    }
  };

  return {
    sign(request) {
      const claims = { ...request, iat: Math.floor(now() / 1000) };
      const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
      return `${PREFIX}.${payload}.${mac(payload)}`;
    },
    verify<K extends TokenKind>(token: string, kinds: readonly K[]): TokenCheck<K> {
      let parsed = verified.get(token);
      if (!parsed) {
        const checked = checkSignature(token);
        if (!checked.ok) return checked;
        parsed = checked.claims;
        // A token's MAC and claims never change: remember them (not its expiry or kind, checked below each time).
        if (verified.size >= MAX_VERIFIED) verified.clear();
        verified.set(token, parsed);
      }
      if (parsed.exp !== undefined && parsed.exp * 1000 <= now()) return { ok: false, reason: 'expired' };
      if (!(kinds as readonly TokenKind[]).includes(parsed.kind)) return { ok: false, reason: 'wrong_kind' };
      return { ok: true, claims: parsed as ClaimsOf<K> };
    },
  };
}
