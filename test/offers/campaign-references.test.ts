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
    hasResponse: () => true,
    responsesFile: (locale) => `locales/${locale}/coffee-companion/responses.json`,
    ...overrides,
  };
}

describe('checkCampaignReferences', () => {
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
