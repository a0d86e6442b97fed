/**
 * Choices written without a transaction, for a household created in the same
 * batch (the demo seed): the same entries, hashes and state the ledger's
 * transaction would write, each grant with the notice it answers recorded as
 * served. The household document's consent fields come back to be merged
 * into the document the batch creates.
 */
import { paths } from '../household/paths.js';
import { randomId } from '../ids/random-id.js';
import type { Purpose } from '../runtime/consent-gate.js';
import type { LanguageData } from '../runtime/i18n.js';
import type { Locale } from '../runtime/locales.js';
import type { DocData, DocumentWriter } from '../store/document-store.js';
import { type ConsentState, isPerBrand, NOTICE_VERSIONS } from './consent-rules.js';
import { applyEntry, householdConsentFields, nextEntry } from './ledger-append.js';
import type { LedgerEntryRecord } from './ledger-entry-record.js';
import { servedNoticeRecord } from './notice-served-record.js';

export type SeededGrant = { purpose: Purpose; brandId?: string; brandName?: string };

/** Writes grants (as made on the privacy page) into `writer`; answers the household document's consent fields. */
export function writeSeededGrants(
  writer: DocumentWriter,
  {
    householdId,
    locale,
    grants,
    at,
    language,
    actor,
    noticeIds = () => randomId('ntc'),
  }: {
    householdId: string;
    locale: Locale;
    grants: readonly SeededGrant[];
    at: string;
    language: LanguageData;
    actor: LedgerEntryRecord['actor'];
    /** The ids of the notices served, one per grant in order (random when absent; a seeded cohort gives its own). */
    noticeIds?: (grantIndex: number) => string;
  },
): ReturnType<typeof householdConsentFields> | undefined {
  let state: ConsentState = { consents: {} };
  let head: { count: number; head: string } | undefined;
  const notices = language.noticeText(locale);
  for (const [grantIndex, grant] of grants.entries()) {
    if (isPerBrand(grant.purpose) !== (grant.brandId !== undefined))
      throw new Error(
        `a seeded grant of ${grant.purpose} ${isPerBrand(grant.purpose) ? 'needs' : 'takes no'} brand`,
      );
    const noticeId = noticeIds(grantIndex);
    const text = notices(`${grant.purpose}.long`, { brand: grant.brandName ?? grant.brandId ?? '' });
    const version = NOTICE_VERSIONS[grant.purpose];
    writer.set(
      paths.noticeServed(householdId, noticeId),
      servedNoticeRecord({
        purpose: grant.purpose,
        brandId: grant.brandId,
        locale,
        channel: 'web',
        text,
        at,
      }) as DocData,
    );
    const { id, entry } = nextEntry(householdId, head, {
      purpose: grant.purpose,
      ...(grant.brandId !== undefined ? { brandId: grant.brandId } : {}),
      action: 'grant',
      noticeVersion: version,
      channel: 'web',
      actor,
      at,
      proof: { input: 'granted on the privacy page', noticeId, noticeText: text, locale, skillId: null },
    });
    writer.set(paths.consentLedgerEntry(householdId, id), entry as unknown as DocData);
    state = applyEntry(state, entry, id);
    head = { count: entry.seq, head: entry.hash };
  }
  return head ? householdConsentFields(state, head) : undefined;
}
