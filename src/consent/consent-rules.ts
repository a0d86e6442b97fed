/**
 * What consent means per purpose: the current notice version of each (a newer
 * version makes older grants stale until the household confirms again), which
 * purposes are granted per brand (as consent frameworks grant per vendor), and
 * how a household's current state answers "is this granted now".
 */
import type { ConsentChoices, MarketingObjection } from '../household/consent-state.js';
import { PURPOSES, type Purpose } from '../runtime/consent-gate.js';

/**
 * The current version of each purpose's notice (its text per locale is in
 * `locales/<locale>/common/notices.json`). Raise a version when the meaning of
 * its notice changes: every grant made on an older one reads as not granted
 * until the household confirms again.
 */
export const NOTICE_VERSIONS: Readonly<Record<Purpose, number>> = {
  inventory: 1,
  consumption: 1,
  health: 1,
  location: 1,
  preferences: 1,
  offers: 1,
  measurement: 1,
  auto_reorder: 1,
};

/** Purposes granted brand by brand: a household may accept its coffee brand's offers and refuse a sponsor's. */
export const PER_BRAND_PURPOSES: readonly Purpose[] = ['offers', 'measurement'];

/** Special-category data (GDPR art. 9): explicit consent of its own, never asked in passing by a skill. */
export const EXPLICIT_PURPOSES: readonly Purpose[] = ['health'];

export function isPerBrand(purpose: Purpose): boolean {
  return PER_BRAND_PURPOSES.includes(purpose);
}

/** The key of a choice in the household's `consents`: the purpose, or `purpose:brandId` for per-brand purposes. */
export function consentKey(purpose: Purpose, brandId?: string): string {
  return isPerBrand(purpose) ? `${purpose}:${brandId ?? ''}` : purpose;
}

/** The consent state the household document holds (the ledger's replay). */
export type ConsentState = { consents: ConsentChoices; marketingObjection?: MarketingObjection };

/** Granted now: a grant on the current notice version, and for offers no objection to marketing. */
export function isGranted(state: ConsentState, purpose: Purpose, brandId: string): boolean {
  const choice = state.consents[consentKey(purpose, brandId)];
  if (!choice?.granted || choice.version !== NOTICE_VERSIONS[purpose]) return false;
  return !(purpose === 'offers' && state.marketingObjection !== undefined);
}

/** A grant made on an older notice version: it reads as not granted until confirmed again. */
export function isStale(state: ConsentState, purpose: Purpose, brandId?: string): boolean {
  const choice = state.consents[consentKey(purpose, brandId)];
  return choice?.granted === true && choice.version < NOTICE_VERSIONS[purpose];
}

/** The purposes of `asked` that `brandId`'s skill may use now. */
export function grantedPurposes(state: ConsentState, brandId: string, asked: readonly Purpose[]): Purpose[] {
  return PURPOSES.filter((p) => asked.includes(p) && isGranted(state, p, brandId));
}
