/**
 * Which authored campaigns a situation can run, before any guard: the engine asks this for
 * the trigger at hand (an intent asked, a domain event), then applies consent, objections,
 * channel policy, caps, quiet hours and the control group to what it returns.
 */
import type { Campaign } from './campaign-schema.js';

/** What a turn or a domain event offers the engine: a trigger, the channel and the household's calendar day. */
export type CampaignSituation = {
  trigger: { intent: string } | { event: string };
  channel: string;
  /** The household's calendar day, `YYYY-MM-DD` (in its time zone). */
  date: string;
};

/**
 * The campaigns this situation can run: same trigger, on this channel, between start and end
 * (inclusive), the highest priority first (ties by id, so the order is stable). Consent and the
 * other guards are the engine's job.
 */
export function activeCampaigns<C extends Campaign>(
  campaigns: readonly C[],
  situation: CampaignSituation,
): C[] {
  const { trigger, channel, date } = situation;
  return campaigns
    .filter(
      (c) =>
        ('intent' in trigger
          ? 'intent' in c.trigger && c.trigger.intent === trigger.intent
          : 'event' in c.trigger && c.trigger.event === trigger.event) &&
        (c.channels as readonly string[]).includes(channel) &&
        c.start <= date &&
        date <= c.end,
    )
    .sort((a, b) => b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
