import type { TokenClaims, TokenRequest } from '../auth/token-claims.js';
import type { DocumentStore } from '../store/document-store.js';
import {
  brandRecordSchema,
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
  if (claims.kind === 'household') return auth.household;
  if (claims.kind === 'link') return auth.links;
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
