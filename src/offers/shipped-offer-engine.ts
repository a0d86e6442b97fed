/**
 * The offers engine on the campaigns shipped with the skills (`skills/<id>/campaigns/`), read
 * once at start. A campaign file `hearth validate` would reject stops the start, as a catalog does.
 */
import type { DocumentStore } from '../store/document-store.js';
import { loadCampaigns } from './load-campaigns.js';
import { createOfferEngine, type OfferEngine } from './offer-engine.js';
import type { OfferPolicy } from './offer-policy.js';

export function createShippedOfferEngine({
  skills,
  store,
  policy,
}: {
  skills: ReadonlyArray<{ id: string; brandId: string }>;
  store: DocumentStore;
  policy?: OfferPolicy;
}): OfferEngine {
  const { bySkill, problems } = loadCampaigns(skills);
  if (problems.length > 0) {
    const list = problems.map((p) => `${p.file}${p.campaign ? ` (${p.campaign})` : ''}: ${p.message}`);
    throw new Error(`campaigns have problems (run hearth validate):\n${list.join('\n')}`);
  }
  return createOfferEngine({
    campaigns: Object.values(bySkill).flat(),
    store,
    ...(policy ? { policy } : {}),
  });
}
