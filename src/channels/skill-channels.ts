import { z } from 'zod';
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

const TTL_MS = 30_000;

/** Reads channel settings with a short in-process cache: they change at deploy, not per request. */
export function createSkillChannelsCache(store: DocumentStore, now: () => number = Date.now) {
  const cache = new Map<string, { at: number; value: Promise<SkillChannels> }>();
  return async function skillChannels(skillId: string): Promise<SkillChannels> {
    const hit = cache.get(skillId);
    if (hit && now() - hit.at < TTL_MS) return hit.value;
    const value = store.get(skillChannelsPath(skillId)).then((snap) => {
      const parsed = skillChannelsSchema.safeParse(snap.data ?? {});
      return parsed.success ? parsed.data : {};
    });
    cache.set(skillId, { at: now(), value });
    value.catch(() => cache.delete(skillId));
    return value;
  };
}
