import { describe, expect, it } from 'vitest';
import {
  type Campaign,
  campaignContent,
  campaignPurposes,
  campaignResponseKeys,
  campaignSchema,
} from '../../src/offers/campaign-schema.js';

/** A valid campaign as a brand would write it; tests change one thing at a time. */
function authored(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'decaf-evening',
    trigger: { intent: 'CapsuleStockIntent' },
    eligibility: [{ drinksVariety: 'ristretto' }],
    rule: 'why.campaign.drinksRistretto',
    content: { speech: 'campaigns.decaf-evening.speech', title: 'campaigns.decaf-evening.title' },
    channels: ['alexa', 'screen'],
    priority: 40,
    sponsored: false,
    start: '2026-01-01',
    end: '2026-12-31',
    product: { variety: 'decaf' },
    ...overrides,
  };
}

function issues(data: unknown): Array<{ path: string; message: string; code?: string }> {
  const parsed = campaignSchema.safeParse(data);
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => ({
    path: i.path.join('.'),
    message: i.message,
    ...('params' in i && i.params && typeof i.params.code === 'string' ? { code: i.params.code } : {}),
  }));
}

describe('campaign schema', () => {
  it('accepts a campaign as authored, with or without variants and product', () => {
    expect(issues(authored())).toEqual([]);
    expect(issues(authored({ product: undefined }))).toEqual([]);
    expect(
      issues(
        authored({
          variants: [
            { id: 'a', weight: 50 },
            {
              id: 'b',
              weight: 50,
              content: { speech: 'campaigns.decaf-evening.speechB', title: 'campaigns.decaf-evening.title' },
            },
          ],
        }),
      ),
    ).toEqual([]);
  });

  it('takes an empty eligibility list as "every household", and a missing one as empty', () => {
    const parsed = campaignSchema.parse(authored({ eligibility: undefined }));
    expect(parsed.eligibility).toEqual([]);
  });

  it('refuses a key it does not know, such as a brandId (the brand is the skill’s)', () => {
    expect(issues(authored({ brandId: 'crema' }))).toEqual([
      expect.objectContaining({ message: expect.stringContaining('brandId') }),
    ]);
  });

  it('refuses ids that are not lower-case', () => {
    expect(issues(authored({ id: 'Decaf_Evening' })).map((i) => i.path)).toContain('id');
  });

  it('takes an intent or one of the domain events as trigger, nothing else', () => {
    expect(issues(authored({ trigger: { event: 'belowReorderPoint' } }))).toEqual([]);
    expect(issues(authored({ trigger: { event: 'ingredientMissing' } }))).toEqual([]);
    expect(issues(authored({ trigger: { event: 'rainyDay' } }))).not.toEqual([]);
    expect(issues(authored({ trigger: { intent: 'DealsIntent', event: 'belowReorderPoint' } }))).not.toEqual(
      [],
    );
  });

  it('knows four kinds of condition, one key each', () => {
    expect(
      issues(
        authored({
          eligibility: [
            { drinksVariety: 'ristretto' },
            { hasIngredient: 'milk' },
            { missingIngredient: 'cream' },
            { belowReorderPoint: true },
          ],
        }),
      ),
    ).toEqual([]);
    expect(issues(authored({ eligibility: [{ likesCheese: true }] }))).not.toEqual([]);
    expect(issues(authored({ eligibility: [{ belowReorderPoint: false }] }))).not.toEqual([]);
    expect(
      issues(authored({ eligibility: [{ hasIngredient: 'milk', missingIngredient: 'cream' }] })),
    ).not.toEqual([]);
  });

  it('wants the rule as a why.campaign.<name> key that explanations accept', () => {
    expect(issues(authored({ rule: 'why.popular' })).map((i) => i.path)).toEqual(['rule']);
    expect(issues(authored({ rule: 'why.campaign.low-stock' })).map((i) => i.path)).toEqual(['rule']);
  });

  it('wants content keys under campaigns.<id>., in the campaign and in its variants', () => {
    expect(
      issues(
        authored({ content: { speech: 'campaigns.bulk-box.speech', title: 'campaigns.decaf-evening.t' } }),
      ),
    ).toEqual([expect.objectContaining({ path: 'content.speech', code: 'campaign-key-prefix' })]);
    expect(
      issues(
        authored({
          variants: [
            { id: 'a', weight: 50 },
            { id: 'b', weight: 50, content: { speech: 'stock.empty', title: 'campaigns.decaf-evening.t' } },
          ],
        }),
      ),
    ).toEqual([expect.objectContaining({ path: 'variants.1.content.speech', code: 'campaign-key-prefix' })]);
  });

  it('wants 2 to 4 variants whose weights sum to 100, with distinct ids', () => {
    const variant = (id: string, weight: number) => ({ id, weight });
    expect(issues(authored({ variants: [variant('a', 99)] })).map((i) => i.path)).toContain('variants');
    expect(
      issues(authored({ variants: ['a', 'b', 'c', 'd', 'e'].map((id) => variant(id, 20)) })).map(
        (i) => i.path,
      ),
    ).toEqual(['variants']);
    expect(issues(authored({ variants: [variant('a', 60), variant('b', 50)] }))).toEqual([
      { path: 'variants', message: 'variant weights sum to 110, not 100', code: 'campaign-weights' },
    ]);
    expect(
      issues(authored({ variants: [variant('a', 50), variant('a', 50)] })).map((i) => i.message),
    ).toEqual(['a variant id is listed twice']);
    expect(issues(authored({ variants: [variant('a', 50.5), variant('b', 49.5)] }))).not.toEqual([]);
  });

  it('wants at least one known channel, each once', () => {
    expect(issues(authored({ channels: [] }))).not.toEqual([]);
    expect(issues(authored({ channels: ['fax'] }))).not.toEqual([]);
    expect(issues(authored({ channels: ['screen', 'screen'] }))).not.toEqual([]);
  });

  it('wants an integer priority from 0 to 100', () => {
    expect(issues(authored({ priority: 0 }))).toEqual([]);
    expect(issues(authored({ priority: 100 }))).toEqual([]);
    expect(issues(authored({ priority: 101 }))).not.toEqual([]);
    expect(issues(authored({ priority: 2.5 }))).not.toEqual([]);
  });

  it('wants calendar dates, the end not before the start', () => {
    expect(issues(authored({ start: '2026-05-01', end: '2026-05-01' }))).toEqual([]);
    expect(issues(authored({ start: '2026-02-30' })).map((i) => i.path)).toEqual(['start']);
    expect(issues(authored({ end: '2026-12-31T00:00:00Z' })).map((i) => i.path)).toEqual(['end']);
    expect(issues(authored({ start: '2026-05-02', end: '2026-05-01' }))).toEqual([
      { path: 'end', message: 'end 2026-05-01 is before start 2026-05-02', code: 'campaign-dates' },
    ]);
  });

  it('takes a variety or an ingredient as product', () => {
    expect(issues(authored({ product: { ingredient: 'cream' } }))).toEqual([]);
    expect(issues(authored({ product: { variety: 'decaf', ingredient: 'cream' } }))).not.toEqual([]);
  });

  it('does not crash on values of the wrong type', () => {
    expect(issues(authored({ variants: 'ab', content: 3, start: 20260101 })).length).toBeGreaterThan(0);
    expect(issues(null).length).toBeGreaterThan(0);
  });
});

