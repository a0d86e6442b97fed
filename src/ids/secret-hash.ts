import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The id a secret is stored under, and the only form in which it is stored: SHA-256,
 * base64url. Secrets hashed this way are random and long (`randomSecret`), so a fast
 * hash is enough: there is nothing to guess, only something to look up.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('base64url');
}

/** Whether `secret` hashes to `hash`, compared in constant time. */
export function secretMatches(secret: string, hash: string): boolean {
  const given = Buffer.from(hashSecret(secret));
  const expected = Buffer.from(hash);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A new random secret of `bytes` bytes (256 bits by default), URL-safe. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
