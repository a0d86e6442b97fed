import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { requireToken, type TokenAuth } from '../../auth/bearer.js';
import type { ClaimsOf } from '../../auth/token-claims.js';
import type { TokenSigner } from '../../auth/token-signer.js';
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
import { AlreadyExistsError, type DocSnapshot, type DocumentStore } from '../../store/document-store.js';
import {
  type DeviceKind,
  deviceKindSchema,
  householdRecordSchema,
  localeSchema,
  type MakerRecord,
  makerRecordSchema,
} from '../household-record.js';
import { paths } from '../paths.js';
import { displayPairingCode, pairingCodeKey } from './pairing-code.js';
import {
  checkBucket,
  makerShardPath,
  type PairingOptions,
  pairingSettings,
  rateLimited,
  rateLimitedResponses,
} from './pairing-limits.js';
import {
  isUnexpired,
  PAIRING_TTL_MS,
  type PairingCodeRecord,
  type PairingRecord,
  POLL_AFTER_SECONDS,
  pairingCodeRecordSchema,
  pairingRecordSchema,
} from './pairing-record.js';

const StartBody = z.object({
  kind: deviceKindSchema,
  /** What the household will see in its list of devices; the maker's name when absent. */
  name: z
    .string()
    .trim()
    .min(1)
    .max(80)
    .regex(/^[^\p{Cc}]*$/u, 'no control characters')
    .optional(),
  locale: localeSchema.optional(),
});

const Started = z
  .object({
    pairingId: z.string(),
    code: z.string().openapi({ example: '7KQ2-M9XD' }),
    expiresAt: z.string(),
    pollAfterSeconds: z.number().int(),
  })
  .openapi('PairingStarted');

const PollAnswer = z
  .union([
    z.object({ status: z.literal('pending'), expiresAt: z.string() }),
    z.object({
      status: z.literal('paired'),
      deviceId: z.string(),
      householdId: z.string(),
      token: z.string(),
    }),
    z.object({ status: z.literal('claimed') }),
    z.object({ status: z.literal('expired') }),
  ])
  .openapi('PairingStatus');

const startRoute = (auth: TokenAuth) =>
  createRoute({
    method: 'post',
    path: '/v1/pairing',
    summary: 'An appliance starts pairing: it gets a short code to show on its screen',
    description:
      "Called with the appliance maker's credential, for a kind of appliance the maker makes. " +
      `The code (Crockford base32, \`XXXX-XXXX\`) can be confirmed by a household for ${PAIRING_TTL_MS / 60_000} minutes, once; ` +
      'the appliance then polls `GET /v1/pairing/{pairingId}` for its device token. ' +
      'A maker may start 60 pairings at once and 60 a minute.',
    tags: ['pairing'],
    security: [{ bearer: [] }],
    // The maker's generation is checked in the route's transaction, which reads the maker anyway.
    middleware: [requireToken(auth, ['maker'], { deferGenerationCheck: true })] as const,
    request: { body: { content: { 'application/json': { schema: StartBody } }, required: true } },
    responses: {
      201: { description: 'Pairing started', content: { 'application/json': { schema: Started } } },
      ...problemResponses(
        ...AUTHENTICATED_PROBLEMS,
        ...JSON_BODY_PROBLEMS,
        'pairing_kind_not_allowed',
        'conflict',
      ),
      ...rateLimitedResponses('more than 60 pairing starts at once or 60 a minute from one maker'),
    },
  });

const pollRoute = (auth: TokenAuth) =>
  createRoute({
    method: 'get',
    path: '/v1/pairing/{pairingId}',
    summary: 'An appliance polls its pairing; once confirmed, it gets its device token, once',
    description:
      '`pending` until a household confirms the code; then `paired` with the device token (no expiry), ' +
      'answered exactly once: later polls answer `claimed` (and 404 once the record is gone). `expired` ' +
      'means the code was not confirmed in time (or the device was removed before it took its token): ' +
      'start again. A pairing of another maker is 404. ' +
      `Poll every \`pollAfterSeconds\` (${POLL_AFTER_SECONDS}); a maker may poll 480 times at once and 8 times a second.`,
    tags: ['pairing'],
    security: [{ bearer: [] }],
    middleware: [requireToken(auth, ['maker'], { deferGenerationCheck: true })] as const,
    request: { params: z.object({ pairingId: IdParam }) },
    responses: {
      200: { description: 'Where the pairing is', content: { 'application/json': { schema: PollAnswer } } },
      ...problemResponses(...AUTHENTICATED_PROBLEMS, 'validation_failed'),
      ...rateLimitedResponses('more than 480 polls at once or 8 a second from one maker'),
    },
  });

