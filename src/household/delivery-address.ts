/**
 * `households/{hid}/contract/deliveryAddress`: where the household's orders are delivered.
 * Contract data (GDPR art. 6(1)(b): needed to deliver what the household buys), not a
 * consent purpose: it is never handed to handlers or offers through the consent gate. The
 * orders code reads it when it makes a proposal and when a "yes" places the order (a
 * snapshot travels on both, and to the brand in `order.placed`); handlers only ever see
 * it masked (`domains/capsules/masked-address.ts`); the household reads and changes it in
 * full (`/v1/households/:hid/delivery-address`, `/account`). Never logged.
 */
import { z } from 'zod';

/** No control characters (a line break would split a label or a spoken sentence). */
const CONTROL = /\p{Cc}/u;

const line = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => !CONTROL.test(v), 'must not contain control characters');

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
/** ISO 3166-1's user-assigned codes (AA, QM–QZ, XA–XZ, ZZ; Kosovo's XK is used as a country) and Intl's groupings. */
const NOT_A_COUNTRY = /^(?:AA|Q[M-Z]|X[A-JL-Z]|ZZ|EU|EZ|UN)$/;

/** Whether `code` is an ISO 3166-1 alpha-2 country code (`FR`, `DE`, `GB`, …) that Intl can name. */
export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && !NOT_A_COUNTRY.test(code) && regionNames.of(code) !== undefined;
}

/**
 * A postal address as EU countries write one: the recipient, a street line (with the house
 * number where the country puts it), an optional second line (building, floor, door), the
 * postal code, the city and the country. Bounds are the UPU's usual field lengths, rounded up.
 */
export const deliveryAddressSchema = z.strictObject({
  /** Who receives the parcel. */
  name: line(100),
  /** Street and house number ("12 rue des Lilas", "Lindenstraße 12"): at least one letter. */
  line1: line(120).refine((v) => /\p{L}/u.test(v), 'must name the street'),
  line2: line(120).optional(),
  /** Letters, digits, spaces and hyphens: "75011", "SW1A 1AA", "1234-567", "H2X 1Y4". */
  postalCode: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9](?:[A-Za-z0-9 -]{0,8}[A-Za-z0-9])?$/, 'must be a postal code'),
  city: line(80),
  /** ISO 3166-1 alpha-2, upper case. */
  country: z
    .string()
    .trim()
    .transform((v) => v.toUpperCase())
    .refine(isCountryCode, 'must be an ISO 3166-1 alpha-2 country code')
    .describe('ISO 3166-1 alpha-2 country code (FR, DE, ES, IT, GB, …)'),
});
export type DeliveryAddress = z.output<typeof deliveryAddressSchema>;

/** The stored document: the address and when the household last set it. */
export const deliveryAddressDocumentSchema = deliveryAddressSchema.extend({
  updatedAt: z.iso.datetime(),
});
export type DeliveryAddressDocument = z.output<typeof deliveryAddressDocumentSchema>;

/** The address of a stored document as it reads, or undefined when there is none (or it does not parse). */
export function parseDeliveryAddress(data: unknown): DeliveryAddress | undefined {
  const parsed = deliveryAddressDocumentSchema.safeParse(data);
  if (!parsed.success) return undefined;
  const { updatedAt: _when, ...address } = parsed.data;
  return address;
}

/** Whether two addresses deliver to the same place, to the same person (when it was set does not count). */
export function sameAddress(a: DeliveryAddress, b: DeliveryAddress): boolean {
  return (
    a.name === b.name &&
    a.line1 === b.line1 &&
    (a.line2 ?? '') === (b.line2 ?? '') &&
    a.postalCode === b.postalCode &&
    a.city === b.city &&
    a.country === b.country
  );
}
