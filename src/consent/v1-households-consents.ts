import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ensureOwns, requireToken, type TokenAuth } from '../auth/bearer.js';
import { householdRecordSchema } from '../household/household-record.js';
import { paths } from '../household/paths.js';
import type { HttpEnv } from '../http/http-env.js';
import {
  AUTHENTICATED_PROBLEMS,
  IdParam,
  JSON_BODY_PROBLEMS,
  problemResponses,
} from '../http/openapi-schemas.js';
import { type ProblemCode, ProblemError } from '../http/problem.js';
import { isPurpose, PURPOSES } from '../runtime/consent-gate.js';
import type { SkillRegistry } from '../runtime/skill-registry.js';
import type { DocumentStore } from '../store/document-store.js';
import { type ConsentState, isGranted } from './consent-rules.js';
import { consentsView } from './consents-view.js';
import { ACTOR_KINDS, CONSENT_CHANNELS } from './ledger-entry-record.js';
import { checkLedger, readLedgerSnapshots } from './ledger-replay.js';
import { ConsentChoiceError, consentStateOf, recordChoice } from './record-choice.js';

/** The problem code of each reason a choice is refused: the route's contract, and the privacy page's. */
export const CHOICE_PROBLEMS: Record<ConsentChoiceError['code'], ProblemCode> = {
  brand_required: 'brand_required',
  brand_not_applicable: 'brand_not_applicable',
  stale_notice: 'stale_notice',
  unknown_notice_version: 'unknown_notice_version',
  objection_is_for_offers: 'objection_is_for_offers',
  notice_not_served: 'notice_not_served',
  unknown_brand: 'unknown_brand',
  // The token check read the household a moment ago: it was erased since. Existence is not revealed.
  household_gone: 'not_found',
};

export const ConsentViewSchema = z
  .object({
    purpose: z.enum(PURPOSES),
    brandId: z.string().optional().openapi({ description: 'For per-brand purposes (offers, measurement)' }),
    granted: z.boolean().openapi({ description: 'Granted now: on the current notice version' }),
    noticeVersion: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "The notice version of the household's last choice; null if it never chose" }),
    currentNoticeVersion: z.number().int(),
    stale: z
      .boolean()
      .openapi({ description: 'A grant on an older notice: it reads as not granted until confirmed again' }),
    at: z.string().nullable().openapi({ description: 'When the last choice was made' }),
    entry: z.string().nullable().openapi({ description: 'The ledger entry of the last choice' }),
  })
  .openapi('ConsentView');

const Consents = z.object({ purposes: z.array(ConsentViewSchema) }).openapi('Consents');

export const LedgerEntrySchema = z
  .object({
    id: z.string().openapi({ description: 'The sequence number, zero-padded: id order is ledger order' }),
    seq: z.number().int(),
    purpose: z.enum(PURPOSES),
    brandId: z.string().nullable(),
    action: z.enum(['grant', 'withdraw', 'object']),
    noticeVersion: z.number().int(),
    channel: z.enum(CONSENT_CHANNELS),
    actor: z.object({ kind: z.enum(ACTOR_KINDS), id: z.string().nullable() }),
    at: z.string(),
    proof: z.object({
      input: z.string(),
      noticeId: z.string().nullable(),
      noticeText: z.string().nullable(),
      locale: z.string().nullable(),
      skillId: z.string().nullable(),
    }),
    prevHash: z.string().openapi({ description: 'The hash of the entry before (64 zeros for the first)' }),
    hash: z.string().openapi({ description: 'SHA-256 over the household id and the fields above' }),
  })
  .openapi('ConsentLedgerEntry');

const Ledger = z
  .object({
    entries: z.array(LedgerEntrySchema),
    verified: z.boolean().openapi({
      description:
        'Every entry chains to the one before and matches its hash, none is missing, and the current state is their replay',
    }),
  })
  .openapi('ConsentLedger');

const ChoiceBody = z.object({
  granted: z.boolean().openapi({ description: 'true grants, false withdraws' }),
  noticeVersion: z.number().int().min(1).openapi({
    description:
      'The notice version the household was shown: a grant needs the current one (older: 409 stale_notice); a withdrawal takes any that exists',
  }),
  brandId: IdParam.optional().openapi({
    description: 'Required for offers and measurement, refused for the others',
  }),
});

const Choice = z
  .object({
    purpose: z.enum(PURPOSES),
    brandId: z.string().optional(),
    granted: z.boolean().openapi({ description: 'Granted now, after the choice' }),
    changed: z
      .boolean()
      .openapi({ description: 'false: the choice repeated the current state, nothing appended' }),
    entry: z.string().nullable().openapi({ description: 'The ledger entry appended, if any' }),
    state: Consents,
  })
  .openapi('ConsentChoice');

const hidParams = z.object({ hid: IdParam });
const purposeParams = z.object({
  hid: IdParam,
  purpose: z
    .string()
    .max(64)
    .openapi({ description: `One of ${PURPOSES.join(', ')}` }),
});

const listRoute = (auth: TokenAuth) =>
  createRoute({
    method: 'get',
    path: '/v1/households/{hid}/consents',
    summary: "The household's consents: every purpose (per brand for offers and measurement)",
    tags: ['consents'],
    security: [{ bearer: [] }],
    middleware: [requireToken(auth, ['household'])] as const,
    request: { params: hidParams },
    responses: {
      200: { description: 'The consent state', content: { 'application/json': { schema: Consents } } },
      ...problemResponses(...AUTHENTICATED_PROBLEMS, 'validation_failed'),
    },
  });

