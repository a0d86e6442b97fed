import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ensureOwns, requireToken, type TokenAuth } from '../../auth/bearer.js';
import type { HttpEnv } from '../../http/http-env.js';
import {
  AUTHENTICATED_PROBLEMS,
  IdParam,
  JSON_BODY_PROBLEMS,
  problemResponses,
} from '../../http/openapi-schemas.js';
import { ProblemError } from '../../http/problem.js';
import { randomId } from '../../ids/random-id.js';
import type { SkillRegistry } from '../../runtime/skill-registry.js';
import type { DocumentStore } from '../../store/document-store.js';
import { type DeviceRecord, householdRecordSchema } from '../household-record.js';
import { paths } from '../paths.js';
import { normalizePairingCode, pairingCodeKey } from './pairing-code.js';
import {
  checkBucket,
  householdFailuresPath,
  type PairingOptions,
  pairingSettings,
  rateLimited,
  rateLimitedResponses,
} from './pairing-limits.js';
import {
  CLAIM_WINDOW_MS,
  isUnexpired,
  PAIRING_TTL_MS,
  type PairingRecord,
  pairingCodeRecordSchema,
  pairingRecordSchema,
} from './pairing-record.js';

const ConfirmBody = z.object({
  code: z.string().max(64).openapi({
    description: 'The code the appliance shows; any case, dashes and spaces ignored',
    example: '7KQ2-M9XD',
  }),
});

const Paired = z
  .object({ deviceId: z.string(), kind: z.string(), skillId: z.string(), name: z.string() })
  .openapi('PairedDevice');

/** One answer for every code that does not pair, whatever the reason: a guesser learns nothing from it. */
const INVALID_CODE =
  `this code does not pair any appliance: check the code shown on the appliance's screen; ` +
  `a code works once and for ${PAIRING_TTL_MS / 60_000} minutes, after which the appliance shows a new one`;

const routeFor = (auth: TokenAuth) =>
  createRoute({
    method: 'post',
    path: '/v1/households/{hid}/pairings',
    summary: 'The household confirms the code an appliance shows: the appliance becomes one of its devices',
    description:
      'The device gets the skill that serves its kind, and the locale the appliance asked for or the ' +
      "household's. An unknown, mistyped, expired or already used code is the same 400 " +
      '`pairing_code_invalid`; a household may fail 5 times at once and 5 more every 15 minutes, then 429.',
    tags: ['pairing'],
    security: [{ bearer: [] }],
    middleware: [requireToken(auth, ['household'])] as const,
    request: {
      params: z.object({ hid: IdParam }),
      body: { content: { 'application/json': { schema: ConfirmBody } }, required: true },
    },
    responses: {
      201: { description: 'The new device', content: { 'application/json': { schema: Paired } } },
      ...problemResponses(...AUTHENTICATED_PROBLEMS, ...JSON_BODY_PROBLEMS, 'pairing_code_invalid'),
      ...rateLimitedResponses(
        'more than 5 failed confirmations at once or 5 every 15 minutes from one household',
      ),
    },
  });

type Outcome =
  | { kind: 'paired'; device: DeviceRecord }
  | { kind: 'invalid' }
  | { kind: 'limited'; retryAfterSeconds: number }
  | { kind: 'not_found' };

/**
 * `POST /v1/households/:hid/pairings`: one transaction reads the household's
 * bucket of failures, the household and the code's index entry, then its
 * pairing; it either creates the device (its document, its generation on the
 * household, the pairing confirmed, the code gone) or counts a failure.
 */
export function registerConfirmPairing(
  app: OpenAPIHono<HttpEnv>,
  deps: { auth: TokenAuth; store: DocumentStore; skills: SkillRegistry } & PairingOptions,
): void {
  const { auth, store, skills } = deps;
  const { limits, wallNow } = pairingSettings(deps);

  app.openapi(routeFor(auth), async (c) => {
    const { hid } = c.req.valid('param');
    ensureOwns(c.var.principal.householdId === hid);
    const code = normalizePairingCode(c.req.valid('json').code);
    const codeKey = code === undefined ? undefined : pairingCodeKey(code);
    const now = new Date(wallNow());
    const deviceId = randomId('dev');
    const failuresPath = householdFailuresPath(hid);

    const outcome = await store.runTransaction<Outcome>(async (tx) => {
      const [failures, householdSnap, index] = await tx.getAll([
        failuresPath,
        paths.household(hid),
        ...(codeKey === undefined ? [] : [paths.pairingCode(codeKey)]),
      ]);
      const allowed = checkBucket(failures!, limits.householdFailures, now);
      if (!allowed.ok) return { kind: 'limited', retryAfterSeconds: allowed.retryAfterSeconds };
      const household = householdRecordSchema.safeParse(householdSnap?.data);
      if (!household.success) return { kind: 'not_found' };

      const entry = pairingCodeRecordSchema.safeParse(index?.data);
      const pairingSnap =
        entry.success && isUnexpired(entry.data, now)
          ? await tx.get(paths.pairing(entry.data.pairingId))
          : undefined;
      const parsed = pairingRecordSchema.safeParse(pairingSnap?.data);
      const pairing =
        parsed.success &&
        parsed.data.status === 'pending' &&
        parsed.data.codeKey === codeKey &&
        isUnexpired(parsed.data, now)
          ? parsed.data
          : undefined;
      // The skill is looked up again: the service may no longer serve the kind it was started for.
      const skill = pairing ? skills.forDeviceKind(pairing.kind) : undefined;
      if (!pairing || !skill || !entry.success) {
        tx.set(failuresPath, allowed.next);
        return { kind: 'invalid' };
      }

      const at = now.toISOString();
      const device = {
        kind: pairing.kind,
        skillId: skill.id,
        brandId: skill.brandId,
        locale: pairing.locale ?? household.data.locale,
        name: pairing.name,
        state: {},
        createdAt: at,
      } satisfies DeviceRecord;
      tx.create(paths.device(hid, deviceId), device);
      tx.merge(paths.household(hid), { auth: { devices: { [deviceId]: 1 } } });
      tx.set(paths.pairing(entry.data.pairingId), {
        ...pairing,
        status: 'confirmed',
        householdId: hid,
        deviceId,
        confirmedAt: at,
        expireAt: new Date(now.getTime() + CLAIM_WINDOW_MS).toISOString(),
      } satisfies PairingRecord);
      // A code works once: its index entry goes, and with it any way to find the pairing by code.
      tx.delete(paths.pairingCode(codeKey!));
      return { kind: 'paired', device };
    });

    if (outcome.kind === 'limited') {
      return rateLimited(
        c,
        outcome.retryAfterSeconds,
        'too many pairing codes that did not pair; retry after the seconds in Retry-After',
      );
    }
    if (outcome.kind === 'not_found') throw new ProblemError('not_found');
    if (outcome.kind === 'invalid') {
      c.var.log?.info('pairing code refused');
      throw new ProblemError('pairing_code_invalid', INVALID_CODE);
    }
    const { kind, skillId, name } = outcome.device;
    c.var.log?.info({ deviceId, kind }, 'device paired');
    return c.json({ deviceId, kind, skillId, name }, 201);
  });
}
