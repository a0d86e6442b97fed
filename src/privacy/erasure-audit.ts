import { auditExpireAt } from '../household/expired-documents.js';
import { paths } from '../household/paths.js';
import { randomId } from '../ids/random-id.js';
import type { DocData } from '../store/document-store.js';

/** Documents deleted by an erasure, by kind (`household`, `events`, `oauth`, `sessions`, …). */
export type ErasureCounts = Record<string, number>;

/**
 * `audit/{id}` of an erasure, as a path and data for a batch: that a household was
 * erased, when, and how many documents of each kind went. Nothing else: not the
 * household's id, not even its hash (the tombstone has that, for a month), so the record
 * cannot be tied to the household's other audit records. Kept AUDIT_RETENTION_MS.
 */
export function erasureAuditRecord({
  counts,
  at,
  finishedByPurge,
}: {
  counts: ErasureCounts;
  at: Date;
  /** The erasure was cut short and the purge finished it: the counts are of what was left then. */
  finishedByPurge: boolean;
}): [string, DocData] {
  return [
    paths.audit(randomId('aud')),
    {
      type: 'erasure',
      counts,
      ...(finishedByPurge ? { finishedByPurge } : {}),
      at: at.toISOString(),
      expireAt: auditExpireAt(at),
    },
  ];
}
