import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { SKILLS } from '../../skills/index.js';
import { type AppDeps, createApp } from '../../src/app.js';
import { createTokenSigner } from '../../src/auth/token-signer.js';
import { createAlexaVerifier } from '../../src/channels/alexa/verify-request.js';
import { grantNothing } from '../../src/consent/consent-policy.js';
import { buildDemoFile, type DemoFile } from '../../src/demo/demo-file.js';
import { seedDemo } from '../../src/demo/seed-demo.js';
import { createEffectWriter } from '../../src/household/effect-writer.js';
import { loadDefaultLanguage } from '../../src/runtime/default-language.js';
import { createSkillRegistry } from '../../src/runtime/skill-registry.js';
import type { DocumentStore } from '../../src/store/document-store.js';
import { openStore } from '../../src/store/open-store.js';
import { getAlexaTestCa } from './alexa-test-ca.js';

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123';

export interface Harness {
  app: ReturnType<typeof createApp>;
  store: DocumentStore;
  deps: AppDeps;
  demo: DemoFile;
  dir: string;
  close: () => Promise<void>;
}

/** A real app on a real SQLite file in a temp dir, seeded with the demo, as the tests' starting point. */
export async function createHarness(
  overrides: Partial<AppDeps> & {
    /** Wraps the store the app uses (faults, counters); seeding and `harness.store` use the real one. */
    wrapStore?: (store: DocumentStore) => DocumentStore;
  } = {},
): Promise<Harness> {
  const { wrapStore, ...given } = overrides;
  const dir = mkdtempSync(path.join(tmpdir(), 'hearth-test-'));
  const store = given.store ?? (await openStore({ kind: 'sqlite', file: path.join(dir, 'hearth.db') }));
  const signer = createTokenSigner({ secret: TEST_SECRET });
  const now = new Date('2026-11-20T09:00:00Z');
  const logger = given.logger ?? pino({ level: 'silent' });
  const appStore = wrapStore ? wrapStore(store) : store;
  const deps: AppDeps = {
    signer,
    logger,
    clock: () => now,
    demo: true,
    skills: createSkillRegistry(SKILLS),
    language: loadDefaultLanguage(),
    consent: grantNothing,
    effects: createEffectWriter({ store: appStore, logger }),
    requestTimeoutMs: 5000,
    alexa: {
      verifySignature: true,
      verifier: createAlexaVerifier((await getAlexaTestCa()).verifierOptions()),
    },
    ...given,
    store: appStore,
  };
  await seedDemo({ store, now });
  const demo = await buildDemoFile({ store, signer, baseUrl: 'http://127.0.0.1:0' });
  const app = createApp(deps);
  return {
    app,
    store,
    deps,
    demo,
    dir,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Headers with a bearer token (and JSON content type when a body is sent). */
export function bearer(token: string, json = false): Record<string, string> {
  return { authorization: `Bearer ${token}`, ...(json ? { 'content-type': 'application/json' } : {}) };
}
