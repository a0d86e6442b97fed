import { paths } from '../household/paths.js';
import type { DocumentStore } from '../store/document-store.js';
import { linkGrantRecordSchema } from './link-grant-record.js';
import { type PlatformUser, platformUserIndexPath, platformUserIndexSchema } from './platform-user.js';

/** A use of a grant: its token was accepted (current) on its platform, by this user when the platform names one. */
export type GrantUse = { householdId: string; grantId: string; user?: PlatformUser };

/**
 * Records a use of a grant: `lastUsedAt` on the grant and, when the platform named its
 * user, the user's index (`platform-user.ts`) and the grant's `platformUser`. One read,
 * then one batch when something is to be written; nothing when the grant is gone, so a
 * use recorded after a revocation brings nothing of it back. Running it again is harmless.
 *
 * Not a transaction: a transaction's locks, when the store stalls part way through, keep
 * it going for many seconds after the store is back, for a write nobody waits for. The
 * price is a window of milliseconds between the read and the batch: a revocation that
 * lands in it leaves a grant document without its client and an index to it, which
 * nothing reads as a link (no generation, no valid grant) and which the user's
 * skill-disabled event or the household's erasure removes.
 *
 * The index names the grant the user's requests carry now: a user who linked again
 * (a new grant, the same Alexa user id) moves it to the new grant, which is the one a
 * later skill-disabled event must revoke.
 */
export async function recordGrantUse(store: DocumentStore, use: GrantUse, at: Date): Promise<void> {
  const grantPath = paths.link(use.householdId, use.grantId);
  const indexPath = use.user ? platformUserIndexPath(use.user) : undefined;
  const [grantSnap, indexSnap] = await store.getAll(indexPath ? [grantPath, indexPath] : [grantPath]);
  if (!linkGrantRecordSchema.safeParse(grantSnap?.data).success) return;
  const batch = store.batch();
  if (indexPath) {
    const index = platformUserIndexSchema.safeParse(indexSnap?.data);
    const current =
      index.success && index.data.householdId === use.householdId && index.data.grantId === use.grantId;
    if (!current)
      batch.set(indexPath, { kind: 'platform-user', householdId: use.householdId, grantId: use.grantId });
  }
  batch.merge(grantPath, { lastUsedAt: at.toISOString(), ...(indexPath ? { platformUser: indexPath } : {}) });
  await batch.commit();
}

/** How often one process records the use of one grant: `lastUsedAt` is accurate to a day. */
export const GRANT_USE_EVERY_MS = 24 * 3600_000;
/** Grants one process remembers having recorded; past this the oldest are forgotten (and recorded again on use). */
const MAX_REMEMBERED = 10_000;

type WarnLog = { warn: (details: Record<string, unknown>, message: string) => void };

export interface GrantUseRecorder {
  /**
   * Notes that a request used a grant: recorded after the reply, the first time this
   * process sees the grant and then at most daily, never on a turn's critical path.
   * A failure is logged on `log` (no user id, no token) and tried again on the next use.
   */
  note(use: GrantUse, log: WarnLog): void;
  /** Resolves when every recording started so far is done (tests, a graceful stop). */
  settled(): Promise<void>;
}

/**
 * The recorder of grant uses, one per app. A turn pays a map lookup; the write starts
 * after the reply has been handed on (`setImmediate`). After a restart a grant is
 * recorded again on its next use, which writes the same index: harmless.
 */
export function createGrantUseRecorder({
  store,
  now = () => Date.now(),
  everyMs = GRANT_USE_EVERY_MS,
  maxRemembered = MAX_REMEMBERED,
}: {
  store: DocumentStore;
  /** The wall clock (never the demo's pinned domain clock). */
  now?: () => number;
  everyMs?: number;
  maxRemembered?: number;
}): GrantUseRecorder {
  /** When each grant's use was last recorded (or is being recorded), oldest first. */
  const recorded = new Map<string, number>();
  const running = new Set<Promise<void>>();

  return {
    note(use, log) {
      const at = now();
      const last = recorded.get(use.grantId);
      if (last !== undefined && at - last < everyMs) return;
      recorded.delete(use.grantId);
      recorded.set(use.grantId, at);
      if (recorded.size > maxRemembered) {
        const oldest = recorded.keys().next().value;
        if (oldest !== undefined) recorded.delete(oldest);
      }
      const done = new Promise<void>((resolve) => {
        setImmediate(() => {
          recordGrantUse(store, use, new Date(at))
            .catch((error: unknown) => {
              if (recorded.get(use.grantId) === at) recorded.delete(use.grantId);
              log.warn(
                { err: { name: (error as Error)?.name } },
                'grant use not recorded; tried on its next use',
              );
            })
            .finally(resolve);
        });
      });
      running.add(done);
      void done.then(() => running.delete(done));
    },
    async settled() {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}
