import {
  type DocData,
  EXPIRE_AT_FIELD,
  isCanonicalInstant,
  type JsonValue,
  StoreError,
} from '../document-store.js';

function isPlainObject(value: unknown): value is { [key: string]: JsonValue } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function checkValue(value: unknown, where: string): void {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new StoreError(`${where}: numbers must be finite, got ${value}`);
      return;
    case 'object':
      if (value === null) return;
      if (Array.isArray(value)) {
        for (const [i, item] of value.entries()) checkValue(item, `${where}[${i}]`);
        return;
      }
      if (!isPlainObject(value)) throw new StoreError(`${where}: only plain objects are JSON documents`);
      for (const [key, item] of Object.entries(value)) checkValue(item, `${where}.${key}`);
      return;
    default:
      // `undefined`, functions, symbols and bigints: JSON.stringify would drop or throw on them
      // silently; Firestore rejects them, so the embedded store does too.
      throw new StoreError(`${where}: ${typeof value} is not a JSON value`);
  }
}

/** Checks that `data` is a JSON document (what Firestore would accept) and serialises it. */
export function serializeDocument(path: string, data: DocData): string {
  if (!isPlainObject(data)) throw new StoreError(`${path}: document data must be a plain object`);
  checkValue(data, path);
  // Firestore stores it as a Timestamp: only an instant it can round-trip exactly is accepted, on both stores.
  if (Object.hasOwn(data, EXPIRE_AT_FIELD) && !isCanonicalInstant(data[EXPIRE_AT_FIELD])) {
    throw new StoreError(`${path}.${EXPIRE_AT_FIELD}: must be an instant as Date.toISOString() writes it`);
  }
  return JSON.stringify(data);
}

/**
 * Firestore's set-with-merge: nested non-empty plain objects merge key by key; every
 * other value (arrays, scalars, and an empty object) replaces what was there.
 */
export function mergeDocument(current: DocData, patch: DocData): DocData {
  // A Map and Object.fromEntries define own properties, so a `__proto__` key stays data.
  const merged = new Map<string, JsonValue>(Object.entries(current));
  for (const [key, value] of Object.entries(patch)) {
    const existing = merged.get(key);
    if (isPlainObject(value) && Object.keys(value).length > 0 && isPlainObject(existing)) {
      merged.set(key, mergeDocument(existing, value));
    } else {
      merged.set(key, value);
    }
  }
  return Object.fromEntries(merged);
}

/** `current` as an array with each of `values` it does not hold yet appended (equal as JSON): Firestore's arrayUnion. */
export function arrayUnion(current: JsonValue | undefined, values: readonly JsonValue[]): JsonValue[] {
  const list = Array.isArray(current) ? [...current] : [];
  const seen = new Set(list.map((v) => JSON.stringify(v)));
  for (const value of values) {
    const key = JSON.stringify(value);
    if (seen.has(key)) continue;
    seen.add(key);
    list.push(value);
  }
  return list;
}
