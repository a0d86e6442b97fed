/** Document paths of the data model (DESIGN.md); the same in Firestore and SQLite. */
export const paths = {
  household: (hid: string) => `households/${hid}`,
  device: (hid: string, deviceId: string) => `households/${hid}/devices/${deviceId}`,
  devices: (hid: string) => `households/${hid}/devices`,
  context: (hid: string, purpose: string) => `households/${hid}/context/${purpose}`,
  brand: (brandId: string) => `brands/${brandId}`,
  maker: (makerId: string) => `applianceMakers/${makerId}`,
  audit: (id: string) => `audit/${id}`,
} as const;

/** Ids we mint or accept in paths: no slashes, no dots-only segments, bounded length. */
export const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;
