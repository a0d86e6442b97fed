import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, MAX_BODY_BYTES } from '../../src/app.js';
import { READY_PING_BUDGET_MS } from '../../src/health/health-routes.js';
import { bearer, createHarness, type Harness } from '../support/app-harness.js';
import { expectProblem } from '../support/http-expect.js';
import { storeWith } from '../support/store-faults.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe('health', () => {
  it('answers /healthz and /readyz when the store answers', async () => {
    expect((await h.app.request('/healthz')).status).toBe(200);
    const ready = await h.app.request('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', store: 'sqlite' });
  });

  it('answers /readyz 503 with the reason while start-up has not reached the store', async () => {
    const notReady = await createHarness({
      readiness: async () => ({ ready: false, reason: 'store firestore: no answer within 2000 ms' }),
    });
    try {
      const ready = await notReady.app.request('/readyz');
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ reason: 'store firestore: no answer within 2000 ms' });
      expect((await notReady.app.request('/healthz')).status).toBe(200);
    } finally {
      await notReady.close();
    }
  });

  it('answers /readyz 503 when the store stops answering', async () => {
    const broken = await createHarness();
    await broken.store.close();
    try {
      const ready = await broken.app.request('/readyz');
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { reason: string }).reason).toMatch(/^store sqlite: /);
    } finally {
      await broken.close().catch(() => undefined);
    }
  });

  it('answers /readyz 503 within its budget when the store ping never answers', async () => {
    const hanging = storeWith(h.store, (method) =>
      method === 'ping' ? () => new Promise<never>(() => undefined) : undefined,
    );
    const app = createApp({ ...h.deps, store: hanging });
    const started = performance.now();
    const ready = await app.request('/readyz');
    expect(performance.now() - started).toBeLessThan(READY_PING_BUDGET_MS + 1000);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({
      status: 'unavailable',
      reason: `store sqlite: no answer within ${READY_PING_BUDGET_MS} ms`,
    });
  });
});

describe('bad input', () => {
  const device = () => h.demo.households[0]!.devices[0]!;

  it('answers an unknown route with a 404 problem', async () => {
    await expectProblem(await h.app.request('/v1/nothing-here'), 404, 'not_found');
  });

  it('answers a missing token with 401 and a WWW-Authenticate challenge', async () => {
    const response = await h.app.request(`/v1/devices/${device().id}/token`, { method: 'POST' });
    await expectProblem(response, 401, 'unauthorized');
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it.each([
    ['a forged token', 'hth1.eyJraW5kIjoiZGV2aWNlIn0.AAAA'],
    ['garbage', 'not-a-token'],
    ['a Basic scheme', null],
  ])('answers %s with 401', async (_name, token) => {
    const headers = token ? bearer(token) : { authorization: 'Basic dXNlcjpwYXNz' };
    await expectProblem(
      await h.app.request(`/v1/devices/${device().id}/token`, { method: 'POST', headers }),
      401,
      'unauthorized',
    );
  });

  it('answers a body in another content type with 415', async () => {
    await expectProblem(
      await h.app.request(`/v1/devices/${device().id}/token`, {
        method: 'POST',
        headers: { ...bearer(device().token), 'content-type': 'text/plain' },
        body: 'hello',
      }),
      415,
      'unsupported_media_type',
    );
  });

  it('answers an oversized body with 413 without reading it all', async () => {
    await expectProblem(
      await h.app.request(`/v1/devices/${device().id}/token`, {
        method: 'POST',
        headers: bearer(device().token, true),
        body: JSON.stringify({ pad: 'x'.repeat(MAX_BODY_BYTES) }),
      }),
      413,
      'payload_too_large',
    );
  });

  it('answers an invalid path parameter with 400 validation_failed naming it', async () => {
    const body = await expectProblem(
      await h.app.request(`/v1/devices/${'x'.repeat(80)}/token`, {
        method: 'POST',
        headers: bearer(device().token),
      }),
      400,
      'validation_failed',
    );
    expect(body.errors).toEqual([expect.objectContaining({ path: 'deviceId' })]);
  });

  it('echoes a request id on every answer', async () => {
    const response = await h.app.request('/v1/nothing-here', { headers: { 'x-request-id': 'req-123' } });
    expect(response.headers.get('x-request-id')).toBe('req-123');
    expect(await response.json()).toMatchObject({ requestId: 'req-123' });
  });
});

describe('openapi', () => {
  it('documents the /v1 routes with their problem codes', async () => {
    const doc = (await (await h.app.request('/openapi.json')).json()) as {
      paths: Record<string, unknown>;
      info: { description: string };
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/devices/{deviceId}/token', '/v1/households/{hid}/devices/{deviceId}']),
    );
    expect(doc.info.description).toContain('`token_revoked`');
  });

  it('serves Swagger UI and its assets locally', async () => {
    const page = await h.app.request('/docs');
    expect(await page.text()).toContain('/docs/assets/swagger-ui-bundle.js');
    const asset = await h.app.request('/docs/assets/swagger-ui-bundle.js');
    expect(asset.status).toBe(200);
    expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
  });
});
