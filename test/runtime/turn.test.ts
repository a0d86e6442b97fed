import { describe, expect, it } from 'vitest';
import {
  MAX_SESSION_BYTES,
  MAX_SESSION_DEPTH,
  parseSession,
  sessionBoundsProblem,
} from '../../src/runtime/turn.js';

/** `{ x: [[…1…]] }` with `arrays` nested arrays: the session object is one level, each array another. */
const nestedSession = (arrays: number): unknown => ({
  x: JSON.parse(`${'['.repeat(arrays)}1${']'.repeat(arrays)}`),
});

describe('parseSession', () => {
  it('keeps valid session state as it is', () => {
    const session = { _elicit: { intent: 'A', slots: { a: 'b' } }, list: [1, 'two', null, true] };
    expect(parseSession(session)).toEqual(session);
  });

  it(`accepts ${MAX_SESSION_DEPTH} levels of nesting and starts afresh at one more`, () => {
    expect(parseSession(nestedSession(MAX_SESSION_DEPTH - 1))).toHaveProperty('x');
    expect(parseSession(nestedSession(MAX_SESSION_DEPTH))).toEqual({});
  });

  it('never throws for nesting deeper than the stack, and answers {} instead', () => {
    expect(parseSession(nestedSession(4000))).toEqual({});
    expect(parseSession(nestedSession(200_000))).toEqual({});
  });

  it('answers {} for a session over the size limit', () => {
    expect(parseSession({ big: 'x'.repeat(MAX_SESSION_BYTES) })).toEqual({});
  });

  it('answers {} for what is not session state: arrays, scalars, cycles, non-JSON values', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const raw of [
      undefined,
      null,
      'x',
      3,
      ['a'],
      cyclic,
      { n: 10n },
      { f: () => 1 },
      { d: Number.NaN },
    ]) {
      expect(parseSession(raw)).toEqual({});
    }
  });

  it('drops a __proto__ key without polluting prototypes', () => {
    const parsed = parseSession(JSON.parse('{"__proto__":{"polluted":true},"a":1}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.keys(parsed)).toEqual(['a']);
  });
});

describe('sessionBoundsProblem', () => {
  it('names the depth or the size, and nothing for a session within bounds', () => {
    expect(sessionBoundsProblem({ a: [1] })).toBeUndefined();
    expect(sessionBoundsProblem(nestedSession(4000))).toMatch(/32 levels/);
    expect(sessionBoundsProblem({ big: 'x'.repeat(MAX_SESSION_BYTES) })).toMatch(/bytes/);
  });
});
