import { z } from 'zod';
import { SAFE_ID } from '../ids/safe-id.js';

/** Where the demo remembers what it seeded, in order: the households, brands and makers of demo.json. */
export const DEMO_MARKER_PATH = 'meta/demo';

const ids = z.array(z.string().regex(SAFE_ID)).catch([]);

/**
 * `meta/demo`: what the demo seeded. Every reader (reset, demo.json, the demo
 * page, the simulator) and the seed share this one schema. Only ids (SAFE_ID),
 * so that an edited marker cannot point a recursive delete at another path;
 * markers from before `skillChannels` was recorded list none.
 */
export const demoMarkerSchema = z.object({
  seededAt: z.string().catch(''),
  households: ids,
  brands: ids,
  makers: ids,
  /** The skills whose `skillChannels` document the demo created (never one a deployment wrote). */
  skillChannels: ids,
  /**
   * The OAuth clients the demo registered, with their secrets: only a hash is in the client's
   * document, and demo.json shows the secret at every start (a real client's is shown once).
   */
  oauthClients: z
    .array(z.object({ clientId: z.string().regex(SAFE_ID), secret: z.string().min(1) }))
    .catch([]),
});
export type DemoMarker = z.output<typeof demoMarkerSchema>;

/** The marker as stored, or one listing nothing when it is missing or malformed. */
export function parseDemoMarker(data: unknown): DemoMarker {
  const parsed = demoMarkerSchema.safeParse(data ?? {});
  return parsed.success
    ? parsed.data
    : { seededAt: '', households: [], brands: [], makers: [], skillChannels: [], oauthClients: [] };
}
