/**
 * A consent ledger entry as a Kantara Initiative Consent Receipt (Consent
 * Receipt Specification v1.1.0, 2018): the interchange shape consent tools read,
 * so that a household can take its consent records elsewhere (GDPR art. 20).
 * One receipt per ledger entry; the receipt's id is the entry's hash, so a
 * receipt can be checked against the tamper-evident ledger it came from.
 *
 * Categories are the specification's numbered lists ("6 - Marketing",
 * "15 - Behavioral"). The receipt has no field for a withdrawal: the export
 * puts the entry's action next to each receipt, and a withdrawal's purpose says
 * when it was withdrawn in `termination`.
 */
import { z } from 'zod';
import type { LedgerEntryRecord } from '../consent/ledger-entry-record.js';
import type { Purpose } from '../runtime/consent-gate.js';

export const CONSENT_RECEIPT_VERSION = 'KI-CR-v1.1.0';

/** A postal address as the specification takes it (schema.org's PostalAddress fields). */
const postalAddressSchema = z.object({
  streetAddress: z.string().optional(),
  addressLocality: z.string().optional(),
  addressRegion: z.string().optional(),
  postalCode: z.string().optional(),
  addressCountry: z.string().optional(),
});

/** Who is accountable for the household's data: the operator of the hearth service. */
export const piiControllerSchema = z.object({
  piiController: z.string().min(1),
  onBehalf: z.boolean().optional(),
  contact: z.string().min(1),
  address: postalAddressSchema,
  email: z.string().min(1),
  phone: z.string().min(1),
  piiControllerUrl: z.string().optional(),
});
export type PiiController = z.infer<typeof piiControllerSchema>;

const receiptPurposeSchema = z.object({
  purpose: z.string().min(1),
  purposeCategory: z.array(z.string().min(1)).min(1),
  consentType: z.string().min(1),
  piiCategory: z.array(z.string().min(1)).min(1),
  primaryPurpose: z.boolean(),
  termination: z.string().min(1),
  thirdPartyDisclosure: z.boolean(),
  thirdPartyName: z.string().optional(),
});

/** The receipt, field for field as the specification's JSON names them; nothing else. */
export const consentReceiptSchema = z.strictObject({
  version: z.literal(CONSENT_RECEIPT_VERSION),
  jurisdiction: z.string().min(1),
  /** Seconds since the epoch, UTC. */
  consentTimestamp: z.number().int().nonnegative(),
  collectionMethod: z.string().min(1),
  consentReceiptID: z.string().min(1),
  publicKey: z.string().optional(),
  language: z.string().min(1),
  piiPrincipalId: z.string().min(1),
  piiControllers: z.array(piiControllerSchema).min(1),
  policyUrl: z.url(),
  services: z
    .array(z.object({ service: z.string().min(1), purposes: z.array(receiptPurposeSchema).min(1) }))
    .min(1),
  sensitive: z.boolean(),
  spiCat: z.array(z.string()),
});
export type ConsentReceipt = z.infer<typeof consentReceiptSchema>;

/**
 * The operator until the deployment names its own (it must, before real
 * households are served): every field the specification requires, saying so.
 */
export const UNCONFIGURED_CONTROLLER: PiiController = {
  piiController: 'hearth service operator (not configured)',
  contact: 'data protection contact (not configured)',
  address: {},
  email: 'privacy@hearth.invalid',
  phone: 'not configured',
};

