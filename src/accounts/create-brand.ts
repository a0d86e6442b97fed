import type { TokenSigner } from '../auth/token-signer.js';
import type { BrandRecord } from '../household/household-record.js';
import { paths } from '../household/paths.js';
import { AlreadyExistsError, type DocumentStore } from '../store/document-store.js';
import { auditRecord } from './audit-record.js';

/** A brand's id: kebab-case, as skill ids (`crema`, `fresh-foods`), short enough for every path. */
export const BRAND_ID = /^[a-z][a-z0-9-]{0,63}$/;

/** The brand exists already: creating it again would hand out a second token. */
export class BrandExistsError extends Error {
  override readonly name = 'BrandExistsError';
}

/**
 * Creates a brand for a skill, generation 1, and signs its token (no expiry:
 * it lasts until the brand's generation is bumped). The token is returned to
 * be shown once and is not stored. An existing id is refused (BrandExistsError),
 * never overwritten: that would reset its generation and bring revoked tokens back.
 */
export async function createBrand(
  { store, signer }: { store: DocumentStore; signer: TokenSigner },
  brand: { id: string; name: string; skillId: string },
  now = new Date(),
): Promise<{ token: string }> {
  const record: BrandRecord = { name: brand.name, skillId: brand.skillId, tokenGeneration: 1 };
  try {
    await store
      .batch()
      .create(paths.brand(brand.id), record)
      .set(
        ...auditRecord({
          type: 'brand.created',
          subject: { kind: 'brand', brandId: brand.id },
          by: { kind: 'operator' },
          at: now,
        }),
      )
      .commit();
  } catch (error) {
    if (error instanceof AlreadyExistsError) throw new BrandExistsError(`brand ${brand.id} exists already`);
    throw error;
  }
  return { token: signer.sign({ kind: 'brand', brandId: brand.id, generation: 1 }) };
}
