import { z } from 'zod';
import { withDeadline } from '../async/with-deadline.js';
import { ProblemError } from '../http/problem.js';
import type { DocumentStore } from '../store/document-store.js';

/**
 * `skillChannels/{skillId}`: how each platform reaches a skill in this
 * deployment — the Alexa application id and the headers Dialogflow's
 * fulfillment settings send. Deployment data, not brand-authored code, so it
 * lives in the store (the demo seeds it; production writes it at deploy).
 */
export const skillChannelsSchema = z.object({
  alexaApplicationId: z.string().min(1).optional(),
  dialogflowHeaders: z.record(z.string().min(1), z.string().min(1)).optional(),
});
export type SkillChannels = z.infer<typeof skillChannelsSchema>;

export const skillChannelsPath = (skillId: string) => `skillChannels/${skillId}`;

/** Settings change at deploy, not per request: re-read at most this often. */
const TTL_MS = 30_000;
/** How long a request waits for a re-read before it goes on with what it had. */
export const CHANNELS_READ_BUDGET_MS = 500;

export type SkillChannelsLookup = (store: DocumentStore, skillId: string) => Promise<SkillChannels>;

/**
 * Channel settings per skill: those configured for the deployment
 * (HEARTH_SKILL_CHANNELS) win; otherwise the store's, cached in-process. A
 * re-read never holds a request longer than its budget and never loses the
 * last good value: during a store outage the route keeps verifying against
 * what it knew. With nothing known and no answer, it is a 503.
 */
export function createSkillChannels({
  configured = {},
  now = Date.now,
  budgetMs = CHANNELS_READ_BUDGET_MS,
}: {
  configured?: Record<string, SkillChannels>;
  now?: () => number;
  budgetMs?: number;
} = {}): SkillChannelsLookup {
  const cache = new Map<string, { at: number; value?: SkillChannels; reading?: Promise<SkillChannels> }>();
  return async function skillChannels(store, skillId) {
    if (Object.hasOwn(configured, skillId)) return configured[skillId]!;
    const entry = cache.get(skillId) ?? { at: 0 };
    cache.set(skillId, entry);
    if (entry.value && now() - entry.at < TTL_MS) return entry.value;
    entry.reading ??= store
      .get(skillChannelsPath(skillId))
      .then((snap) => {
        const parsed = skillChannelsSchema.safeParse(snap.data ?? {});
        const value = parsed.success ? parsed.data : {};
        Object.assign(entry, { at: now(), value });
        return value;
      })
      .finally(() => {
        entry.reading = undefined;
      });
    const reading = entry.reading;
    reading.catch(() => undefined); // a failed re-read keeps the last good value
    return withDeadline(
      reading.catch(() => undefined),
      budgetMs,
      () => undefined,
    ).then((value) => {
      const known = value ?? entry.value;
      if (!known) throw new ProblemError('store_unavailable', 'channel settings could not be read');
      return known;
    });
  };
}
