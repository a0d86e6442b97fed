import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fallbackChain, type Locale } from '../../../src/runtime/locales.js';

const files = new Map<string, Record<string, unknown>>();

function responsesOf(locale: Locale, skillId: string): Record<string, unknown> {
  const file = path.resolve('locales', locale, skillId, 'responses.json');
  let data = files.get(file);
  if (!data) {
    try {
      data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch {
      data = {};
    }
    files.set(file, data);
  }
  return data;
}

/**
 * A response exactly as the brand wrote it in `locales/` (regional locales
 * fall back to their primary one), read from the files rather than through
 * the runtime, so tests check the language a reply is really in.
 */
export function authored(locale: Locale, skillId: string, key: string): string {
  for (const candidate of fallbackChain(locale)) {
    let node: unknown = responsesOf(candidate, skillId);
    for (const part of key.split('.')) {
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
    }
    if (typeof node === 'string') return node;
  }
  throw new Error(`no response ${key} for ${skillId} in ${locale}`);
}

/** The fixed start of an authored response, up to its first interpolation. */
export function authoredStart(locale: Locale, skillId: string, key: string): string {
  const text = authored(locale, skillId, key);
  const start = text.split('{{')[0] ?? '';
  if (start.length < 8) throw new Error(`${key} starts with a value; pick another key to check the language`);
  return start;
}
