import { describe, expect, it } from 'vitest';
import { type CampaignVocabulary, checkCampaignReferences } from '../../src/offers/campaign-references.js';
import { campaignSchema } from '../../src/offers/campaign-schema.js';

const bulkBox = campaignSchema.parse({
  id: 'bulk-box',
  trigger: { event: 'belowReorderPoint' },
  eligibility: [{ drinksVariety: 'ristretto' }, { hasIngredient: 'milk' }],
  rule: 'why.campaign.lowStock',
  content: { speech: 'campaigns.bulk-box.speech', title: 'campaigns.bulk-box.title' },
  channels: ['screen'],
  priority: 60,
  sponsored: false,
  start: '2026-01-01',
  end: '2026-12-31',
  product: { variety: 'ristretto' },
});
const at = { file: 'skills/coffee-companion/campaigns/bulk-box.json', skill: 'coffee-companion' };

function vocabulary(overrides: Partial<CampaignVocabulary> = {}): CampaignVocabulary {
  return {
    intents: new Set(['CapsuleStockIntent']),
    varieties: new Set(['ristretto', 'decaf']),
    ingredients: new Set(['milk', 'cream']),
    slotsOf: (intent) =>
      intent === 'ReorderIntent' ? { variety: 'Variety', quantity: 'AMAZON.NUMBER' } : undefined,
    valueIds: (type) => (type === 'Variety' ? new Set(['ristretto', 'decaf']) : undefined),
    hasResponse: () => true,
    responsesFile: (locale) => `locales/${locale}/coffee-companion/responses.json`,
    ...overrides,
  };
}

const accepting = (accept: Record<string, unknown>) =>
  campaignSchema.parse({
    ...bulkBox,
    accept: {
      question: 'campaigns.bulk-box.acceptQuestion',
      label: 'campaigns.bulk-box.acceptLabel',
      ...accept,
    },
  });

describe('checkCampaignReferences', () => {
  it('checks the accept action: an intent of the skill, its slots, values of their types', () => {
    const good = accepting({ intent: 'ReorderIntent', slots: { variety: 'ristretto', quantity: '50' } });
    expect(checkCampaignReferences(good, vocabulary(), at)).toEqual([]);
    const codes = (accept: Record<string, unknown>) =>
      checkCampaignReferences(accepting(accept), vocabulary(), at).map((p) => [p.code, p.message]);
    expect(codes({ intent: 'OrderPizzaIntent' })).toEqual([
      ['campaign-unknown-intent', 'accept.intent: OrderPizzaIntent is not an intent of coffee-companion'],
    ]);
    expect(
      codes({ intent: 'ReorderIntent', slots: { size: 'large', variety: 'lungo', quantity: 'ten' } }),
    ).toEqual([
      ['campaign-unknown-slot', 'accept.slots.size: ReorderIntent has no slot size'],
      ['campaign-unknown-slot-value', 'accept.slots.variety: "lungo" is not a value of Variety'],
      ['campaign-unknown-slot-value', 'accept.slots.quantity: "ten" is not a number'],
    ]);
  });

  it("names the accept action's keys among the campaign's, under its own prefix", () => {
    const missing = checkCampaignReferences(
      accepting({ intent: 'ReorderIntent' }),
      vocabulary({ hasResponse: (_l, key) => !key.includes('accept') }),
      at,
    );
    expect(new Set(missing.map((p) => p.message))).toEqual(
      new Set([
        '"campaigns.bulk-box.acceptLabel" (named by skills/coffee-companion/campaigns/bulk-box.json) is missing (after fallback)',
        '"campaigns.bulk-box.acceptQuestion" (named by skills/coffee-companion/campaigns/bulk-box.json) is missing (after fallback)',
      ]),
    );
    const foreign = campaignSchema.safeParse({
      ...bulkBox,
      accept: { intent: 'ReorderIntent', question: 'campaigns.other.q', label: 'campaigns.bulk-box.l' },
    });
    expect(foreign.success).toBe(false);
    expect(foreign.error?.issues.map((i) => i.path.join('.'))).toEqual(['accept.question']);
  });

  it('finds nothing wrong with a campaign whose names the skill knows', () => {
    expect(checkCampaignReferences(bulkBox, vocabulary(), at)).toEqual([]);
  });

  it('names every variety the catalog does not sell, where the campaign names it', () => {
    const problems = checkCampaignReferences(bulkBox, vocabulary({ varieties: new Set(['decaf']) }), at);
    expect(problems.map((p) => [p.code, p.campaign, p.message])).toEqual([
      [
        'campaign-unknown-variety',
        'bulk-box',
        'eligibility.0.drinksVariety: "ristretto" is not a variety of the skill\'s capsule catalog',
      ],
      [
        'campaign-unknown-variety',
        'bulk-box',
        'product.variety: "ristretto" is not a variety of the skill\'s capsule catalog',
      ],
    ]);
  });

  it('says so when a skill without a capsule catalog names a variety, and stays quiet when the catalog is broken', () => {
    expect(checkCampaignReferences(bulkBox, vocabulary({ varieties: 'none' }), at)[0]?.message).toContain(
      'ships no capsule catalog',
    );
    expect(checkCampaignReferences(bulkBox, vocabulary({ varieties: 'unreadable' }), at)).toEqual([]);
  });

  it('names ingredients outside the vocabulary', () => {
    expect(
      checkCampaignReferences(bulkBox, vocabulary({ ingredients: new Set(['cream']) }), at).map(
        (p) => p.code,
      ),
    ).toEqual(['campaign-unknown-ingredient']);
  });

  it('names a triggering intent the skill does not define', () => {
    const asked = campaignSchema.parse({ ...bulkBox, trigger: { intent: 'DealsIntent' } });
    expect(checkCampaignReferences(asked, vocabulary(), at)).toEqual([
      expect.objectContaining({ code: 'campaign-unknown-intent', file: at.file, campaign: 'bulk-box' }),
    ]);
  });

  it('names each missing key in each primary locale, in that locale’s responses file', () => {
    const problems = checkCampaignReferences(
      bulkBox,
      vocabulary({
        hasResponse: (locale, key) => !(locale === 'de-DE' && key === 'campaigns.bulk-box.title'),
      }),
      at,
    );
    expect(problems).toEqual([
      {
        code: 'campaign-missing-key',
        file: 'locales/de-DE/coffee-companion/responses.json',
        skill: 'coffee-companion',
        campaign: 'bulk-box',
        locale: 'de-DE',
        message: `"campaigns.bulk-box.title" (named by ${at.file}) is missing (after fallback)`,
      },
    ]);
  });
});
