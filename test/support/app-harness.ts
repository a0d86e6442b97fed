import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { createApp } from '../../src/app.js';
import { createTokenSigner } from '../../src/auth/token-signer.js';
import { createAlexaVerifier } from '../../src/channels/alexa/verify-request.js';
import { grantNothing } from '../../src/consent/gate-factory.js';
import { buildDemoFile, type DemoFile } from '../../src/demo/demo-file.js';
import { seedDemo } from '../../src/demo/seed-demo.js';
import type { AppDeps } from '../../src/http/app-env.js';
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
export async function createHarness(overrides: Partial<AppDeps> = {}): Promise<Harness> {
  const dir = mkdtempSync(path.join(tmpdir(), 'hearth-test-'));
  const store = overrides.store ?? (await openStore({ kind: 'sqlite', file: path.join(dir, 'hearth.db') }));
  const signer = createTokenSigner({ secret: TEST_SECRET });
  const now = new Date('2026-11-20T09:00:00Z');
  const deps: AppDeps = {
    store,
    signer,
    logger: pino({ level: 'silent' }),
    clock: () => now,
    demo: true,
    consent: grantNothing,
    requestTimeoutMs: 5000,
    alexa: {
      verifySignature: true,
      verifier: createAlexaVerifier((await getAlexaTestCa()).verifierOptions()),
    },
    ...overrides,
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
