import { describe, expect, it } from 'vitest';
import { activeCampaigns } from '../../src/offers/active-campaigns.js';
import { type Campaign, campaignSchema } from '../../src/offers/campaign-schema.js';

function campaign(id: string, overrides: Record<string, unknown>): Campaign {
  return campaignSchema.parse({
    id,
    trigger: { intent: 'DealsIntent' },
    rule: 'why.campaign.youAskedForDeals',
    content: { speech: `campaigns.${id}.speech`, title: `campaigns.${id}.title` },
    channels: ['alexa', 'google', 'screen'],
    priority: 50,
    sponsored: true,
    start: '2026-03-01',
    end: '2026-03-31',
    ...overrides,
  });
}

const deals = campaign('deals', {});
const cheese = campaign('cheese', { priority: 80, channels: ['screen'] });
const spring = campaign('spring', { priority: 80, start: '2026-04-01', end: '2026-04-30' });
const cream = campaign('cream', { trigger: { event: 'ingredientMissing' }, priority: 99 });
const lowStock = campaign('low-stock', { trigger: { event: 'belowReorderPoint' } });
const all = [deals, cheese, spring, cream, lowStock];
const ids = (list: readonly Campaign[]) => list.map((c) => c.id);

describe('activeCampaigns', () => {
  it('keeps the campaigns of the intent asked, on the channel, highest priority first', () => {
    expect(
      ids(
        activeCampaigns(all, { trigger: { intent: 'DealsIntent' }, channel: 'screen', date: '2026-03-15' }),
      ),
    ).toEqual(['cheese', 'deals']);
    expect(
      ids(activeCampaigns(all, { trigger: { intent: 'DealsIntent' }, channel: 'alexa', date: '2026-03-15' })),
    ).toEqual(['deals']);
  });

  it('keeps the campaigns of a domain event, never those of an intent', () => {
    expect(
      ids(
        activeCampaigns(all, {
          trigger: { event: 'ingredientMissing' },
          channel: 'screen',
          date: '2026-03-15',
        }),
      ),
    ).toEqual(['cream']);
    expect(
      ids(
        activeCampaigns(all, {
          trigger: { intent: 'ingredientMissing' },
          channel: 'screen',
          date: '2026-03-15',
        }),
      ),
    ).toEqual([]);
    expect(
      ids(activeCampaigns(all, { trigger: { event: 'DealsIntent' }, channel: 'screen', date: '2026-03-15' })),
    ).toEqual([]);
  });

  it('runs from the first to the last day, both included', () => {
    const on = (date: string) =>
      ids(activeCampaigns(all, { trigger: { intent: 'DealsIntent' }, channel: 'google', date }));
    expect(on('2026-02-28')).toEqual([]);
    expect(on('2026-03-01')).toEqual(['deals']);
    expect(on('2026-03-31')).toEqual(['deals']);
    expect(on('2026-04-01')).toEqual(['spring']);
    expect(on('2026-05-01')).toEqual([]);
  });

  it('orders ties by id, so the order never depends on the files', () => {
    const a = campaign('a-deal', { priority: 50 });
    const z = campaign('z-deal', { priority: 50 });
    const situation = { trigger: { intent: 'DealsIntent' }, channel: 'screen', date: '2026-03-15' };
    expect(ids(activeCampaigns([z, deals, a], situation))).toEqual(['a-deal', 'deals', 'z-deal']);
    expect(ids(activeCampaigns([a, z, deals], situation))).toEqual(['a-deal', 'deals', 'z-deal']);
  });

  it('leaves the list it was given as it was', () => {
    const list = [deals, cheese];
    activeCampaigns(list, { trigger: { intent: 'DealsIntent' }, channel: 'screen', date: '2026-03-15' });
    expect(ids(list)).toEqual(['deals', 'cheese']);
  });
});