describe('campaignPurposes', () => {
  const purposesOf = (overrides: Record<string, unknown>) =>
    campaignPurposes(campaignSchema.parse(authored(overrides)));

  it('names the purpose each condition reads, once, in the purposes’ order, never offers', () => {
    expect(purposesOf({})).toEqual(['consumption']);
    expect(
      purposesOf({
        eligibility: [
          { hasIngredient: 'milk' },
          { drinksVariety: 'ristretto' },
          { missingIngredient: 'cream' },
        ],
      }),
    ).toEqual(['inventory', 'consumption']);
    expect(purposesOf({ eligibility: [] })).toEqual([]);
  });

  it('adds the purpose of the data a triggering event comes from', () => {
    expect(purposesOf({ trigger: { event: 'ingredientMissing' }, eligibility: [] })).toEqual(['inventory']);
    expect(
      purposesOf({ trigger: { event: 'belowReorderPoint' }, eligibility: [{ hasIngredient: 'milk' }] }),
    ).toEqual(['inventory', 'consumption']);
  });
});

describe('campaign content and keys', () => {
  const campaign: Campaign = campaignSchema.parse(
    authored({
      content: {
        speech: 'campaigns.decaf-evening.speech',
        title: 'campaigns.decaf-evening.title',
        subtitle: 'campaigns.decaf-evening.subtitle',
      },
      variants: [
        { id: 'a', weight: 50 },
        {
          id: 'b',
          weight: 50,
          content: { speech: 'campaigns.decaf-evening.speechB', title: 'campaigns.decaf-evening.title' },
        },
      ],
    }),
  );

  it('gives a variant its own content, else the campaign’s', () => {
    expect(campaignContent(campaign, 'b').speech).toBe('campaigns.decaf-evening.speechB');
    expect(campaignContent(campaign, 'a').speech).toBe('campaigns.decaf-evening.speech');
    expect(campaignContent(campaign).subtitle).toBe('campaigns.decaf-evening.subtitle');
  });

  it('lists every key the campaign names, once', () => {
    expect(campaignResponseKeys(campaign)).toEqual([
      'campaigns.decaf-evening.speech',
      'campaigns.decaf-evening.speechB',
      'campaigns.decaf-evening.subtitle',
      'campaigns.decaf-evening.title',
      'why.campaign.drinksRistretto',
    ]);
  });
});
