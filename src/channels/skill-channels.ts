import { withDeadline } from '../async/with-deadline.js';
import { ProblemError } from '../http/problem.js';
import type { DocumentStore } from '../store/document-store.js';
import { type SkillChannels, skillChannelsPath, skillChannelsSchema } from './skill-channels-record.js';

export type { SkillChannels };

/** Settings change at deploy, not per request: re-read at most this often. */
const TTL_MS = 30_000;
/** How long a request waits for a re-read before it goes on with what it had. */
export const CHANNELS_READ_BUDGET_MS = 500;

export type SkillChannelsLookup = (store: DocumentStore, skillId: string) => Promise<SkillChannels>;

/**
 * Channel settings per skill: those configured for the deployment
 * (HEARTH_SKILL_CHANNELS) win; otherwise the store's, cached in-process. A
 * known value is answered at once, even stale, while a re-read runs in the
 * background: during a store outage the routes keep verifying against what
 * they knew. Only a skill never read waits, at most `budgetMs`, then 503. A
 * read that hangs longer than the budget is abandoned so the next request
 * starts a fresh one.
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
  type Entry = {
    at: number;
    value?: SkillChannels;
    reading?: Promise<SkillChannels | undefined>;
    since: number;
  };
  const cache = new Map<string, Entry>();

  const refresh = (store: DocumentStore, skillId: string, entry: Entry) => {
    if (entry.reading && now() - entry.since <= budgetMs) return entry.reading;
    const reading: Promise<SkillChannels | undefined> = store
      .get(skillChannelsPath(skillId))
      .then((snap) => {
        const parsed = skillChannelsSchema.safeParse(snap.data ?? {});
        const value = parsed.success ? parsed.data : {};
        Object.assign(entry, { at: now(), value });
        return value;
      })
      .catch(() => undefined) // a failed re-read keeps the last good value
      .finally(() => {
        if (entry.reading === reading) entry.reading = undefined;
      });
    Object.assign(entry, { reading, since: now() });
    return reading;
  };

  return async function skillChannels(store, skillId) {
    if (Object.hasOwn(configured, skillId)) return configured[skillId]!;
    let entry = cache.get(skillId);
    if (!entry) {
      entry = { at: 0, since: 0 };
      cache.set(skillId, entry);
    }
    if (entry.value && now() - entry.at < TTL_MS) return entry.value;
    const reading = refresh(store, skillId, entry);
    if (entry.value) return entry.value;
    const value = await withDeadline(reading, budgetMs, () => undefined);
    if (!value) throw new ProblemError('store_unavailable', 'channel settings could not be read');
    return value;
  };
}
