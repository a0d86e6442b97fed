import type { TokenClaims } from '../auth/token-claims.js';
import type { DocumentStore } from '../store/document-store.js';
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
      const snap = await store.get(paths.household(claims.householdId));
      return generationInHousehold(snap.data, claims);
    }
    case 'brand': {
      const snap = await store.get(paths.brand(claims.brandId));
      return numberOrUndefined(snap.data?.tokenGeneration);
    }
    case 'maker': {
      const snap = await store.get(paths.maker(claims.makerId));
      return numberOrUndefined(snap.data?.tokenGeneration);
    }
  }
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/** The generation a household document holds for a household, device or link token. */
export function generationInHousehold(
  data: Record<string, unknown> | undefined,
  claims: TokenClaims,
): number | undefined {
  const auth = data?.auth as
    | { household?: unknown; links?: unknown; devices?: Record<string, unknown> }
    | undefined;
  if (!auth) return undefined;
  if (claims.kind === 'household') return numberOrUndefined(auth.household);
  if (claims.kind === 'link') return numberOrUndefined(auth.links);
  if (claims.kind === 'device') {
    const devices = auth.devices ?? {};
    return Object.hasOwn(devices, claims.deviceId) ? numberOrUndefined(devices[claims.deviceId]) : undefined;
  }
  return undefined;
}
