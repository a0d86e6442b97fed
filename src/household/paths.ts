/** Document paths of the data model (DESIGN.md); the same in Firestore and SQLite. */
export const paths = {
  household: (hid: string) => `households/${hid}`,
  device: (hid: string, deviceId: string) => `households/${hid}/devices/${deviceId}`,
  devices: (hid: string) => `households/${hid}/devices`,
  context: (hid: string, purpose: string) => `households/${hid}/context/${purpose}`,
  /**
   * The household's delivery address: contract data for its orders, not a consent purpose;
   * read only by the orders code and its owner's routes (`household/delivery-address.ts`).
   */
  deliveryAddress: (hid: string) => `households/${hid}/contract/deliveryAddress`,
  /** An account-linking grant of the household (one per client it linked). */
  link: (hid: string, grantId: string) => `households/${hid}/links/${grantId}`,
  links: (hid: string) => `households/${hid}/links`,
  /** A record of a household collection (`offerLog`, …). */
  record: (hid: string, collection: string, id: string) => `households/${hid}/${collection}/${id}`,
  /** The consent ledger (append-only) and one entry of it. */
  consentLedger: (hid: string) => `households/${hid}/consentLedger`,
  consentLedgerEntry: (hid: string, id: string) => `households/${hid}/consentLedger/${id}`,
  /** Every notice served to the household, apart from its choices. */
  noticeServed: (hid: string, id: string) => `households/${hid}/noticesServed/${id}`,
  noticesServed: (hid: string) => `households/${hid}/noticesServed`,
  brand: (brandId: string) => `brands/${brandId}`,
  brands: () => 'brands',
  /** What waits for delivery to a brand (orders, status changes); entries name their household. */
  brandOutbox: (brandId: string) => `brands/${brandId}/outbox`,
  maker: (makerId: string) => `applianceMakers/${makerId}`,
  audit: (id: string) => `audit/${id}`,
  audits: () => 'audit',
  /** An erased household's tombstone, by the hash of its id (never the id). */
  erasure: (hash: string) => `erasures/${hash}`,
  erasures: () => 'erasures',
  /** Account-linking secrets by the hash of the secret: authorization codes, refresh tokens, platform user ids. */
  oauth: (id: string) => `oauth/${id}`,
  oauthCollection: () => 'oauth',
  /** A registered OAuth client (one per skill and platform, and Google Home's). */
  oauthClient: (clientId: string) => `oauthClients/${clientId}`,
  oauthClients: () => 'oauthClients',
  /** A browser session, by the hash of its cookie. */
  session: (id: string) => `sessions/${id}`,
  sessions: () => 'sessions',
  /** A one-time sign-in code, by its hash. */
  signin: (id: string) => `signins/${id}`,
  signins: () => 'signins',
  /** An appliance's pairing, and the index from its code's hash to it. */
  pairing: (pairingId: string) => `pairings/${pairingId}`,
  pairingCode: (id: string) => `pairingCodes/${id}`,
  pairings: () => 'pairings',
  /** A household's stored rate-limit bucket (`pairingFailures`: failed pairing confirmations). */
  householdLimit: (hid: string, name: string) => `households/${hid}/limits/${name}`,
  /** One shard of an appliance maker's stored rate-limit bucket (`pairingStarts-0`, …). */
  makerLimit: (makerId: string, name: string) => `applianceMakers/${makerId}/limits/${name}`,
} as const;
