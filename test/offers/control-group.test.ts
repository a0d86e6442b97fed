import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CONTROL_BUCKETS,
  controlBucket,
  householdInControlGroup,
  inControlGroup,
} from '../../src/offers/control-group.js';

describe('the control group', () => {
  it('puts a household in a stable bucket from the SHA-256 of its id', () => {
    const expected = createHash('sha256').update('hh_abc').digest().readUInt32BE(0) % CONTROL_BUCKETS;
    expect(controlBucket('hh_abc')).toBe(expected);
    expect(controlBucket('hh_abc')).toBe(controlBucket('hh_abc'));
    expect(controlBucket('hh_abd')).not.toBe(controlBucket('hh_abc'));
  });

  it('holds about 5% of households by default, and the share asked for otherwise', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `hh_${i.toString(36)}`);
    for (const id of ids.slice(0, 500)) {
      expect(controlBucket(id)).toBeGreaterThanOrEqual(0);
      expect(controlBucket(id)).toBeLessThan(CONTROL_BUCKETS);
    }
    const share = (s?: number) => ids.filter((id) => inControlGroup(id, s)).length / ids.length;
    expect(share()).toBeGreaterThan(0.045);
    expect(share()).toBeLessThan(0.055);
    expect(share(0.2)).toBeGreaterThan(0.19);
    expect(share(0.2)).toBeLessThan(0.21);
    expect(share(0)).toBe(0);
    // A larger share keeps everyone a smaller one held.
    expect(ids.filter((id) => inControlGroup(id) && !inControlGroup(id, 0.2))).toEqual([]);
  });

  it('never holds a demo household', () => {
    const member = Array.from({ length: 1000 }, (_, i) => `hh_${i}`).find((id) => inControlGroup(id));
    expect(member).toBeDefined();
    expect(householdInControlGroup({ id: member ?? '' })).toBe(true);
    expect(householdInControlGroup({ id: member ?? '', demo: true })).toBe(false);
  });
});