/** The maker of a token as read in the route's transaction; 401 when it is gone or its generation moved on. */
function currentMaker(snap: DocSnapshot | undefined, principal: ClaimsOf<'maker'>): MakerRecord {
  const maker = makerRecordSchema.safeParse(snap?.data);
  if (!maker.success || maker.data.tokenGeneration !== principal.generation) {
    throw new ProblemError('token_revoked');
  }
  return maker.data;
}

/** 403 unless the maker makes this kind and a skill of this service serves it. */
function ensurePairable(maker: MakerRecord, kind: DeviceKind, skills: SkillRegistry): void {
  if (!maker.kinds.includes(kind)) {
    throw new ProblemError(
      'pairing_kind_not_allowed',
      `this maker's credential does not pair appliances of kind ${kind} (it pairs: ${maker.kinds.join(', ') || 'none'})`,
    );
  }
  if (!skills.forDeviceKind(kind)) {
    throw new ProblemError(
      'pairing_kind_not_allowed',
      `no skill of this service serves appliances of kind ${kind}`,
    );
  }
}

/** Tries for a fresh code again when the one drawn is live for another pairing (one chance in 2^40 / live codes). */
const CODE_ATTEMPTS = 3;

type StartOutcome =
  | { kind: 'started' }
  | { kind: 'collision' }
  | { kind: 'limited'; retryAfterSeconds: number };

/**
 * `POST /v1/pairing` and `GET /v1/pairing/:pairingId`: an appliance, with its
 * maker's credential, starts a pairing and polls it until a household has
 * confirmed its code (`v1-households-pairings.ts`), then takes its device token.
 */
