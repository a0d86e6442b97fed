import type { DocumentStore } from '../store/document-store.js';
import { deleteMatching } from './delete-matching.js';
import { commandsCollection } from './device-commands.js';
import { eventsCollection } from './device-events/event-records.js';
import { householdRecordSchema } from './household-record.js';
import { paths } from './paths.js';

/**
 * A household removes one of its devices: its token generation and its document go
 * in one transaction (the token stops working at once), then its commands and raw
 * events. Whether the device was there. The `/v1` route and the account page call this.
 */
export async function removeDevice(store: DocumentStore, hid: string, deviceId: string): Promise<boolean> {
  const removed = await store.runTransaction(async (tx) => {
    const [household, device] = await tx.getAll([paths.household(hid), paths.device(hid, deviceId)]);
    const record = householdRecordSchema.safeParse(household?.data);
    if (!record.success || !device?.exists) return false;
    const { [deviceId]: _revoked, ...devices } = record.data.auth.devices;
    tx.set(paths.household(hid), { ...household!.data!, auth: { ...record.data.auth, devices } });
    tx.delete(paths.device(hid, deviceId));
    return true;
  });
  // The device's data goes once its token is revoked, outside the transaction (there may be
  // thousands of events). Commands and raw events are not under the device's path but in
  // household collections with a `deviceId` field, so they are found by query. This runs for
  // a device already gone too (the household is the caller's own): a retry after a failure
  // part way through finishes the job.
  await store.recursiveDelete(paths.device(hid, deviceId));
  const ofDevice = [{ field: 'deviceId', op: '==', value: deviceId }] as const;
  await deleteMatching({ store, collection: commandsCollection(hid), where: ofDevice });
  await deleteMatching({ store, collection: eventsCollection(hid), where: ofDevice });
  return removed;
}
