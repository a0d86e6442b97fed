import {
  type DeviceRecord,
  deviceRecordSchema,
  type HouseholdRecord,
  householdRecordSchema,
} from '../../household/household-record.js';
import { paths } from '../../household/paths.js';
import { tokenIsCurrent } from '../../household/token-generations.js';
import { ProblemError } from '../../http/problem.js';
import type { DocSnapshot, DocumentStore } from '../../store/document-store.js';

export type OwnDevice = { household: HouseholdRecord; device: DeviceRecord };
export type OwnDeviceKey = { householdId: string; deviceId: string; generation?: number };

/** The two documents a device request needs, in the order `ownDeviceFrom` takes them. */
export const ownDevicePaths = ({ householdId, deviceId }: OwnDeviceKey) => [
  paths.household(householdId),
  paths.device(householdId, deviceId),
];

/**
 * The device and its household from one read, with the device token's
 * generation (when given) checked against the household's: 401 when revoked,
 * so routes using `requireToken(..., { deferGenerationCheck: true })` need no
 * read of their own. Undefined when either document is gone or malformed.
 */
export function ownDeviceFrom(
  [householdSnap, deviceSnap]: readonly (DocSnapshot | undefined)[],
  { householdId, deviceId, generation }: OwnDeviceKey,
): OwnDevice | undefined {
  const household = householdRecordSchema.safeParse(householdSnap?.data);
  if (generation !== undefined) {
    const current =
      household.success &&
      tokenIsCurrent(household.data, { kind: 'device', householdId, deviceId, generation });
    if (!current) throw new ProblemError('token_revoked');
  }
  const device = deviceRecordSchema.safeParse(deviceSnap?.data);
  if (!household.success || !device.success) return undefined;
  return { household: household.data, device: device.data };
}

/** `ownDeviceFrom` over one `getAll` of the store. */
export async function readOwnDevice(store: DocumentStore, key: OwnDeviceKey): Promise<OwnDevice | undefined> {
  return ownDeviceFrom(await store.getAll(ownDevicePaths(key)), key);
}
