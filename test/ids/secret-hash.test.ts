import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { isSafeId } from '../../src/ids/safe-id.js';
import { hashSecret, randomSecret, secretMatches } from '../../src/ids/secret-hash.js';

describe('secret hashes', () => {
  test.prop([fc.string({ maxLength: 200 })])('are always a path segment the store accepts', (secret) => {
    expect(isSafeId(hashSecret(secret))).toBe(true);
  });

  it('match only their own secret', () => {
    const secret = randomSecret();
    expect(secretMatches(secret, hashSecret(secret))).toBe(true);
    expect(secretMatches(`${secret}x`, hashSecret(secret))).toBe(false);
    expect(secretMatches(secret, 'short')).toBe(false);
  });

  it('are 256 random bits, URL-safe, when made by randomSecret', () => {
    const secrets = new Set(Array.from({ length: 100 }, () => randomSecret()));
    expect(secrets.size).toBe(100);
    for (const s of secrets) expect(s).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
