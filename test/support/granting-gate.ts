import type { ConsentGateFactory } from '../../src/consent/gate-factory.js';
import { type ConsentGate, PURPOSES, type Purpose } from '../../src/runtime/consent-gate.js';
import type { DocumentStore } from '../../src/store/document-store.js';

/**
 * TEST ONLY. A consent gate factory that grants `purposes` (all by default) to every
 * household and brand, and hands out the real context documents from the store.
 * Production has only `grantNothing` until the consent work lands; tests use this to
 * exercise the personal paths.
 */
export function grantingGateFactory(
  store: () => DocumentStore,
  purposes: readonly Purpose[] = PURPOSES,
): ConsentGateFactory {
  return ({ householdId }): ConsentGate => ({
    async read(asked) {
      const granted = asked.filter((p) => purposes.includes(p));
      const snaps = await store().getAll(granted.map((p) => `households/${householdId}/context/${p}`));
      const documents: Partial<Record<Purpose, unknown>> = {};
      for (const [i, p] of granted.entries()) if (snaps[i]?.exists) documents[p] = snaps[i]?.data;
      return { granted, documents };
    },
  });
}
