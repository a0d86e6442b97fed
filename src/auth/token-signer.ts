import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  type ClaimsOf,
  type TokenClaims,
  type TokenKind,
  type TokenRequest,
  tokenClaimsSchema,
} from './token-claims.js';

const PREFIX = 'hth1';

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

  return {
    sign(request) {
      const claims = { ...request, iat: Math.floor(now() / 1000) };
      const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
      return `${PREFIX}.${payload}.${mac(payload)}`;
    },
    verify<K extends TokenKind>(token: string, kinds: readonly K[]): TokenCheck<K> {
      const parts = token.split('.');
      if (parts.length !== 3 || parts[0] !== PREFIX || token.length > 2048)
        return { ok: false, reason: 'malformed' };
      const [, payload = '', given = ''] = parts;
      const expected = Buffer.from(mac(payload));
      const actual = Buffer.from(given);
      if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
        return { ok: false, reason: 'bad_signature' };
      }
      let parsed: TokenClaims;
      try {
        const result = tokenClaimsSchema.safeParse(
          JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')),
        );
        if (!result.success) return { ok: false, reason: 'malformed' };
        parsed = result.data;
      } catch {
        return { ok: false, reason: 'malformed' };
      }
      if (parsed.exp !== undefined && parsed.exp * 1000 <= now()) return { ok: false, reason: 'expired' };
      if (!(kinds as readonly TokenKind[]).includes(parsed.kind)) return { ok: false, reason: 'wrong_kind' };
      return { ok: true, claims: parsed as ClaimsOf<K> };
    },
  };
}
