/**
 * The short code an appliance shows on its screen and a person types into the
 * companion app: 8 characters of Crockford's base32 (40 bits), shown as
 * `XXXX-XXXX`. The alphabet has no I, L, O or U, so nothing reads as another
 * character or spells a word; typed codes are read the way Crockford decodes
 * (any case, dashes and spaces ignored, I and L as 1, O as 0).
 *
 * 40 bits alone would not stop a determined guesser: what does is that a code
 * lives 10 minutes, works once, and a household may fail only a few
 * confirmations (`pairing-limits.ts`).
 */
import { randomBytes } from 'node:crypto';
import { hashSecret } from '../../ids/secret-hash.js';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const PAIRING_CODE_LENGTH = 8;
const CANONICAL = /^[0-9A-HJKMNP-TV-Z]{8}$/;

/** A new random code in canonical form (8 characters, no dash). */
export function newPairingCode(): string {
  // 5 random bytes are 40 bits: eight 5-bit digits, each one letter of the alphabet.
  let n = randomBytes(5).readUIntBE(0, 5);
  let code = '';
  for (let i = 0; i < PAIRING_CODE_LENGTH; i++) {
    code = ALPHABET[n % 32] + code;
    n = Math.floor(n / 32);
  }
  return code;
}

/** How a code is shown: `7KQ2-M9XD`. */
export function displayPairingCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** The canonical form of a code as typed, or undefined when it cannot be one. */
export function normalizePairingCode(typed: string): string | undefined {
  const code = typed.replace(/[\s-]/g, '').toUpperCase().replace(/[IL]/g, '1').replace(/O/g, '0');
  return CANONICAL.test(code) ? code : undefined;
}

/**
 * The id of a code's index document (`pairingCodes/{key}`): the hash of its
 * canonical form, so the store never holds a live code in clear (`hashSecret`
 * keeps it a segment the store accepts, whatever code is typed).
 */
export function pairingCodeKey(code: string): string {
  return hashSecret(code);
}
