/**
 * A household's consents as DESIGN.md's `GET /v1/households/:hid/consents`
 * answers them and the consent center lists them: every purpose (every brand
 * of the deployment for per-brand purposes), granted now or not, the version
 * the choice was made on, the current notice version, and whether a grant is
 * stale (made on an older notice: it reads as not granted until confirmed).
 */
import { PURPOSES, type Purpose } from '../runtime/consent-gate.js';
import {
  type ConsentState,
  consentKey,
  isGranted,
  isPerBrand,
  isStale,
  NOTICE_VERSIONS,
} from './consent-rules.js';

export type ConsentView = {
  purpose: Purpose;
  brandId?: string;
  granted: boolean;
  /** The notice version of the household's last choice; null when it never chose. */
  noticeVersion: number | null;
  currentNoticeVersion: number;
  stale: boolean;
  /** When the last choice was made, and its ledger entry. */
  at: string | null;
  entry: string | null;
};

export function consentsView(state: ConsentState, brandIds: readonly string[]): ConsentView[] {
  return PURPOSES.flatMap((purpose) =>
    (isPerBrand(purpose) ? brandIds : [undefined]).map((brandId): ConsentView => {
      const choice = state.consents[consentKey(purpose, brandId)];
      return {
        purpose,
        ...(brandId !== undefined ? { brandId } : {}),
        granted: isGranted(state, purpose, brandId ?? ''),
        noticeVersion: choice?.version ?? null,
        currentNoticeVersion: NOTICE_VERSIONS[purpose],
        stale: isStale(state, purpose, brandId),
        at: choice?.at ?? null,
        entry: choice?.entry ?? null,
      };
    }),
  );
}
