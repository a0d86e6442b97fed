/**
 * A proposal's price and delivery day as the household's locale says them: for speech
 * and screens alike ("21,50 €", "£18.00", "Thursday").
 */
import type { ReorderProposalDraft } from './reorder-proposal.js';

/** An amount in minor units of `currency`, in the locale's format (`21,50 €` in de-DE). */
export function formatPrice(totalMinor: number, currency: string, locale: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(totalMinor / 10 ** digits);
}

/** The weekday of an ISO date in the locale (`jeudi`, `Thursday`). */
export function formatWeekday(isoDate: string, locale: string): string {
  // Noon UTC of that date, read in UTC: the date is already the household's calendar day.
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(`${isoDate}T12:00:00Z`),
  );
}

/** The day and month of an ISO date in the locale (`4 décembre`, `December 4`). */
export function formatDayMonth(isoDate: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    new Date(`${isoDate}T12:00:00Z`),
  );
}

/** What a reply says of a proposal: its total, and its delivery weekday and date. */
export interface ProposalWords {
  total: string;
  deliveryWeekday: string;
  deliveryDate: string;
}

export function describeProposal(draft: ReorderProposalDraft, locale: string): ProposalWords {
  return {
    total: formatPrice(draft.totalMinor, draft.currency, locale),
    deliveryWeekday: formatWeekday(draft.deliveryOn, locale),
    deliveryDate: formatDayMonth(draft.deliveryOn, locale),
  };
}
