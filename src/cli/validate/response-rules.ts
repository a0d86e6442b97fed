/**
 * Response checks: keys after fallback, interpolation variables compared with
 * en-US, and the plural forms each language needs.
 */
import type { ResponseTree } from '../../runtime/locale-files.js';

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** Flatten nested i18next resources to `a.b.c` keys. */
export function flattenResponses(tree: ResponseTree, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') flat.set(path, value);
    else for (const [k, v] of flattenResponses(value, path)) flat.set(k, v);
  }
  return flat;
}

/** Split `a.b_one` into base `a.b` and category `one`; keys without a plural suffix have no category. */
export function pluralParts(key: string): { base: string; category?: string } {
  const m = PLURAL_SUFFIX.exec(key);
  return m ? { base: key.slice(0, m.index), category: m[1] ?? '' } : { base: key };
}

/** The interpolation variables of a response (`{{name}}`, `{{name, format}}`), sorted and unique. */
export function interpolationVariables(text: string): string[] {
  const names = [...text.matchAll(/\{\{\s*([^}\s,]+)[^}]*\}\}/g)].map((m) => m[1] ?? '');
  return [...new Set(names)].sort();
}
