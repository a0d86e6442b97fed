import type { HouseholdRecord, Locale } from '../household/household-record.js';
import { paths } from '../household/paths.js';
import { randomId } from '../ids/random-id.js';
import type { DocumentStore } from '../store/document-store.js';
import { type AuditActor, auditRecord } from './audit-record.js';

/** Longest time zone name accepted (the IANA names are far shorter). */
const MAX_TIME_ZONE_CHARS = 64;

/**
 * The IANA time zone as Intl names it (`europe/paris` -> `Europe/Paris`), or
 * undefined when Intl does not know it: quiet hours and "expires today" are
 * computed in it, so a zone the runtime cannot use is refused at the door. A
 * fixed offset (`+01:00`, which Node 24's Intl accepts and Node 20's does not)
 * is refused on every runtime: a household lives in a place, whose offset
 * changes with daylight saving time.
 */
export function canonicalTimeZone(timeZone: string): string | undefined {
  if (timeZone.length === 0 || timeZone.length > MAX_TIME_ZONE_CHARS) return undefined;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
    return /^[+-]/.test(resolved) || /^[+-]/.test(timeZone) ? undefined : resolved;
  } catch {
    return undefined;
  }
}

/** What a new household starts with. */
export type NewHousehold = { locale: Locale; timeZone: string; name?: string };

/**
 * Creates a household with no devices, no links and no consents (every purpose
 * is then not granted), generation 1 for its household tokens; the creation is
 * audited (who, not which household: its id only as a hash). Throws on a time
 * zone Intl does not know: callers validate first, this keeps the store clean.
 */
export async function createHousehold(
  store: DocumentStore,
  input: NewHousehold,
  /** A brand's companion app onboarding the household, or an operator with the CLI. */
  by: AuditActor,
  now = new Date(),
): Promise<{ id: string }> {
  const timeZone = canonicalTimeZone(input.timeZone);
  if (!timeZone) throw new Error(`unknown time zone ${JSON.stringify(input.timeZone.slice(0, 64))}`);
  const id = randomId('hh');
  const at = now.toISOString();
  await store
    .batch()
    .create(paths.household(id), {
      ...(input.name ? { name: input.name } : {}),
      locale: input.locale,
      timeZone,
      createdAt: at,
      auth: { household: 1, links: {}, devices: {} },
    } satisfies HouseholdRecord)
    .set(
      ...auditRecord({
        type: 'household.created',
        by,
        subject: { kind: 'household', householdId: id },
        at: now,
      }),
    )
    .commit();
  return { id };
}
