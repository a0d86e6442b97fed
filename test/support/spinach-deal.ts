/**
 * A test campaign: a sponsored card on "what's in my fridge" for households
 * with spinach, worded with existing response keys (the offers tests' engine).
 */
import type { EngineCampaign } from '../../src/offers/offer-engine.js';

export const spinachDeal: EngineCampaign = {
  id: 'spinach-deal',
  skillId: 'fridge-chef',
  brandId: 'frostline',
  trigger: { intent: 'WhatsInMyFridgeIntent' },
  eligibility: [{ hasIngredient: 'spinach' }],
  rule: 'why.usesExpiring',
  content: { speech: 'why.matches', title: 'fridge.cardTitle' },
  channels: ['screen', 'alexa'],
  priority: 10,
  sponsored: true,
  start: '2026-01-01',
  end: '2027-12-31',
  product: { ingredient: 'cream' },
};