const ledgerRoute = (auth: TokenAuth) =>
  createRoute({
    method: 'get',
    path: '/v1/households/{hid}/consents/ledger',
    summary: "The household's consent ledger: every grant, withdrawal and objection, oldest first",
    description:
      'Append-only and hash-chained: `verified` is false when an entry was changed, removed or inserted in the store, or when the current state is not their replay.',
    tags: ['consents'],
    security: [{ bearer: [] }],
    middleware: [requireToken(auth, ['household'])] as const,
    request: { params: hidParams },
    responses: {
      200: { description: 'The ledger', content: { 'application/json': { schema: Ledger } } },
      ...problemResponses(...AUTHENTICATED_PROBLEMS, 'validation_failed'),
    },
  });

const choiceRoute = (auth: TokenAuth) =>
  createRoute({
    method: 'put',
    path: '/v1/households/{hid}/consents/{purpose}',
    summary: 'The household grants or withdraws a purpose (for a brand, where the purpose is per brand)',
    description:
      'A grant needs the current notice version; a withdrawal accepts any version and always succeeds. ' +
      'Repeating the current state answers 200 with `changed: false` and appends nothing. ' +
      'Takes effect from the next request, on every channel.',
    tags: ['consents'],
    security: [{ bearer: [] }],
    middleware: [requireToken(auth, ['household'])] as const,
    request: {
      params: purposeParams,
      body: { content: { 'application/json': { schema: ChoiceBody } }, required: true },
    },
    responses: {
      200: {
        description: 'The choice and the new state',
        content: { 'application/json': { schema: Choice } },
      },
      ...problemResponses(
        ...AUTHENTICATED_PROBLEMS,
        ...JSON_BODY_PROBLEMS,
        'brand_required',
        'brand_not_applicable',
        'unknown_notice_version',
        'unknown_purpose',
        'unknown_brand',
        'stale_notice',
        'conflict',
      ),
    },
  });

/**
 * `GET /v1/households/:hid/consents`, `GET .../consents/ledger` and
 * `PUT .../consents/:purpose`: the consent center's API, for the household's
 * own token (another household's id is 404). A choice goes through the
 * ledger's one transaction (`recordChoice`), recorded as made on the API by
 * the household; its refusals answer with their stable codes.
 */
export function registerHouseholdConsents(
  app: OpenAPIHono<HttpEnv>,
  {
    auth,
    store,
    skills,
    wallClock,
  }: {
    auth: TokenAuth;
    store: DocumentStore;
    /** The deployment's skills: their brands are the brands per-brand purposes are listed for. */
    skills: SkillRegistry;
    /** Real time, for the ledger's entries. */
    wallClock: () => Date;
  },
): void {
  const brandIds = [...new Set(skills.all.map((s) => s.brandId))];
  const view = (state: ConsentState) => ({ purposes: consentsView(state, brandIds) });

  app.openapi(listRoute(auth), async (c) => {
    const { hid } = c.req.valid('param');
    ensureOwns(c.var.principal.householdId === hid);
    const household = householdRecordSchema.safeParse((await store.get(paths.household(hid))).data);
    ensureOwns(household.success);
    return c.json(view(consentStateOf(household.data!)), 200);
  });

  app.openapi(ledgerRoute(auth), async (c) => {
    const { hid } = c.req.valid('param');
    ensureOwns(c.var.principal.householdId === hid);
    const [household, snaps] = await Promise.all([
      store.get(paths.household(hid)),
      readLedgerSnapshots(store, hid),
    ]);
    ensureOwns(household.exists);
    const check = checkLedger(hid, snaps, household.data);
    return c.json(
      { entries: check.parsed.map(({ id, record }) => ({ id, ...record })), verified: check.ok },
      200,
    );
  });

  app.openapi(choiceRoute(auth), async (c) => {
    const { hid, purpose } = c.req.valid('param');
    ensureOwns(c.var.principal.householdId === hid);
    if (!isPurpose(purpose)) throw new ProblemError('unknown_purpose', `one of ${PURPOSES.join(', ')}`);
    const { granted, noticeVersion, brandId } = c.req.valid('json');
    const outcome = await recordChoice(store, hid, {
      purpose,
      ...(brandId !== undefined ? { brandId } : {}),
      action: granted ? 'grant' : 'withdraw',
      noticeVersion,
      channel: 'api',
      actor: { kind: 'household', id: c.var.principal.tokenId ?? null },
      at: wallClock().toISOString(),
      proof: {
        input: `PUT consents/${purpose}${brandId !== undefined ? ` brandId=${brandId}` : ''} granted=${granted}`,
        noticeId: null,
        noticeText: null,
        locale: null,
        skillId: null,
      },
    }).catch((error: unknown) => {
      if (error instanceof ConsentChoiceError)
        throw new ProblemError(CHOICE_PROBLEMS[error.code], error.message);
      throw error;
    });
    return c.json(
      {
        purpose,
        ...(brandId !== undefined ? { brandId } : {}),
        granted: isGranted(outcome.state, purpose, brandId ?? ''),
        changed: outcome.changed,
        entry: outcome.entry?.id ?? null,
        state: view(outcome.state),
      },
      200,
    );
  });
}