export function registerPairing(
  app: OpenAPIHono<HttpEnv>,
  deps: {
    auth: TokenAuth;
    store: DocumentStore;
    signer: TokenSigner;
    skills: SkillRegistry;
  } & PairingOptions,
): void {
  const { auth, store, signer, skills } = deps;
  const { limits, wallNow, pickShard, newCode } = pairingSettings(deps);

  app.openapi(startRoute(auth), async (c) => {
    const { kind, name, locale } = c.req.valid('json');
    const principal = c.var.principal;
    const now = new Date(wallNow());
    const expireAt = new Date(now.getTime() + PAIRING_TTL_MS).toISOString();
    const pairingId = randomId('pair');
    const shardPath = makerShardPath(principal.makerId, 'pairingStarts', limits.makerStarts, pickShard);
    for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
      const code = newCode();
      const codeKey = pairingCodeKey(code);
      const outcome = await store
        .runTransaction<StartOutcome>(async (tx) => {
          const [makerSnap, shard, index] = await tx.getAll([
            paths.maker(principal.makerId),
            shardPath,
            paths.pairingCode(codeKey),
          ]);
          const maker = currentMaker(makerSnap, principal);
          ensurePairable(maker, kind, skills);
          const allowed = checkBucket(shard!, limits.makerStarts.perShard, now);
          if (!allowed.ok) return { kind: 'limited', retryAfterSeconds: allowed.retryAfterSeconds };
          const taken = pairingCodeRecordSchema.safeParse(index?.data);
          if (taken.success && isUnexpired(taken.data, now)) return { kind: 'collision' };
          tx.set(shardPath, allowed.next);
          const entry: PairingCodeRecord = { pairingId, expireAt };
          // An expired (or unreadable) entry is replaced; a missing one is created, so a concurrent start
          // that drew the same code fails its commit rather than sharing it.
          if (index?.exists) tx.set(paths.pairingCode(codeKey), entry);
          else tx.create(paths.pairingCode(codeKey), entry);
          tx.create(paths.pairing(pairingId), {
            status: 'pending',
            makerId: principal.makerId,
            kind,
            name: name ?? maker.name.slice(0, 80),
            ...(locale ? { locale } : {}),
            codeKey,
            createdAt: now.toISOString(),
            expireAt,
          } satisfies PairingRecord);
          return { kind: 'started' };
        })
        // A start that drew the same code committed first: draw another.
        .catch((error: unknown): StartOutcome => {
          if (error instanceof AlreadyExistsError) return { kind: 'collision' };
          throw error;
        });
      if (outcome.kind === 'limited') {
        return rateLimited(c, outcome.retryAfterSeconds, 'this maker starts pairings faster than allowed');
      }
      if (outcome.kind === 'started') {
        c.var.log?.info({ kind }, 'pairing started');
        return c.json(
          {
            pairingId,
            code: displayPairingCode(code),
            expiresAt: expireAt,
            pollAfterSeconds: POLL_AFTER_SECONDS,
          },
          201,
        );
      }
    }
    throw new ProblemError('conflict', 'no free pairing code was found; try again');
  });

  app.openapi(pollRoute(auth), async (c) => {
    const { pairingId } = c.req.valid('param');
    const principal = c.var.principal;
    const now = new Date(wallNow());
    const shardPath = makerShardPath(principal.makerId, 'pairingPolls', limits.makerPolls, pickShard);
    const answer = await store.runTransaction(async (tx) => {
      const [makerSnap, shard, pairingSnap] = await tx.getAll([
        paths.maker(principal.makerId),
        shardPath,
        paths.pairing(pairingId),
      ]);
      currentMaker(makerSnap, principal);
      const allowed = checkBucket(shard!, limits.makerPolls.perShard, now);
      if (!allowed.ok) return { kind: 'limited', retryAfterSeconds: allowed.retryAfterSeconds } as const;
      const parsed = pairingRecordSchema.safeParse(pairingSnap?.data);
      // Another maker's pairing is not revealed.
      const pairing = parsed.success && parsed.data.makerId === principal.makerId ? parsed.data : undefined;
      // Reads first (Firestore's rule): the household of a confirmed pairing, for its device's generation.
      const household =
        pairing?.status === 'confirmed' && isUnexpired(pairing, now)
          ? householdRecordSchema.safeParse((await tx.get(paths.household(pairing.householdId))).data)
          : undefined;
      tx.set(shardPath, allowed.next);
      if (!pairing) return { kind: 'not_found' } as const;
      // A token once taken is never shown again, expired or not (the record goes with its TTL: then 404).
      if (pairing.status === 'claimed') return { kind: 'status', body: { status: 'claimed' } } as const;
      if (!isUnexpired(pairing, now)) return { kind: 'status', body: { status: 'expired' } } as const;
      if (pairing.status === 'pending') {
        return { kind: 'status', body: { status: 'pending', expiresAt: pairing.expireAt } } as const;
      }
      const devices = household?.success ? household.data.auth.devices : {};
      const generation = Object.hasOwn(devices, pairing.deviceId) ? devices[pairing.deviceId] : undefined;
      // Removed by the household before the appliance took its token: nothing to hand out.
      if (generation === undefined) return { kind: 'status', body: { status: 'expired' } } as const;
      tx.set(paths.pairing(pairingId), {
        ...pairing,
        status: 'claimed',
        claimedAt: now.toISOString(),
      } satisfies PairingRecord);
      return {
        kind: 'paired',
        householdId: pairing.householdId,
        deviceId: pairing.deviceId,
        generation,
      } as const;
    });
    if (answer.kind === 'limited') {
      return rateLimited(c, answer.retryAfterSeconds, 'this maker polls faster than allowed');
    }
    if (answer.kind === 'not_found') throw new ProblemError('not_found');
    if (answer.kind === 'status') return c.json(answer.body, 200);
    // Signed only now, after the commit that marks it taken: it exists nowhere else.
    const { householdId, deviceId, generation } = answer;
    const token = signer.sign({ kind: 'device', householdId, deviceId, generation });
    c.var.log?.info({ deviceId }, 'pairing claimed');
    return c.json({ status: 'paired', deviceId, householdId, token } as const, 200);
  });
}
