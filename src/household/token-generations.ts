import type { TokenClaims, TokenRequest } from '../auth/token-claims.js';
import type { DocumentStore } from '../store/document-store.js';
import {
  brandRecordSchema,
  type DeviceRotation,
  type HouseholdRecord,
  householdRecordSchema,
  makerRecordSchema,
} from './household-record.js';
import { paths } from './paths.js';

/** Generation lookup: one document read per token (household, brand or maker document); undefined when the subject is gone. */
export async function currentGeneration(
  store: DocumentStore,
  claims: TokenClaims,
): Promise<number | undefined> {
  switch (claims.kind) {
    case 'household':
    case 'device':
    case 'link': {
      const record = householdRecordSchema.safeParse(
        (await store.get(paths.household(claims.householdId))).data,
      );
      return record.success ? generationInHousehold(record.data, claims) : undefined;
    }
    case 'brand': {
      const record = brandRecordSchema.safeParse((await store.get(paths.brand(claims.brandId))).data);
      return record.success ? record.data.tokenGeneration : undefined;
    }
    case 'maker': {
      const record = makerRecordSchema.safeParse((await store.get(paths.maker(claims.makerId))).data);
      return record.success ? record.data.tokenGeneration : undefined;
    }
  }
}

/** The generation a household document holds for a household, device or link token (own keys only). */
export function generationInHousehold(household: HouseholdRecord, claims: TokenRequest): number | undefined {
  const { auth } = household;
  if (claims.kind === 'household') {
    // An API token works while its entry is there; other household tokens by generation alone.
    if (claims.tokenId !== undefined && !(auth.apiTokens && Object.hasOwn(auth.apiTokens, claims.tokenId)))
      return undefined;
    return auth.household;
  }
  if (claims.kind === 'link') {
    return Object.hasOwn(auth.links, claims.grantId) ? auth.links[claims.grantId] : undefined;
  }
  if (claims.kind === 'device') {
    return Object.hasOwn(auth.devices, claims.deviceId) ? auth.devices[claims.deviceId] : undefined;
  }
  return undefined;
}

/** Whether a token's generation is the one its household holds now (false once bumped: revoked). */
export function tokenIsCurrent(household: HouseholdRecord, claims: TokenRequest): boolean {
  const current = generationInHousehold(household, claims);
  return current !== undefined && 'generation' in claims && current === claims.generation;
}

/**
 * How long after a device token rotation a retry of it with the previous token
 * is still answered (with a token of the generation already issued): enough for
 * a client's request timeout, a few retries with backoff, or a reboot, when the
 * response was lost on the way. A mature token service does the same for
 * refresh-token rotation (Okta's grace period, Auth0's reuse interval); the
 * previous token opens nothing else in the meantime.
 */
export const ROTATION_GRACE_MS = 5 * 60_000;

/**
 * What a rotation request with a device token amounts to, from the household
 * document at `nowMs` (wall clock):
 * - `rotate`: the token is current; its device moves to generation `generation`,
 *   and `grace` is to be kept with the household so a lost answer can be asked again;
 * - `reissue`: the token is the one the device's last rotation replaced, within
 *   the grace window, and that rotation is still the device's latest (no rotation
 *   since, not removed): the same answer again, a token of generation `generation`,
 *   nothing written;
 * - undefined: revoked (401).
 */
export function deviceRotation(
  household: HouseholdRecord,
  claims: { deviceId: string; generation: number },
  nowMs: number,
):
  | { kind: 'rotate'; generation: number; grace: DeviceRotation }
  | { kind: 'reissue'; generation: number }
  | undefined {
  const { devices, rotations } = household.auth;
  const current = Object.hasOwn(devices, claims.deviceId) ? devices[claims.deviceId] : undefined;
  if (current === undefined) return undefined;
  if (current === claims.generation) {
    const next = current + 1;
    const until = new Date(nowMs + ROTATION_GRACE_MS).toISOString();
    return { kind: 'rotate', generation: next, grace: { from: current, to: next, until } };
  }
  const last =
    rotations && Object.hasOwn(rotations, claims.deviceId) ? rotations[claims.deviceId] : undefined;
  const retried =
    last !== undefined &&
    last.from === claims.generation &&
    last.to === current &&
    nowMs < Date.parse(last.until);
  return retried ? { kind: 'reissue', generation: current } : undefined;
}
