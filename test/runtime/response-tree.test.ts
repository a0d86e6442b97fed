import { describe, expect, it } from 'vitest';
import { responseTreeSchema } from '../../src/runtime/locale-files.js';

describe('responseTreeSchema', () => {
  it('accepts nested objects of strings', () => {
    const tree = { a: 'x', b: { c: 'y', d: { e: '' } } };
    expect(responseTreeSchema.parse(tree)).toEqual(tree);
  });

  it('names the path of every leaf that is not a string or an object', () => {
    const parsed = responseTreeSchema.safeParse({ a: 1, b: { c: ['x'], d: { e: null } }, f: 'ok' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['a', 'b.c', 'b.d.e']);
  });

  it('refuses a root that is not an object', () => {
    expect(responseTreeSchema.safeParse('text').success).toBe(false);
    expect(responseTreeSchema.safeParse(['a']).success).toBe(false);
  });
});
