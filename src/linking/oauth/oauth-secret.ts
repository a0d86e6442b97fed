import type { z } from 'zod';
import { paths } from '../../household/paths.js';
import { hashSecret } from '../../ids/secret-hash.js';
import type { DocumentStore } from '../../store/document-store.js';

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

/** The record stored under a code's or token's hash (`oauth/{hash}`), if it is one of `schema`'s kind. */
export async function readBySecret<T>(
  store: DocumentStore,
  value: string,
  schema: z.ZodType<T>,
): Promise<{ hash: string; record: T } | undefined> {
  const hash = oauthSecretHash(value);
  if (!hash) return undefined;
  const parsed = schema.safeParse((await store.get(paths.oauth(hash))).data);
  return parsed.success ? { hash, record: parsed.data } : undefined;
}
