/**
 * The offers engine as the turn pipeline sees it (`TurnOffers`): the campaigns an intent or
 * a domain event triggers, in priority order, active on the household's day and on the
 * turn's channel; each eligible one through the guards (`offer-guards.ts`) until one is
 * shown (at most one campaign offer a turn); every decision as an offer-log record. The
 * shown offer's record and the household's counters are written before the reply (the next
 * turn's cap and "why did you suggest that" read them); suppressed decisions after it.
 */
import { localDay } from '../household/device-events/local-day.js';
import { isOfferChannel } from '../household/offer-state.js';
import { paths } from '../household/paths.js';
import { randomId } from '../ids/random-id.js';
import type { Purpose } from '../runtime/consent-gate.js';
import type { JsonObject } from '../runtime/effects.js';
import type { OfferCue, OfferExplanation, OfferOutcome, TurnOffers } from '../runtime/offer-port.js';
import type { DocumentStore } from '../store/document-store.js';
import { isEligible } from './campaign-eligibility.js';
import { type Campaign, campaignContent, campaignPurposes } from './campaign-schema.js';
import { assignVariant } from './control-group.js';
import { decisionRecord, shownOfferFields } from './offer-decision-record.js';
import { decideOffer, type OfferCandidate } from './offer-guards.js';
import { OFFER_LOG, offerLogRecordSchema } from './offer-log-record.js';
import { DEFAULT_OFFER_POLICY, type OfferPolicy } from './offer-policy.js';
import { recordAnswer, recordConversion } from './record-conversion.js';

/** A campaign as the engine uses it: the authored file, with its skill and brand. */
export type EngineCampaign = Campaign & { skillId: string; brandId: string };

function triggeredBy(campaign: EngineCampaign, intent: string, cue: OfferCue | undefined): boolean {
  if ('intent' in campaign.trigger) return campaign.trigger.intent === intent;
  const { event } = campaign.trigger;
  return cue?.events?.some((e) => e.event === event) ?? false;
}

/** The engine: what turns ask of it, and what the API checks objections against. */
export type OfferEngine = TurnOffers & {
  /** Whether the brand has a campaign of that id. */
  campaignExists(brandId: string, campaignId: string): boolean;
  /** The response key of a campaign's title (the first variant's content) and the skill whose responses hold it. */
  campaignTitle(brandId: string, campaignId: string): { skillId: string; key: string } | undefined;
};

