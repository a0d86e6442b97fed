import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { OFFER_CHANNELS, type OfferChannel } from '../../src/household/offer-state.js';
import { controlBucket, inControlGroup } from '../../src/offers/control-group.js';
import { decideOffer, type OfferCandidate, type OfferSituation } from '../../src/offers/offer-guards.js';
import { DEFAULT_OFFER_POLICY } from '../../src/offers/offer-policy.js';
import { PURPOSES, type Purpose } from '../../src/runtime/consent-gate.js';

/** A household outside the control group at 5% (found, not assumed). */
const OUTSIDE = Array.from({ length: 100 }, (_, i) => `hh_out${i}`).find((id) => !inControlGroup(id)) ?? '';
const INSIDE = Array.from({ length: 2000 }, (_, i) => `hh_in${i}`).find((id) => inControlGroup(id)) ?? '';

const campaign: OfferCandidate = {
  kind: 'campaign',
  brandId: 'frostline',
  campaignId: 'cream-partner',
  purposes: ['inventory'],
  sponsored: true,
  ownProduct: false,
};

/** 12:00 in Paris, everything granted, nothing shown yet, asked for on a screen. */
function situation(overrides: Partial<OfferSituation> = {}): OfferSituation {
  return {
    householdId: OUTSIDE,
    demo: false,
    channel: 'screen',
    requested: false,
    granted: ['inventory', 'consumption', 'offers', 'measurement'],
    marketingObjection: false,
    objections: undefined,
    counts: { day: '2026-12-04', alexa: 0, google: 0, screen: 0 },
    now: new Date('2026-12-04T11:00:00Z'),
    timeZone: 'Europe/Paris',
    policy: DEFAULT_OFFER_POLICY,
    ...overrides,
  };
}

