import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { requireToken, type TokenAuth } from '../auth/bearer.js';
import type { HttpEnv } from '../http/http-env.js';
import { AUTHENTICATED_PROBLEMS, JSON_BODY_PROBLEMS, problemResponses } from '../http/openapi-schemas.js';
import { publicBaseUrl } from '../http/public-base-url.js';
import { LOCALES } from '../runtime/locales.js';
import type { DocumentStore } from '../store/document-store.js';
import { canonicalTimeZone, createHousehold } from './create-household.js';
import { issueSigninLink } from './signin-codes.js';

export const NewHouseholdSchema = z
  .strictObject({
    locale: z.enum(LOCALES).openapi({ description: 'The language the household is spoken to in' }),
    timeZone: z
      .string()
      .max(64)
      .refine((tz) => canonicalTimeZone(tz) !== undefined, {
        message: 'not an IANA time zone (e.g. Europe/Paris)',
      })
      .openapi({ description: 'IANA time zone (quiet hours, expiry dates)', example: 'Europe/Paris' }),
    name: z
      .string()
      .trim()
      .min(1)
      .max(120)
      .optional()
      .openapi({ description: 'How the household is named to itself on its pages' }),
  })
  .openapi('NewHousehold');

const CreatedHouseholdSchema = z
  .object({
    id: z.string(),
    signInUrl: z
      .url()
      .openapi({ description: "A one-time link that signs the household's browser in (minutes)" }),
  })
  .openapi('CreatedHousehold');

const routeFor = (auth: TokenAuth) =>
  createRoute({
    method: 'post',
    path: '/v1/households',
    summary: "A brand's companion app onboards a household",
    description:
      'The household starts with no devices, no links and nothing consented. The answer carries a one-time ' +
      'sign-in link for its browser; the app then asks for more with `POST /v1/households/{hid}/signin-links` ' +
      'once it holds a household token (an API token the household creates on `/account`).',
    tags: ['accounts'],
    security: [{ bearer: [] }],
    middleware: [requireToken(auth, ['brand'])] as const,
    request: { body: { required: true, content: { 'application/json': { schema: NewHouseholdSchema } } } },
    responses: {
      201: {
        description: 'The new household and a sign-in link',
        content: { 'application/json': { schema: CreatedHouseholdSchema } },
      },
      ...problemResponses(...AUTHENTICATED_PROBLEMS, ...JSON_BODY_PROBLEMS),
    },
  });

/** `POST /v1/households`: a brand token creates a household (the domain code `hearth household create` uses). */
export function registerCreateHousehold(
  app: OpenAPIHono<HttpEnv>,
  { auth, store, publicUrl }: { auth: TokenAuth; store: DocumentStore; publicUrl?: () => string },
): void {
  app.openapi(routeFor(auth), async (c) => {
    const { locale, timeZone, name } = c.req.valid('json');
    const by = { kind: 'brand', brandId: c.var.principal.brandId } as const;
    const { id } = await createHousehold(store, { locale, timeZone, ...(name ? { name } : {}) }, by);
    const { signInUrl } = await issueSigninLink(
      store,
      { kind: 'household', householdId: id },
      publicBaseUrl(c, publicUrl),
    );
    c.header('cache-control', 'no-store');
    return c.json({ id, signInUrl }, 201);
  });
}
