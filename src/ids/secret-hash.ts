import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The id a secret is stored under, and the only form in which it is stored: `h` and the
 * SHA-256, base64url. Secrets hashed this way are random and long (`randomSecret`), so a
 * fast hash is enough: there is nothing to guess, only something to look up. The prefix
 * keeps the id a path segment the store accepts whatever a caller sends: a bare digest can
 * be made (by offline search) to read `__…__`, which Firestore reserves.
 */
export function hashSecret(secret: string): string {
  return `h${createHash('sha256').update(secret, 'utf8').digest('base64url')}`;
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
