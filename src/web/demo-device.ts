import { DEMO_MARKER_PATH, parseDemoMarker } from '../demo/demo-marker.js';
import { householdRecordSchema } from '../household/household-record.js';
import { paths } from '../household/paths.js';
import { SAFE_ID } from '../ids/safe-id.js';
import type { DocumentStore } from '../store/document-store.js';

/**
 * The demo household a device belongs to, and the device token generation to
 * sign with. Demo pages have no token to say whose device it is, so only the
 * seeded demo households are searched: a real household's device is never found.
 */
export async function findDemoDevice(
  store: DocumentStore,
  deviceId: string,
): Promise<{ householdId: string; generation: number } | undefined> {
  if (!SAFE_ID.test(deviceId)) return undefined;
  const { households } = parseDemoMarker((await store.get(DEMO_MARKER_PATH)).data);
  if (households.length === 0) return undefined;
  const devices = await store.getAll(households.map((hid) => paths.device(hid, deviceId)));
  const householdId = households[devices.findIndex((snap) => snap.exists)];
  if (householdId === undefined) return undefined;
  const household = householdRecordSchema.safeParse((await store.get(paths.household(householdId))).data);
  const generations = household.success ? household.data.auth.devices : {};
  // deviceId is a URL segment: an own key only, never an inherited `constructor`.
  const generation = Object.hasOwn(generations, deviceId) ? generations[deviceId] : undefined;
  return generation === undefined ? undefined : { householdId, generation };
}
