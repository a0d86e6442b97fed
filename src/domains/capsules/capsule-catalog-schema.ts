/**
 * A brand's capsule catalog, shipped with its skill (`skills/<id>/capsule-catalog.json`):
 * varieties, box sizes, prices per market (VAT and delivery included, in minor units of
 * the market's currency) and delivery promises. Not personal; checked by `hearth validate`.
 */
import { z } from 'zod';

/** ISO 3166-1 alpha-2 market code (`FR`, `DE`). */
export const marketSchema = z.string().regex(/^[A-Z]{2}$/, 'a market is an ISO 3166-1 alpha-2 code');

export const capsuleCatalogSchema = z.strictObject({
  brandId: z.string().min(1),
  /** Who sells: read out in a proposal ("sold by Crema"). */
  seller: z.string().min(1),
  markets: z.record(
    marketSchema,
    z.strictObject({
      /** ISO 4217 code of the prices in this market. */
      currency: z.string().regex(/^[A-Z]{3}$/),
      /** Working days from order to delivery. */
      leadTimeDays: z.number().int().min(0).max(30),
      /** Days of stock kept in hand beyond the lead time when placing the reorder point. */
      safetyDays: z.number().int().min(0).max(30),
    }),
  ),
  varieties: z
    .array(
      z.strictObject({
        /** The `Variety` slot value id (`ristretto`). */
        id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
        boxes: z
          .array(
            z.strictObject({
              capsules: z.number().int().positive().max(1000),
              /** Price of one box per market, minor units (cents), VAT and delivery included. */
              prices: z.record(marketSchema, z.number().int().nonnegative()),
            }),
          )
          .min(1),
      }),
    )
    .min(1),
});
export type CapsuleCatalog = z.infer<typeof capsuleCatalogSchema>;
