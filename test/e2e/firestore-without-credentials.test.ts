import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTokenSigner } from '../../src/auth/token-signer.js';
import { freePort, spawnService, stopService, waitForStatus } from '../support/service-process.js';

const dirs: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const SECRET = 'e2e-secret-e2e-secret-e2e-secret-e2e';

type ReadyBody = { status: string; code?: string; reason: string };

async function readiness(baseUrl: string): Promise<{ status: number; body: ReadyBody }> {
  const response = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(5000) });
  return { status: response.status, body: (await response.json()) as ReadyBody };
}

/**
 * `npm start` on real Firestore as a newcomer would try it, on a machine without
 * Application Default Credentials: no emulator, no GOOGLE_APPLICATION_CREDENTIALS, a HOME
 * without gcloud's credentials file, no metadata server. The service used to print
 * "hearth listening" and die of the auth library's unhandled rejection (exit 1).
 */
describe('HEARTH_STORE=firestore without credentials', () => {
  it('stays up: /healthz 200, /readyz 503 naming the missing credentials, no stack trace; looks again once they appear', async () => {
    const home = tempDir('hearth-no-adc-home-');
    // Whatever the service tries once credentials exist goes to a closed local port, not out.
    const nowhere = `http://127.0.0.1:${await freePort()}`;
    const service = await spawnService({
      HOME: home,
      HEARTH_DATA_DIR: tempDir('hearth-no-adc-data-'),
      HEARTH_STORE: 'firestore',
      FIRESTORE_PROJECT_ID: 'hearth-no-credentials',
      HEARTH_SECRET: SECRET,
      METADATA_SERVER_DETECTION: 'none',
      HTTPS_PROXY: nowhere,
      https_proxy: nowhere,
      grpc_proxy: nowhere,
    });
    try {
      await waitForStatus(service, '/healthz', 200);
      // 'starting' until the first look for credentials ends; then the reason, with its code.
      let ready = await readiness(service.baseUrl);
      const deadline = Date.now() + 15_000;
      while (ready.body.code === undefined && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        ready = await readiness(service.baseUrl);
      }
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ status: 'unavailable', code: 'store_credentials_missing' });
      expect(ready.body.reason).toMatch(/^store firestore: no Google credentials found/);

      // A request that needs the store (the token's generation) gets a 503 problem at once.
      const token = createTokenSigner({ secret: SECRET }).sign({
        kind: 'device',
        householdId: 'h1',
        deviceId: 'd1',
        generation: 0,
      });
      const started = performance.now();
      const rotated = await fetch(`${service.baseUrl}/v1/devices/d1/token`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(performance.now() - started).toBeLessThan(2000);
      expect(rotated.status).toBe(503);
      expect(rotated.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await rotated.json()).toMatchObject({ code: 'store_unavailable' });
      // Still alive some seconds on (it died within a second of listening), never crashed.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect(service.child.exitCode).toBeNull();
      expect((await fetch(`${service.baseUrl}/healthz`)).status).toBe(200);

      // Credentials appear (gcloud's file): readiness looks again, without a restart, and
      // moves past them (to Firestore itself, which cannot be reached from here).
      const gcloud = path.join(home, '.config', 'gcloud');
      mkdirSync(gcloud, { recursive: true });
      writeFileSync(
        path.join(gcloud, 'application_default_credentials.json'),
        JSON.stringify({
          type: 'authorized_user',
          client_id: 'hearth-test.apps.googleusercontent.com',
          client_secret: 'not-a-secret',
          refresh_token: 'not-a-refresh-token',
        }),
      );
      const movedOn = Date.now() + 30_000;
      while (ready.body.code === 'store_credentials_missing' && Date.now() < movedOn) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        ready = await readiness(service.baseUrl);
      }
      expect(ready.status).toBe(503);
      expect(ready.body.code).toBeUndefined();
      expect(ready.body.reason).toMatch(/^store firestore: /);
      expect(service.child.exitCode).toBeNull();
    } finally {
      expect(await stopService(service)).toBe(0);
    }
    const output = service.output();
    expect(output).toContain('store not ready; retrying');
    expect(output).not.toMatch(/unhandled|UnhandledPromiseRejection/i);
    expect(output).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
    expect(output).not.toContain('not-a-refresh-token');
  }, 90_000);
});
