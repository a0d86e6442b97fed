/**
 * `households/{hid}/noticesServed/{id}`: every notice spoken or shown, apart
 * from the choice that may follow (as Fides logs notices served apart from
 * preferences saved). A ledger entry names the notice its choice answered, and
 * a grant by voice must answer a notice this household was really served.
 */
import { z } from 'zod';
import { PURPOSES, type Purpose } from '../runtime/consent-gate.js';
import { NOTICE_VERSIONS } from './consent-rules.js';
import { CONSENT_CHANNELS } from './ledger-entry-record.js';

export const noticeServedRecordSchema = z.object({
  purpose: z.enum(PURPOSES),
  brandId: z.string().min(1).nullable(),
  version: z.number().int().min(1),
  locale: z.string(),
  channel: z.enum(CONSENT_CHANNELS),
  /** Exactly what was spoken or shown (a voice prompt in full, with the question). */
  text: z.string().max(4000),
  skillId: z.string().nullable(),
  at: z.string(),
});
export type NoticeServedRecord = z.infer<typeof noticeServedRecordSchema>;

/** How long a served notice can be answered by a plain "yes" (a voice session's span, generously). */
export const NOTICE_ANSWER_WINDOW_MS = 15 * 60 * 1000;

/** The record of a notice served now, on the purpose's current notice version. */
export function servedNoticeRecord(notice: {
  purpose: Purpose;
  brandId?: string | undefined;
  locale: string;
  channel: NoticeServedRecord['channel'];
  text: string;
  skillId?: string | undefined;
  at: string;
}): NoticeServedRecord {
  return {
    purpose: notice.purpose,
    brandId: notice.brandId ?? null,
    version: NOTICE_VERSIONS[notice.purpose],
    locale: notice.locale,
    channel: notice.channel,
    text: notice.text,
    skillId: notice.skillId ?? null,
    at: notice.at,
  };
}