describe('the offer guards', () => {
  it('finds households on both sides of the control group', () => {
    expect(OUTSIDE).not.toBe('');
    expect(INSIDE).not.toBe('');
    expect(controlBucket(OUTSIDE)).toBe(controlBucket(OUTSIDE));
  });

  it('shows a sponsored card beside a screen answer when every guard passes', () => {
    expect(decideOffer(campaign, situation())).toEqual({ shown: true });
  });

  it('stops at the first guard that fails, in the order of the issue', () => {
    const cases: [Partial<OfferSituation>, string][] = [
      [{ granted: ['inventory'] }, 'consent'],
      [{ granted: ['offers'] }, 'consent'],
      [{ granted: ['inventory'], marketingObjection: true }, 'objection'],
      [{ marketingObjection: true, channel: 'alexa' }, 'objection'],
      [{ objections: { brands: ['frostline'], campaigns: [] } }, 'brandObjection'],
      [{ objections: { brands: [], campaigns: ['frostline:cream-partner'] } }, 'campaignObjection'],
      [{ channel: 'alexa' }, 'channelPolicy'],
      [{ channel: 'google' }, 'channelPolicy'],
      [{ counts: { day: '2026-12-04', alexa: 0, google: 0, screen: 4 } }, 'frequencyCap'],
      [{ now: new Date('2026-12-04T21:30:00Z') }, 'quietHours'],
      [{ now: new Date('2026-12-04T06:59:00Z') }, 'quietHours'],
      [{ householdId: INSIDE }, 'controlGroup'],
    ];
    for (const [overrides, reason] of cases)
      expect(decideOffer(campaign, situation(overrides)), reason).toEqual({ shown: false, reason });
  });

  it('lets voice offer the skill’s own products unasked and anything when asked', () => {
    const own = { ...campaign, sponsored: false, ownProduct: true };
    expect(decideOffer(own, situation({ channel: 'alexa' }))).toEqual({ shown: true });
    expect(decideOffer(campaign, situation({ channel: 'alexa', requested: true }))).toEqual({ shown: true });
    // Asked for: quiet hours do not apply, the cap does.
    const late = new Date('2026-12-04T22:00:00Z');
    expect(decideOffer(campaign, situation({ channel: 'alexa', requested: true, now: late }))).toEqual({
      shown: true,
    });
    expect(
      decideOffer(
        campaign,
        situation({
          channel: 'alexa',
          requested: true,
          counts: { day: '2026-12-04', alexa: 2, google: 0, screen: 0 },
        }),
      ),
    ).toEqual({ shown: false, reason: 'frequencyCap' });
  });

  it('never withholds a reorder proposal for the control group; an asked reorder is not capped or quiet', () => {
    const reorder: OfferCandidate = {
      kind: 'reorder',
      brandId: 'brewbox',
      campaignId: 'reorder',
      purposes: ['consumption'],
      sponsored: false,
      ownProduct: true,
    };
    expect(decideOffer(reorder, situation({ householdId: INSIDE, granted: ['consumption'] }))).toEqual({
      shown: true,
    });
    const full = { day: '2026-12-04', alexa: 9, google: 9, screen: 9 };
    const night = new Date('2026-12-04T23:00:00Z');
    expect(
      decideOffer(
        reorder,
        situation({ requested: true, counts: full, now: night, marketingObjection: true }),
      ),
    ).toEqual({ shown: true });
    expect(decideOffer(reorder, situation({ counts: full }))).toEqual({
      shown: false,
      reason: 'frequencyCap',
    });
    expect(decideOffer(reorder, situation({ marketingObjection: true }))).toEqual({
      shown: false,
      reason: 'objection',
    });
    expect(decideOffer(reorder, situation({ granted: ['offers'] }))).toEqual({
      shown: false,
      reason: 'consent',
    });
  });

  const anySituation = fc.record({
    householdId: fc.string({ minLength: 1, maxLength: 12 }),
    demo: fc.boolean(),
    channel: fc.constantFrom<OfferChannel>(...OFFER_CHANNELS),
    requested: fc.boolean(),
    granted: fc.subarray<Purpose>([...PURPOSES]),
    marketingObjection: fc.boolean(),
    brandObjection: fc.boolean(),
    campaignObjection: fc.boolean(),
    shownToday: fc.nat({ max: 6 }),
    minutes: fc.integer({ min: 0, max: 24 * 60 - 1 }),
    sponsored: fc.boolean(),
    ownProduct: fc.boolean(),
    kind: fc.constantFrom<'campaign' | 'reorder'>('campaign', 'reorder'),
  });

  test.prop([anySituation], { numRuns: 2000 })('a shown offer passed every guard', (s) => {
    const candidate: OfferCandidate = {
      kind: s.kind,
      brandId: 'frostline',
      campaignId: 'c',
      purposes: ['inventory'],
      sponsored: s.sponsored,
      ownProduct: s.ownProduct,
    };
    const now = new Date(Date.UTC(2026, 11, 4, 0, s.minutes));
    const counts = { day: '2026-12-04', alexa: s.shownToday, google: s.shownToday, screen: s.shownToday };
    const decision = decideOffer(
      candidate,
      situation({
        householdId: s.householdId,
        demo: s.demo,
        channel: s.channel,
        requested: s.requested,
        granted: s.granted,
        marketingObjection: s.marketingObjection,
        objections: {
          brands: s.brandObjection ? ['frostline'] : [],
          campaigns: s.campaignObjection ? ['frostline:c'] : [],
        },
        counts,
        now,
        timeZone: 'UTC',
      }),
    );
    if (!decision.shown) return;
    const campaignKind = s.kind === 'campaign';
    expect(s.granted).toContain('inventory');
    if (campaignKind) {
      expect(s.granted).toContain('offers');
      expect(s.marketingObjection || s.brandObjection || s.campaignObjection).toBe(false);
      if (s.channel !== 'screen') expect(s.requested || (s.ownProduct && !s.sponsored)).toBe(true);
      expect(s.shownToday).toBeLessThan(DEFAULT_OFFER_POLICY.dailyCaps[s.channel]);
      if (!s.demo) expect(inControlGroup(s.householdId)).toBe(false);
    }
    if (!s.requested) {
      expect(s.marketingObjection).toBe(false);
      expect(s.shownToday).toBeLessThan(DEFAULT_OFFER_POLICY.dailyCaps[s.channel]);
      expect(s.minutes >= 8 * 60 && s.minutes < 21 * 60).toBe(true);
    }
  });

  it('puts about 5% of households in the control group', () => {
    const n = 20_000;
    let inside = 0;
    for (let i = 0; i < n; i++) if (inControlGroup(`hh_${i}`)) inside++;
    expect(inside / n).toBeGreaterThan(0.04);
    expect(inside / n).toBeLessThan(0.06);
  });
});
