import { z } from 'zod';
import { LOCALES, type Locale } from '../runtime/locales.js';
import {
  consentAskedSchema,
  consentChoicesSchema,
  consentLedgerHeadSchema,
  marketingObjectionSchema,
} from './consent-state.js';
import { householdOfferFields } from './offer-state.js';

export type { Locale };
export const localeSchema = z.enum(LOCALES);

export const DEVICE_KINDS = ['fridge', 'coffee-machine'] as const;
export const deviceKindSchema = z.enum(DEVICE_KINDS);
export type DeviceKind = z.infer<typeof deviceKindSchema>;

const generation = z.number().int().min(0);

/** An API token a signed-in household created on `/account`; the token itself is shown once and never stored. */
export const apiTokenSchema = z.object({ label: z.string().min(1).max(80), createdAt: z.string() });
export type ApiToken = z.infer<typeof apiTokenSchema>;

/**
 * A device's last token rotation (`household/token-generations.ts`): until
 * `until` (an ISO instant, wall clock), a retry of it with the token of
 * generation `from` gets a token of generation `to` again, so that an answer
 * lost on the way does not lock the device out.
 */
export const deviceRotationSchema = z.object({ from: generation, to: generation, until: z.string() });
export type DeviceRotation = z.infer<typeof deviceRotationSchema>;

/**
 * `households/{hid}`: what every request about a household needs in one read.
 * Token generations live here (not on the device documents) so that checking
 * any household, device or link token costs the one read a turn makes anyway.
 */
export const householdRecordSchema = z.object({
  /** How the household is named to itself (the demo's "Famille Martin"); optional. */
  name: z.string().max(120).optional(),
  locale: localeSchema,
  timeZone: z.string().min(1),
  createdAt: z.string(),
  /** Seeded by the demo (and removed by its reset). */
  demo: z.boolean().optional(),
  /** Synthetic, added by `hearth seed --cohort` (removed by `hearth seed --reset`); in the control group as anyone. */
  cohort: z.boolean().optional(),
  auth: z.object({
    household: generation,
    /**
     * One generation per account-linking grant (`households/{hid}/links/{grantId}`): revoking a
     * grant removes its key, and its tokens stop working while the others stay linked. A stored
     * number (one generation for every link, before grants) reads as no grant at all.
     */
    links: z.preprocess((v) => (typeof v === 'number' ? {} : v), z.record(z.string(), generation)),
    /** API tokens the household created for its companion apps, by token id (revoked: removed). */
    apiTokens: z.record(z.string(), apiTokenSchema).optional(),
    devices: z.record(z.string(), generation),
    /** The last rotation of each device's token (malformed: no grace, the household still reads). */
    rotations: z.record(z.string(), deviceRotationSchema).optional().catch({}),
  }),
  /** The current consent choice per purpose (per brand for offers and measurement): the ledger's replay. */
  consents: consentChoicesSchema.optional(),
  /** The consent ledger's head (count and last hash); absent before the first entry. */
  consentLedger: consentLedgerHeadSchema.optional().catch(undefined),
  /** The household objected to direct marketing (art. 21). */
  marketingObjection: marketingObjectionSchema.optional().catch(undefined),
  /** The notice version each skill last asked each purpose on (`skillId:purpose`): asked once per version. */
  consentAsked: consentAskedSchema.optional(),
  /**
   * The order last placed per capsule variety while it may still be in progress (null once
   * cancelled): a confirmation reads it in its transaction, so no second order of a variety
   * is made while one is on its way (`domains/capsules/orders/`).
   */
  openOrders: z.record(z.string(), z.string().nullable()).optional().catch(undefined),
  /** Offers shown today per channel, objections to a brand or campaign, the last offer shown. */
  ...householdOfferFields,
});
export type HouseholdRecord = z.infer<typeof householdRecordSchema>;

/** `households/{hid}/devices/{deviceId}`. */
export const deviceRecordSchema = z.object({
  kind: deviceKindSchema,
  skillId: z.string().min(1),
  /** The brand whose skill the device serves (its maker's brand). */
  brandId: z.string().min(1),
  locale: localeSchema,
  name: z.string().min(1).max(80),
  state: z.record(z.string(), z.unknown()).default({}),
  createdAt: z.string(),
});
export type DeviceRecord = z.infer<typeof deviceRecordSchema>;

/** `brands/{brandId}`: a brand, the skill it authors, and its token generation. */
export const brandRecordSchema = z.object({
  name: z.string().min(1),
  skillId: z.string().min(1),
  tokenGeneration: generation,
});
export type BrandRecord = z.infer<typeof brandRecordSchema>;

/** `applianceMakers/{makerId}`: who may start a pairing, for which kinds. */
export const makerRecordSchema = z.object({
  name: z.string().min(1),
  kinds: z.array(deviceKindSchema),
  tokenGeneration: generation,
});
export type MakerRecord = z.infer<typeof makerRecordSchema>;
