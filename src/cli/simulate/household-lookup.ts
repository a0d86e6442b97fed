/**
 * THE SEAM for `--household <id>`: how the simulator finds the household a
 * conversation is for. Today a household is plain data built from the id
 * (or none, when no id is given); the store-backed lookup (the demo
 * household of the locale, from the store) replaces `plainHouseholdLookup` by
 * being passed to `run(args, { lookupHousehold })` in simulate-command.ts.
 */
import type { Locale } from '../../runtime/locales.js';
import type { TurnHousehold } from '../../runtime/turn.js';

/** Find the household for a simulated conversation; `undefined` means an anonymous (non-personal) session. */
export type HouseholdLookup = (id: string | undefined, locale: Locale) => Promise<TurnHousehold | undefined>;

const TIME_ZONES: Record<Locale, string> = {
  'en-US': 'America/New_York',
  'en-GB': 'Europe/London',
  'fr-FR': 'Europe/Paris',
  'fr-CA': 'America/Toronto',
  'de-DE': 'Europe/Berlin',
  'es-ES': 'Europe/Madrid',
  'it-IT': 'Europe/Rome',
};

/** No store: an id becomes a household in the conversation's locale and its usual time zone. */
export const plainHouseholdLookup: HouseholdLookup = async (id, locale) =>
  id ? { id, locale, timeZone: TIME_ZONES[locale] } : undefined;
