import type { Locale } from '../runtime/locales.js';

/** A link as the account page lists it: the service in the household's language, and when. */
export type AccountLink = { grantId: string; service: string; createdAt: string; lastUsedAt?: string };

/**
 * The household's account links as the account page sees them. The composition
 * root wires this to `linking/` (which itself uses the accounts' sessions, so
 * the accounts cannot import it): the page lists and unlinks through the same
 * code as `GET/DELETE /v1/households/:hid/links`.
 */
export interface AccountLinks {
  list(householdId: string, locale: Locale): Promise<AccountLink[]>;
  /** Whether the link was there; it is revoked at once either way. */
  unlink(householdId: string, grantId: string): Promise<boolean>;
}