export function createOfferEngine({
  campaigns,
  store,
  policy = DEFAULT_OFFER_POLICY,
  newId = () => randomId('ofr'),
}: {
  /** Every skill's campaigns. */
  campaigns: readonly EngineCampaign[];
  store: DocumentStore;
  policy?: OfferPolicy;
  newId?: () => string;
}): OfferEngine {
  const bySkill = new Map<string, EngineCampaign[]>();
  for (const campaign of [...campaigns].sort((a, b) => b.priority - a.priority)) {
    const list = bySkill.get(campaign.skillId) ?? [];
    list.push(campaign);
    bySkill.set(campaign.skillId, list);
  }
  // Per skill and intent: the purposes the campaigns it triggers read. A domain event's campaigns
  // read nothing more: the handler that raised the event read its data (an event campaign whose
  // purposes the turn did not read is suppressed for consent, never read on speculation).
  const reads = new Map<string, readonly Purpose[]>();
  const purposesFor = (skillId: string, intent: string): readonly Purpose[] => {
    const key = `${skillId}\0${intent}`;
    let found = reads.get(key);
    if (!found) {
      const relevant = (bySkill.get(skillId) ?? []).filter(
        (c) => 'intent' in c.trigger && c.trigger.intent === intent,
      );
      found = [...new Set(relevant.flatMap(campaignPurposes))];
      reads.set(key, found);
    }
    return found;
  };

  return {
    campaignExists: (brandId, campaignId) =>
      campaigns.some((c) => c.brandId === brandId && c.id === campaignId),
    campaignTitle(brandId, campaignId) {
      const campaign = campaigns.find((c) => c.brandId === brandId && c.id === campaignId);
      return campaign && { skillId: campaign.skillId, key: campaignContent(campaign).title };
    },
    purposesFor,
    hasCampaigns: (skillId, intent) =>
      (bySkill.get(skillId) ?? []).some((c) => !('intent' in c.trigger) || c.trigger.intent === intent),

    consider({ turn, brandId, householdId, timeZone, context, state, cue }): OfferOutcome {
      const outcome: OfferOutcome = { before: [], after: [] };
      const channel = turn.channel;
      if (!isOfferChannel(channel)) return outcome;
      const day = localDay(turn.now, timeZone);
      const candidates = (bySkill.get(turn.skillId) ?? []).filter(
        (c) =>
          triggeredBy(c, turn.intent, cue) && c.channels.includes(channel) && c.start <= day && day <= c.end,
      );
      if (candidates.length === 0) return outcome;
      const counts = state.counts?.day === day ? state.counts : { day, alexa: 0, google: 0, screen: 0 };
      const _at = turn.now.toISOString();
      const requested = cue?.requested ?? false;
      const facts = { documents: context.documents, events: cue?.events ?? [], now: turn.now, timeZone };
      for (const campaign of candidates) {
        const purposes = campaignPurposes(campaign);
        const candidate: OfferCandidate = {
          kind: 'campaign',
          brandId: campaign.brandId,
          campaignId: campaign.id,
          purposes,
          sponsored: campaign.sponsored,
          ownProduct: !campaign.sponsored && campaign.brandId === brandId,
        };
        const granted = purposes.every((p) => context.granted.includes(p));
        // Whether it applies is read from the household's data only once that data is granted.
        if (granted && !isEligible(campaign.eligibility, facts)) continue;
        const decision = decideOffer(candidate, {
          householdId,
          demo: state.demo,
          channel,
          requested,
          granted: context.granted,
          marketingObjection: state.marketingObjection,
          objections: state.objections,
          counts,
          now: turn.now,
          timeZone,
          policy,
        });
        const variant = assignVariant(householdId, campaign.id, campaign.variants ?? []);
        const offerId = newId();
        const content = campaignContent(campaign, variant?.id);
        const record = decisionRecord(
          {
            offerId,
            kind: 'campaign',
            brandId: campaign.brandId,
            campaignId: campaign.id,
            variant: variant?.id,
            skillId: turn.skillId,
            channel,
            locale: turn.locale,
            trigger:
              'intent' in campaign.trigger ? { intent: turn.intent } : { event: campaign.trigger.event },
            requested,
            sponsored: campaign.sponsored,
            purposes,
            granted: context.granted,
            rule: campaign.rule,
            title: content.title,
            product: campaign.product,
            now: turn.now,
          },
          decision,
        );
        if (!decision.shown) {
          outcome.after.push({ id: offerId, record: record as unknown as JsonObject });
          continue;
        }
        const shown = shownOfferFields(counts, {
          channel,
          offerId,
          now: turn.now,
          skillId: turn.skillId,
          sameDay: state.counts?.day === day,
        });
        outcome.before.push({ id: offerId, record: record as unknown as JsonObject, ...shown });
        outcome.shown = {
          offerId,
          campaignId: campaign.id,
          ...(campaign.accept ? { accept: campaign.accept } : {}),
          sponsored: campaign.sponsored,
          speech: content.speech,
          title: content.title,
          ...(content.subtitle ? { subtitle: content.subtitle } : {}),
          values: {},
        };
        break;
      }
      return outcome;
    },

    acceptAction(skillId, campaignId) {
      const accept = bySkill.get(skillId)?.find((c) => c.id === campaignId)?.accept;
      return accept ? { intent: accept.intent, slots: accept.slots } : undefined;
    },

    recordAnswer: (householdId, offerId, answer, at) =>
      recordAnswer(store, householdId, { offerId, answer, at }),

    recordConversions: (householdId, products, at) => recordConversion(store, householdId, { products, at }),

    async explain(householdId, offerId): Promise<OfferExplanation | undefined> {
      const snap = await store.get(paths.record(householdId, OFFER_LOG, offerId));
      const parsed = offerLogRecordSchema.safeParse(snap.data);
      if (!snap.exists || !parsed.success) return undefined;
      const record = parsed.data;
      const campaign = bySkill.get(record.skillId)?.find((c) => c.id === record.campaignId);
      const content = campaign && campaignContent(campaign, record.variant);
      return {
        offerId,
        brandId: record.brandId,
        campaignId: record.campaignId,
        sponsored: record.sponsored,
        rule: record.rule,
        purposes: record.purposes,
        title: record.title ?? content?.title ?? record.rule,
        decision: record.decision,
        ...(record.reason ? { reason: record.reason } : {}),
        skillId: record.skillId,
        at: record.at,
      };
    },
  };
}
