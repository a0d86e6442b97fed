import { randomId } from '../../ids/random-id.js';
import type { SkillRegistry } from '../../runtime/skill-registry.js';
import type { DocumentStore } from '../../store/document-store.js';
import type { EventQuota } from '../device-events/event-quota.js';
import { type DeviceRecord, householdRecordSchema } from '../household-record.js';
import { paths } from '../paths.js';
import { normalizePairingCode, pairingCodeKey } from './pairing-code.js';
import { checkBucket, householdFailuresPath } from './pairing-limits.js';
import {
  CLAIM_WINDOW_MS,
  isUnexpired,
  type PairingRecord,
  pairingCodeRecordSchema,
  pairingRecordSchema,
} from './pairing-record.js';

/** What a household's confirmation of a code came to. */
export type ConfirmOutcome =
  | { kind: 'paired'; deviceId: string; device: DeviceRecord }
  /** Unknown, mistyped, expired or used: one answer for all, so a guesser learns nothing. */
  | { kind: 'invalid' }
  /** Too many failures of this household: nothing was looked up. */
  | { kind: 'limited'; retryAfterSeconds: number }
  | { kind: 'not_found' };

/**
 * A household confirms the code its appliance shows, as typed. One transaction
 * reads the household's bucket of failures, the household and the code's index
 * entry, then its pairing; it either creates the device (its document, its
 * generation on the household, the pairing confirmed, the code gone) or counts
 * a failure. The `/v1` route and any page that pairs call this.
 */
export async function confirmPairingCode({
  store,
  skills,
  householdFailures,
  householdId: hid,
  typed,
  now,
}: {
  store: DocumentStore;
  skills: SkillRegistry;
  /** The household's bucket of failed confirmations (`PairingLimits.householdFailures`). */
  householdFailures: EventQuota;
  householdId: string;
  typed: string;
  /** Wall clock. */
  now: Date;
}): Promise<ConfirmOutcome> {
  const code = normalizePairingCode(typed);
  const codeKey = code === undefined ? undefined : pairingCodeKey(code);
  const deviceId = randomId('dev');
  const failuresPath = householdFailuresPath(hid);

  return store.runTransaction<ConfirmOutcome>(async (tx) => {
    const [failures, householdSnap, index] = await tx.getAll([
      failuresPath,
      paths.household(hid),
      ...(codeKey === undefined ? [] : [paths.pairingCode(codeKey)]),
    ]);
    const allowed = checkBucket(failures!, householdFailures, now);
    if (!allowed.ok) return { kind: 'limited', retryAfterSeconds: allowed.retryAfterSeconds };
    const household = householdRecordSchema.safeParse(householdSnap?.data);
    if (!household.success) return { kind: 'not_found' };

    const entry = pairingCodeRecordSchema.safeParse(index?.data);
    const pairingSnap =
      entry.success && isUnexpired(entry.data, now)
        ? await tx.get(paths.pairing(entry.data.pairingId))
        : undefined;
    const parsed = pairingRecordSchema.safeParse(pairingSnap?.data);
    const pairing =
      parsed.success &&
      parsed.data.status === 'pending' &&
      parsed.data.codeKey === codeKey &&
      isUnexpired(parsed.data, now)
        ? parsed.data
        : undefined;
    // The skill is looked up again: the service may no longer serve the kind it was started for.
    const skill = pairing ? skills.forDeviceKind(pairing.kind) : undefined;
    if (!pairing || !skill || !entry.success || codeKey === undefined) {
      tx.set(failuresPath, allowed.next);
      return { kind: 'invalid' };
    }

    const at = now.toISOString();
    const device = {
      kind: pairing.kind,
      skillId: skill.id,
      brandId: skill.brandId,
      locale: pairing.locale ?? household.data.locale,
      name: pairing.name,
      state: {},
      createdAt: at,
    } satisfies DeviceRecord;
    tx.create(paths.device(hid, deviceId), device);
    tx.merge(paths.household(hid), { auth: { devices: { [deviceId]: 1 } } });
    tx.set(paths.pairing(entry.data.pairingId), {
      ...pairing,
      status: 'confirmed',
      householdId: hid,
      deviceId,
      confirmedAt: at,
      expireAt: new Date(now.getTime() + CLAIM_WINDOW_MS).toISOString(),
    } satisfies PairingRecord);
    // A code works once: its index entry goes, and with it any way to find the pairing by code.
    tx.delete(paths.pairingCode(codeKey));
    return { kind: 'paired', deviceId, device };
  });
}
