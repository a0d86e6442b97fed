/**
 * Where each brand's order webhook is and the secret both sides sign with: from
 * HEARTH_BRAND_WEBHOOKS (`{"<brandId>": {"url", "secret"}}`), and in demo mode from a
 * file generated into the data dir (demo-brand-webhooks.ts). Never stored in the store,
 * never logged. A brand without a `url` gets nothing sent: its outbox entries wait.
 */
import { z } from 'zod';

/** Shortest webhook secret accepted (the token secret has the same floor). */
export const MIN_WEBHOOK_SECRET_CHARS = 32;

export const brandWebhookSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional(),
  secret: z
    .string()
    .min(MIN_WEBHOOK_SECRET_CHARS, `expected a secret of at least ${MIN_WEBHOOK_SECRET_CHARS} characters`),
});
export type BrandWebhook = z.infer<typeof brandWebhookSchema>;

/** Brand webhooks by brand id. */
export const brandWebhooksSchema = z.record(
  z.string().regex(/^[a-z][a-z0-9-]*$/, 'brand ids are kebab-case'),
  brandWebhookSchema,
  { error: 'expected {"<brandId>": {"url", "secret"}}' },
);
export type BrandWebhooks = Readonly<Record<string, BrandWebhook>>;

/** A brand's webhook settings, own keys only (`constructor` is no brand). */
export function webhookOf(webhooks: BrandWebhooks, brandId: string): BrandWebhook | undefined {
  return Object.hasOwn(webhooks, brandId) ? webhooks[brandId] : undefined;
}
