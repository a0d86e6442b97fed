import { hashSecret } from '../../ids/secret-hash.js';

/** What authorization codes and refresh tokens look like (`randomSecret`); anything else is not looked up. */
const SECRET_SHAPE = /^[A-Za-z0-9_-]{32,64}$/;

/**
 * The hash a code or refresh token is stored under (`oauth/{hash}`), or
 * undefined when the value cannot be one of ours: a guessed or mangled value
 * costs no store read.
 */
export function oauthSecretHash(value: unknown): string | undefined {
  return typeof value === 'string' && SECRET_SHAPE.test(value) ? hashSecret(value) : undefined;
}