/** What each purpose is for, in the receipt's words and categories. `{brand}` is the brand's name. */
const PURPOSE_RECEIPTS: Record<Purpose, { text: string; purposeCategory: string[]; piiCategory: string[] }> =
  {
    inventory: {
      text: 'Suggest recipes and say what expires soon, from the items, quantities and expiry dates the fridge reports',
      purposeCategory: ['1 - Core Function'],
      piiCategory: ['15 - Behavioral'],
    },
    consumption: {
      text: 'Say how many coffee capsules are left and when they run out, from what the coffee machine brews and receives',
      purposeCategory: ['1 - Core Function'],
      piiCategory: ['15 - Behavioral'],
    },
    health: {
      text: 'Adapt suggested recipes to the diets and allergies the household tells',
      purposeCategory: ['5 - Personalize Experience'],
      piiCategory: ['6 - Health'],
    },
    location: {
      text: 'Adapt suggestions to the region, from the postcode and country only',
      purposeCategory: ['5 - Personalize Experience'],
      piiCategory: ['2 - Contact'],
    },
    preferences: {
      text: 'Keep the shopping list and the usual capsule order',
      purposeCategory: ['1 - Core Function'],
      piiCategory: ['15 - Behavioral'],
    },
    offers: {
      text: 'Personalized offers from {brand}, chosen by hearth from the data the household allows',
      purposeCategory: ['6 - Marketing'],
      piiCategory: ['15 - Behavioral'],
    },
    measurement: {
      text: 'Count whether offers from {brand} were shown and accepted, for reports to {brand} on at least 50 households',
      purposeCategory: ['16 - Improve Performance'],
      piiCategory: ['15 - Behavioral'],
    },
    auto_reorder: {
      text: 'Order capsules when the stock runs low, within the limits the household sets',
      purposeCategory: ['2 - Contracted Service'],
      piiCategory: ['15 - Behavioral', '7 - Financial'],
    },
  };

/** How the choice was given, per channel. */
const COLLECTION_METHODS: Record<LedgerEntryRecord['channel'], string> = {
  voice: 'voice: spoken answer to a spoken notice',
  screen: 'appliance screen: tap on a notice shown',
  web: 'web: privacy page',
  api: 'API: request with the household token',
};

/** The jurisdiction of a household: its locale's country (`fr-FR` -> `FR`). */
export function jurisdictionOf(locale: string): string {
  return locale.split('-')[1] ?? locale;
}

/** The receipt of one ledger entry. */
export function consentReceipt(
  entry: LedgerEntryRecord,
  {
    householdId,
    householdLocale,
    controller,
    policyUrl,
    brandName,
  }: {
    householdId: string;
    householdLocale: string;
    controller: PiiController;
    /** The household's consent center (`/privacy`). */
    policyUrl: string;
    /** A brand's name, for per-brand purposes (its id when unknown). */
    brandName: (brandId: string) => string;
  },
): ConsentReceipt {
  const meaning = PURPOSE_RECEIPTS[entry.purpose];
  const brand = entry.brandId ? brandName(entry.brandId) : '';
  const purpose =
    entry.action === 'object'
      ? 'Objection to direct marketing: no offers from any brand'
      : meaning.text.replaceAll('{brand}', brand);
  const termination =
    entry.action === 'grant'
      ? 'Until withdrawn (by voice, on a screen, on the privacy page or through the API); a newer notice version makes it stale until confirmed again'
      : `Not given: ${entry.action === 'object' ? 'objected' : 'withdrawn'} at ${entry.at}`;
  const sensitive = entry.purpose === 'health';
  return {
    version: CONSENT_RECEIPT_VERSION,
    jurisdiction: jurisdictionOf(householdLocale),
    consentTimestamp: Math.floor(Date.parse(entry.at) / 1000),
    collectionMethod:
      entry.actor.kind === 'demo' ? 'demo seed (as on the privacy page)' : COLLECTION_METHODS[entry.channel],
    consentReceiptID: entry.hash,
    language: entry.proof.locale ?? householdLocale,
    piiPrincipalId: householdId,
    piiControllers: [controller],
    policyUrl,
    services: [
      {
        service: entry.proof.skillId ?? 'hearth',
        purposes: [
          {
            purpose,
            purposeCategory: meaning.purposeCategory,
            consentType: 'EXPLICIT',
            piiCategory: meaning.piiCategory,
            primaryPurpose: true,
            termination,
            // Brands see nothing of a single household (offers are chosen by hearth; reports are aggregated).
            thirdPartyDisclosure: false,
          },
        ],
      },
    ],
    sensitive,
    spiCat: sensitive ? ['Health'] : [],
  };
}
