/** Document paths of the data model (DESIGN.md); the same in Firestore and SQLite. */
export const paths = {
  household: (hid: string) => `households/${hid}`,
  device: (hid: string, deviceId: string) => `households/${hid}/devices/${deviceId}`,
  devices: (hid: string) => `households/${hid}/devices`,
  context: (hid: string, purpose: string) => `households/${hid}/context/${purpose}`,
  /** A record of a household collection (`offerLog`, …). */
  record: (hid: string, collection: string, id: string) => `households/${hid}/${collection}/${id}`,
  brand: (brandId: string) => `brands/${brandId}`,
  maker: (makerId: string) => `applianceMakers/${makerId}`,
  audit: (id: string) => `audit/${id}`,
} as const;
