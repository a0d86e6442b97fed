import { describe, expect, it } from 'vitest';
import { understoodOf } from '../../src/runtime/understood.js';

describe('understoodOf', () => {
  it('gives slot ids, the resolved value (numbers as digits) when a value has no id', () => {
    expect(
      understoodOf({
        intent: 'ReorderIntent',
        slots: {
          variety: { raw: 'Ristretto', value: 'Ristretto', id: 'ristretto' },
          quantity: { raw: 'fünfzig', value: '50' },
        },
        confidence: 0.9166666,
      }),
    ).toEqual({ intent: 'ReorderIntent', slots: { variety: 'ristretto', quantity: '50' }, confidence: 0.92 });
  });

  it('keeps the confidence within [0, 1]', () => {
    const at = (confidence: number) => understoodOf({ intent: 'X', slots: {}, confidence }).confidence;
    expect(at(-0.2)).toBe(0);
    expect(at(1.3)).toBe(1);
    expect(at(Number.NaN)).toBe(0);
    expect(at(0.004)).toBe(0);
    expect(at(0.996)).toBe(1);
  });

  it('keeps a slot named like a prototype key as data', () => {
    const slots = JSON.parse('{"__proto__": {"raw": "x", "value": "x"}}');
    const understood = understoodOf({ intent: 'X', slots, confidence: 1 });
    expect(Object.getPrototypeOf(understood.slots)).toBe(Object.prototype);
    expect(Object.entries(understood.slots)).toEqual([['__proto__', 'x']]);
  });
});
