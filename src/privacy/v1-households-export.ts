import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ensureOwns, requireToken, type TokenAuth } from '../auth/bearer.js';
import { ConsentViewSchema, LedgerEntrySchema } from '../consent/v1-households-consents.js';
import type { HttpEnv } from '../http/http-env.js';
import { AUTHENTICATED_PROBLEMS, IdParam, problemResponses } from '../http/openapi-schemas.js';
import { publicBaseUrl } from '../http/public-base-url.js';
import type { SkillRegistry } from '../runtime/skill-registry.js';
import type { DocumentStore } from '../store/document-store.js';
import { consentReceiptSchema, type PiiController, UNCONFIGURED_CONTROLLER } from './consent-receipt.js';
import { HOUSEHOLD_EXPORT_SCHEMA, householdExport } from './household-export.js';

const StoredRecord = z
  .record(z.string(), z.unknown())
  .openapi({ description: 'A stored document as held, with its `id`' });

const HouseholdExportSchema = z
  .object({
    schema: z.literal(HOUSEHOLD_EXPORT_SCHEMA),
    exportedAt: z.string(),
    household: z.object({
      id: z.string(),
      name: z.string().optional(),
      locale: z.string(),
      timeZone: z.string(),
      createdAt: z.string(),
      apiTokens: z.array(z.object({ label: z.string(), createdAt: z.string() })),
    }),
    consents: z.array(ConsentViewSchema),
    marketingObjection: z.object({ at: z.string(), entry: z.string() }).nullable(),
    consentAsked: z.record(z.string(), z.number()),
    ledger: z.array(LedgerEntrySchema),
    ledgerVerified: z.boolean(),
    consentReceipts: z.array(
      z.object({
        entry: z.string(),
        action: z.enum(['grant', 'withdraw', 'object']),
        receipt: consentReceiptSchema,
      }),
    ),
    noticesServed: z.array(StoredRecord),
    devices: z.array(StoredRecord),
    links: z.array(
      z.object({
        grantId: z.string(),
        clientId: z.string(),
        platform: z.string(),
        skillId: z.string().optional(),
        createdAt: z.string(),
        lastUsedAt: z.string().optional(),
        inForce: z.boolean(),
      }),
    ),
    context: z.record(z.string(), StoredRecord),
    events: z.array(StoredRecord),
    commands: z.array(StoredRecord),
    orders: z.array(StoredRecord),
    proposals: z.array(StoredRecord),
    offers: z.array(StoredRecord),
  })
  .openapi('HouseholdExport');

const routeFor = (auth: TokenAuth) =>
  createRoute({
    method: 'get',
    path: '/v1/households/{hid}/export',
    summary: 'Everything hearth holds about the household, as one JSON document (GDPR art. 15 and 20)',
    description:
      'Consents, the consent ledger and its entries as Kantara consent receipts (v1.1.0), notices served, ' +
      'devices, account links, context documents, device events and commands, orders, proposals and offers. ' +
      'No token, token generation or hash of a secret. Schema: docs/privacy-export.md.',
    tags: ['privacy'],
    security: [{ bearer: [] }],
    middleware: [requireToken(auth, ['household'])] as const,
    request: { params: z.object({ hid: IdParam }) },
    responses: {
      200: {
        description: 'The export',
        content: { 'application/json': { schema: HouseholdExportSchema } },
      },
      ...problemResponses(...AUTHENTICATED_PROBLEMS, 'validation_failed'),
    },
  });

/** `GET /v1/households/:hid/export`: `householdExport`, for the household's own token, as a download. */
export function registerHouseholdExport(
  app: OpenAPIHono<HttpEnv>,
  {
    auth,
    store,
    skills,
    wallClock,
    controller = UNCONFIGURED_CONTROLLER,
    publicUrl,
  }: {
    auth: TokenAuth;
    store: DocumentStore;
    skills: SkillRegistry;
    wallClock: () => Date;
    /** The operator, as the receipts name it. */
    controller?: PiiController;
    publicUrl?: () => string;
  },
): void {
  const brandIds = [...new Set(skills.all.map((s) => s.brandId))];
  app.openapi(routeFor(auth), async (c) => {
    const { hid } = c.req.valid('param');
    ensureOwns(c.var.principal.householdId === hid);
    const exported = await householdExport(store, hid, {
      brandIds,
      controller,
      policyUrl: `${publicBaseUrl(c, publicUrl)}/privacy`,
      now: wallClock(),
    });
    ensureOwns(exported !== undefined);
    c.header('content-disposition', `attachment; filename="hearth-export-${hid}.json"`);
    c.header('cache-control', 'no-store');
    return c.json(exported!, 200);
  });
}
