import { X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { type ChainLoad, createCertChainCache } from '../../../src/channels/alexa/cert-cache.js';
import type { VerifiedChain } from '../../../src/channels/alexa/cert-chain.js';
import { refuse } from '../../../src/channels/alexa/verify-result.js';
import { getAlexaTestCa } from '../../support/alexa-test-ca.js';

const NOW = new Date('2026-12-01T12:00:00Z');
const MINUTE = 60_000;

let chain: VerifiedChain;
beforeAll(async () => {
  const ca = await getAlexaTestCa();
  chain = {
    leaf: new X509Certificate(ca.chains.valid),
    validFromMs: NOW.getTime() - MINUTE,
    validToMs: NOW.getTime() + 24 * 60 * MINUTE,
  };
});

function cacheWith(overrides: Partial<Parameters<typeof createCertChainCache>[0]> = {}) {
  return createCertChainCache({
    maxEntries: 32,
    ttlMs: 60 * MINUTE,
    failureTtlMs: MINUTE,
    maxFailures: 256,
    maxConcurrentLoads: 3,
    maxLoadsPerMinute: 30,
    now: () => NOW,
    ...overrides,
  });
}

const failing = () => vi.fn(async (): Promise<ChainLoad> => refuse('cert_fetch_failed', 'HTTP 403'));

describe('the certificate chain cache', () => {
  it('remembers at most maxFailures failures, dropping the oldest', async () => {
    const cache = cacheWith({ maxFailures: 2 });
    const load = failing();
    for (const url of ['a', 'b', 'c']) await cache.get(url, load);
    expect(cache.failures).toBe(2);
    await cache.get('b', load);
    await cache.get('c', load);
    expect(load).toHaveBeenCalledTimes(3);
    await cache.get('a', load);
    expect(load).toHaveBeenCalledTimes(4);
  });

  it('caches only verified chains, so failures never take a chain’s place', async () => {
    const cache = cacheWith({ maxEntries: 1 });
    await cache.get('real', async () => chain);
    for (let i = 0; i < 40; i += 1) await cache.get(`forged-${i}`, failing());
    expect(cache.size).toBe(1);
    const reload = vi.fn(async (): Promise<ChainLoad> => chain);
    expect(await cache.get('real', reload)).toBe(chain);
    expect(reload).not.toHaveBeenCalled();
  });

  it('turns a load that throws into cert_fetch_failed, remembered like any failure', async () => {
    const cache = cacheWith();
    const load = vi.fn(async (): Promise<ChainLoad> => {
      throw new Error('boom');
    });
    expect(await cache.get('x', load)).toMatchObject({ ok: false, code: 'cert_fetch_failed' });
    expect(await cache.get('x', load)).toMatchObject({ ok: false, code: 'cert_fetch_failed' });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('frees a load slot when a load settles', async () => {
    const cache = cacheWith({ maxConcurrentLoads: 1 });
    expect(await cache.get('a', failing())).toMatchObject({ code: 'cert_fetch_failed' });
    expect(await cache.get('b', failing())).toMatchObject({ code: 'cert_fetch_failed' });
  });
});
