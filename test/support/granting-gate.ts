import type { ConsentPolicy } from '../../src/consent/consent-policy.js';
import { hasContextDocument, parseContextDocument } from '../../src/household/context-documents.js';
import { type ConsentGate, PURPOSES, type Purpose } from '../../src/runtime/consent-gate.js';
import type { DocumentStore } from '../../src/store/document-store.js';

/**
 * TEST ONLY. A consent policy that grants `purposes` (all by default) to every
 * household and brand. Production has only `grantNothing` until the consent work
 * lands; tests use this to exercise the personal paths.
 */
export function grantingPolicy(purposes: readonly Purpose[] = PURPOSES): ConsentPolicy {
  return (_household, { purposes: asked }) => asked.filter((p) => purposes.includes(p));
}

/**
 * TEST ONLY. A gate for conversations without the app (the runtime's own tests):
 * grants `purposes` and hands out the household's context documents from the store.
 */
export function grantingGate(
  store: DocumentStore,
  householdId: string,
  purposes: readonly Purpose[] = PURPOSES,
): ConsentGate {
  return {
    async read(asked) {
      const granted = asked.filter((p) => purposes.includes(p));
      const snaps = await store.getAll(granted.map((p) => `households/${householdId}/context/${p}`));
      const documents: Record<string, unknown> = {};
      for (const [i, p] of granted.entries()) {
        const document = hasContextDocument(p) ? parseContextDocument(p, snaps[i]?.data) : undefined;
        if (document !== undefined) documents[p] = document;
      }
      return { granted, documents };
    },
  };
}
