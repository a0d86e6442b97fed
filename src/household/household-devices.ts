import type { DocumentStore } from '../store/document-store.js';
import { type DeviceRecord, deviceRecordSchema } from './household-record.js';
import { paths } from './paths.js';

/** What a household is shown of one of its devices: what it is, never its state. */
export type ListedDevice = Pick<
  DeviceRecord,
  'kind' | 'skillId' | 'brandId' | 'name' | 'locale' | 'createdAt'
> & {
  id: string;
};

/**
 * A household's devices, oldest first. Their state is left out (telemetry belongs to
 * purposes and goes out through the export); a document that does not parse is left
 * out rather than failing the list.
 */
export async function listHouseholdDevices(
  store: DocumentStore,
  householdId: string,
): Promise<ListedDevice[]> {
  const snaps = await store.query({ collection: paths.devices(householdId) });
  return snaps
    .flatMap((snap) => {
      const device = deviceRecordSchema.safeParse(snap.data);
      if (!device.success) return [];
      const { kind, skillId, brandId, name, locale, createdAt } = device.data;
      return [{ id: snap.id, kind, skillId, brandId, name, locale, createdAt }];
    })
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}
