import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/app-harness.js';
import { signIn } from '../support/sign-in.js';

/**
 * DNS rebinding: a page of evil.example whose name is made to resolve to 127.0.0.1
 * reaches a local demo with `Host: evil.example`. The demo answers only loopback names
 * and its base URL's host.
 */
let demo: Harness;
let production: Harness;
beforeAll(async () => {
  demo = await createHarness({ demoHosts: ['hearth.example.org'] });
  production = await createHarness({ demo: false });
});
afterAll(async () => {
  await demo?.close();
  await production?.close();
});

const screenOf = (h: Harness) => `/screens/${h.demo.households[0]!.devices[0]!.id}`;

describe('the demo host guard', () => {
  it.each([
    'http://localhost:3000',
    'http://127.0.0.1:3000',
    'http://127.9.9.9',
    'http://[::1]:8080',
    'http://hearth.example.org',
    'https://HEARTH.example.org:8443',
  ])('answers requests addressed to %s', async (origin) => {
    expect((await demo.app.request(`${origin}/healthz`)).status).toBe(200);
    const household = { kind: 'household', householdId: demo.demo.households[0]!.id } as const;
    const cookie = await signIn(demo.app, demo.store, household, origin);
    expect((await demo.app.request(`${origin}${screenOf(demo)}`, { headers: { cookie } })).status).toBe(200);
  });

  it.each([
    'http://evil.example',
    'http://evil.example:3000',
    'http://localhost.evil.example',
    'http://127.0.0.1.nip.io:3000',
    'http://example.org',
    'http://192.168.1.20:3000',
  ])('refuses requests addressed to %s with a 403 problem, before any route runs', async (origin) => {
    for (const route of ['/healthz', screenOf(demo), '/openapi.json', '/v1/screens/x/home']) {
      const response = await demo.app.request(`${origin}${route}`);
      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      const body = (await response.json()) as { code: string; detail: string };
      expect(body.code).toBe('host_not_allowed');
      expect(body.detail).toMatch(/HEARTH_PUBLIC_URL/);
    }
    const post = await demo.app.request(`${origin}/google/fridge-chef`, { method: 'POST', body: '{}' });
    expect(post.status).toBe(403);
  });

  it('is not there outside demo mode, where a proxy or load balancer names the host', async () => {
    expect((await production.app.request('http://hearth.example.com/healthz')).status).toBe(200);
  });
});
