import { describe, expect, it } from 'vitest';
import {
  adjustCapsuleStock,
  type CapsuleStock,
  MAX_CAPSULE_VARIETIES,
  parseCapsules,
} from '../../src/household/device-events/context-updates.js';

const AT = '2026-11-20T09:00:00.000Z';
const full = (): Record<string, CapsuleStock> =>
  Object.fromEntries(
    Array.from({ length: MAX_CAPSULE_VARIETIES }, (_, i) => [
      `v${i}`,
      { stock: 1, perDay: 0, updatedAt: AT },
    ]),
  );

describe('adjustCapsuleStock', () => {
  it.each(['constructor', 'toString', 'valueOf', 'hasOwnProperty'])(
    'keeps a variety named %s out once the document holds the most varieties, like any new variety',
    (variety) => {
      const capsules = full();
      expect(Object.keys(adjustCapsuleStock(capsules, variety, 5, AT))).toHaveLength(MAX_CAPSULE_VARIETIES);
      expect(Object.keys(adjustCapsuleStock(capsules, 'decaf', 5, AT))).toHaveLength(MAX_CAPSULE_VARIETIES);
    },
  );

  it('starts a variety named constructor at zero, with numbers only, when there is room', () => {
    expect(adjustCapsuleStock({}, 'constructor', 3, AT)).toEqual({
      constructor: { stock: 3, perDay: 0, updatedAt: AT },
    });
  });
});

describe('parseCapsules', () => {
  it('keeps a stored __proto__ key as data, never as the prototype of the result', () => {
    const data = JSON.parse(`{"capsules":{"__proto__":{"stock":1,"perDay":0,"updatedAt":"${AT}"}}}`);
    const capsules = parseCapsules(data);
    expect(Object.getPrototypeOf(capsules)).toBe(Object.prototype);
    expect(Object.keys(capsules)).toEqual(['__proto__']);
  });
});
