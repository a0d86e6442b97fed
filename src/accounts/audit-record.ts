import { createHash } from 'node:crypto';
import { auditExpireAt } from '../household/expired-documents.js';
import { paths } from '../household/paths.js';
import { randomId } from '../ids/random-id.js';
import type { DocData } from '../store/document-store.js';
import type { AccountSubject } from './account-subject.js';

/** Who acted on an account, when it was not the account itself: a brand onboarding a household, an operator. */
export type AuditActor = { kind: 'brand'; brandId: string } | { kind: 'operator' };

/** What an audit record of the accounts says: what happened, to which kind of account, by whom. */
export type AccountAudit = {
  type: 'signin' | 'household.created' | 'brand.created';
  subject: AccountSubject;
  by?: AuditActor;
  at: Date;
};

/**
 * `audit/{id}` of an account event, as a path and data for a batch or `set`.
 * Non-personal: the account is named by a hash of its id (meaningless once a
 * household is erased), as the other audit records do; a brand, not a person,
 * may be named as the one who acted. Kept AUDIT_RETENTION_MS (`expireAt`).
 */
export function auditRecord({ type, subject, by, at }: AccountAudit): [string, DocData] {
  const id = subject.kind === 'household' ? subject.householdId : subject.brandId;
  return [
    paths.audit(randomId('aud')),
    {
      type,
      subjectKind: subject.kind,
      subjectRef: createHash('sha256').update(id).digest('base64url'),
      ...(by ? { by } : {}),
      at: at.toISOString(),
      expireAt: auditExpireAt(at),
    },
  ];
}
