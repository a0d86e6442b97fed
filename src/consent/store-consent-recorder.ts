/**
 * The store-backed `ConsentRecorder` turns use: a served notice is one batch
 * (the notice, and on the household document that this skill asked for this
 * purpose on this version); choices go through the ledger's transaction one by
 * one, in order.
 */
import { paths } from '../household/paths.js';
import { randomId } from '../ids/random-id.js';
import type { ConsentRecorder } from '../runtime/consent-recorder.js';
import type { DocData, DocumentStore } from '../store/document-store.js';
import { NOTICE_VERSIONS } from './consent-rules.js';
import { servedNoticeRecord } from './notice-served-record.js';
import { recordChoice } from './record-choice.js';

/** The key of a skill's question for a purpose in `consentAsked`. */
export function askedKey(skillId: string, purpose: string): string {
  return `${skillId}:${purpose}`;
}

export function createConsentRecorder({
  store,
  clock,
}: {
  store: DocumentStore;
  /** Wall clock for the records' times (a demo's pinned domain clock would make every record the same instant). */
  clock: () => Date;
}): ConsentRecorder {
  return {
    noticeVersion: (purpose) => NOTICE_VERSIONS[purpose],
    async serveNotice(householdId, notice) {
      const id = randomId('ntc');
      const version = NOTICE_VERSIONS[notice.purpose];
      const record = servedNoticeRecord({ ...notice, at: clock().toISOString() });
      // Only for a household that still exists: a merge would otherwise bring an erased one back.
      await store.runTransaction(async (tx) => {
        const household = await tx.get(paths.household(householdId));
        if (!household.exists) throw new Error('household gone');
        tx.create(paths.noticeServed(householdId, id), record as DocData);
        tx.merge(paths.household(householdId), {
          consentAsked: { [askedKey(notice.skillId, notice.purpose)]: version },
        });
      });
      return id;
    },
    async choose(householdId, choices) {
      for (const choice of choices) {
        await recordChoice(store, householdId, {
          purpose: choice.purpose,
          ...(choice.brandId !== undefined ? { brandId: choice.brandId } : {}),
          action: choice.action,
          noticeVersion: NOTICE_VERSIONS[choice.purpose],
          channel: choice.channel,
          actor: choice.actor,
          at: clock().toISOString(),
          proof: {
            input: choice.input,
            noticeId: choice.noticeId ?? null,
            noticeText: null,
            locale: choice.locale,
            skillId: choice.skillId,
          },
        });
      }
    },
  };
}
