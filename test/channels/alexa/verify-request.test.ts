import { createSign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHttpCertChainFetcher } from '../../../src/channels/alexa/fetch-cert-chain.js';
import {
  type AlexaVerifierOptions,
  createAlexaVerifier,
  type FetchCertChain,
} from '../../../src/channels/alexa/verify-request.js';
import {
  type AlexaTestCa,
  type AlexaTestChain,
  getAlexaTestCa,
  signAlexaRequest,
} from '../../support/alexa-test-ca.js';

// Whole seconds, as Amazon dates requests, so that ages in tests are exact.
const NOW = new Date(Math.floor(Date.now() / 1000) * 1000);
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

let ca: AlexaTestCa;
beforeAll(async () => {
  ca = await getAlexaTestCa();
});

/** An Alexa request body sent `ageMs` before NOW. */
function envelope({ ageMs = 0, type = 'LaunchRequest' }: { ageMs?: number; type?: string } = {}): string {
  const timestamp = new Date(NOW.getTime() - ageMs).toISOString().replace('.000Z', 'Z');
  return JSON.stringify({
    version: '1.0',
    session: {
      new: true,
      sessionId: 'amzn1.echo-api.session.1',
      application: { applicationId: 'amzn1.ask.skill.1' },
    },
    request: { type, requestId: 'amzn1.echo-api.request.1', timestamp, locale: 'en-US' },
  });
}

function verifierWith(options: AlexaVerifierOptions = {}) {
  return createAlexaVerifier({ ...ca.verifierOptions(), now: () => NOW, ...options });
}

/** A fetch that counts calls and serves the test chains. */
function countingFetch(serve: (url: string) => Promise<string> = (url) => ca.fetchCertChain(url)) {
  return vi.fn<FetchCertChain>(serve);
}

describe('a correctly signed request', () => {
  it('is accepted', async () => {
    const body = envelope();
    const result = await verifierWith().verify({ rawBody: body, headers: ca.signAlexaRequest(body) });
    expect(result).toEqual({ ok: true });
  });

  it('is accepted when signed with the standalone helper route tests use', async () => {
    const body = envelope();
    const headers = await signAlexaRequest(body);
    expect(await verifierWith().verify({ rawBody: body, headers })).toEqual({ ok: true });
  });

  it('is accepted when the served bundle carries the root too', async () => {
    const body = envelope();
    const headers = ca.signAlexaRequest(body, { chain: 'validWithRoot' });
    expect(await verifierWith().verify({ rawBody: body, headers })).toEqual({ ok: true });
  });

  it('is accepted whatever the case of the header names', async () => {
    const body = envelope();
    const signed = ca.signAlexaRequest(body);
    const lower = Object.fromEntries(
      Object.entries(signed).map(([name, value]) => [name.toLowerCase(), value]),
    );
    const upper = Object.fromEntries(
      Object.entries(signed).map(([name, value]) => [name.toUpperCase(), value]),
    );
    const verifier = verifierWith();
    expect(await verifier.verify({ rawBody: body, headers: lower })).toEqual({ ok: true });
    expect(await verifier.verify({ rawBody: body, headers: upper })).toEqual({ ok: true });
    expect(await verifier.verify({ rawBody: body, headers: new Headers(signed) })).toEqual({ ok: true });
  });

  it('is accepted when the raw body arrives as bytes', async () => {
    const body = envelope({ type: 'IntentRequest' }).replace('en-US', 'de-DE 🍳 Küche');
    const headers = ca.signAlexaRequest(body);
    const rawBody = new TextEncoder().encode(body);
    expect(await verifierWith().verify({ rawBody, headers })).toEqual({ ok: true });
  });
});

describe('the Signature-256 header', () => {
  it('refuses a body tampered with after signing', async () => {
    const body = envelope();
    const headers = ca.signAlexaRequest(body);
    const tampered = body.replace('LaunchRequest', 'IntentRequest');
    expect(await verifierWith().verify({ rawBody: tampered, headers })).toMatchObject({
      ok: false,
      code: 'signature_invalid',
    });
  });

  it('refuses a body re-serialised with other whitespace', async () => {
    const body = envelope();
    const headers = ca.signAlexaRequest(body);
    const reformatted = JSON.stringify(JSON.parse(body), null, 2);
    expect(await verifierWith().verify({ rawBody: reformatted, headers })).toMatchObject({
      code: 'signature_invalid',
    });
  });

  it('refuses the signature of another body', async () => {
    const body = envelope();
    const headers = ca.signAlexaRequest(envelope({ ageMs: SECOND }));
    expect(await verifierWith().verify({ rawBody: body, headers })).toMatchObject({
      code: 'signature_invalid',
    });
  });

  it('refuses a request that carries only the old SHA-1 Signature header', async () => {
    const body = envelope();
    const { SignatureCertChainUrl, 'Signature-256': _unused } = ca.signAlexaRequest(body);
    const sha1 = createSign('RSA-SHA1').update(body).sign(ca.leafKey, 'base64');
    const fetch = countingFetch();
    const result = await verifierWith({ fetchCertChain: fetch }).verify({
      rawBody: body,
      headers: { SignatureCertChainUrl, Signature: sha1 },
    });
    expect(result).toMatchObject({ ok: false, code: 'signature_missing' });
    expect(result.ok || result.reason).toMatch(/SHA-1/);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('refuses a SHA-1 signature placed in the Signature-256 header', async () => {
    const body = envelope();
    const sha1 = createSign('RSA-SHA1').update(body).sign(ca.leafKey, 'base64');
    const headers = { SignatureCertChainUrl: ca.chainUrl(), 'Signature-256': sha1 };
    expect(await verifierWith().verify({ rawBody: body, headers })).toMatchObject({
      code: 'signature_invalid',
    });
  });

  it.each([
    ['no headers at all', {}],
    ['no Signature-256', { SignatureCertChainUrl: 'https://s3.amazonaws.com/echo.api/x.pem' }],
    ['no SignatureCertChainUrl', { 'Signature-256': 'c2ln' }],
    [
      'an empty Signature-256',
      { SignatureCertChainUrl: 'https://s3.amazonaws.com/echo.api/x.pem', 'Signature-256': undefined },
    ],
  ])('refuses a request with %s as signature_missing', async (_case, headers) => {
    const fetch = countingFetch();
    const result = await verifierWith({ fetchCertChain: fetch }).verify({ rawBody: envelope(), headers });
    expect(result).toMatchObject({ ok: false, code: 'signature_missing' });
    expect(fetch).not.toHaveBeenCalled();
  });

  it.each([
    ['not base64', 'not base64!!'],
    ['base64 with junk inside', 'c2lnbmF0dXJl*c2ln'],
    ['base64 of the wrong length', 'c2lnbmF0dXJ'],
    ['empty', ''],
  ])('refuses a Signature-256 that is %s', async (_case, signature) => {
    const fetch = countingFetch();
    const headers = { SignatureCertChainUrl: ca.chainUrl(), 'Signature-256': signature };
    const result = await verifierWith({ fetchCertChain: fetch }).verify({ rawBody: envelope(), headers });
    expect(result).toMatchObject({ ok: false, code: 'signature_invalid' });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('refuses a truncated signature', async () => {
    const body = envelope();
    const headers = ca.signAlexaRequest(body);
    const truncated = Buffer.from(headers['Signature-256'] ?? '', 'base64')
      .subarray(0, 128)
      .toString('base64');
    const result = await verifierWith().verify({
      rawBody: body,
      headers: { ...headers, 'Signature-256': truncated },
    });
    expect(result).toMatchObject({ code: 'signature_invalid' });
  });
});

describe('the SignatureCertChainUrl header', () => {
  const canonical = 'https://s3.amazonaws.com/echo.api/echo-api-cert.pem';

  it.each([
    ['the canonical form', canonical],
    ['port 443', 'https://s3.amazonaws.com:443/echo.api/echo-api-cert.pem'],
    ['an upper-case host', 'https://S3.AMAZONAWS.COM/echo.api/echo-api-cert.pem'],
    ['a mixed-case scheme and host', 'HTTPS://s3.AmazonAWS.com/echo.api/echo-api-cert.pem'],
    [
      'dot segments that stay inside /echo.api/',
      'https://s3.amazonaws.com/echo.api/../echo.api/./echo-api-cert.pem',
    ],
    ['percent-encoded letters', 'https://s3.amazonaws.com/echo.api/%65cho-api-%63ert.pem'],
    ['a percent-encoded prefix', 'https://s3.amazonaws.com/echo%2Eapi%2Fecho-api-cert.pem'],
    ['a percent-encoded host', 'https://s3.amazonaws%2ecom/echo.api/echo-api-cert.pem'],
    ['port 0443', 'https://s3.amazonaws.com:0443/echo.api/echo-api-cert.pem'],
    ['a tab inside', 'https://s3.amazon\taws.com/echo.api/echo-api-cert.pem'],
    ['empty credentials', 'https://@s3.amazonaws.com/echo.api/echo-api-cert.pem'],
  ])('is accepted with %s and fetched in normalised form', async (_case, url) => {
    const fetch = countingFetch(async () => ca.chains.valid);
    const body = envelope();
    const result = await verifierWith({ fetchCertChain: fetch }).verify({
      rawBody: body,
      headers: ca.signAlexaRequest(body, { certUrl: url }),
    });
    expect(result).toEqual({ ok: true });
    expect(fetch).toHaveBeenCalledWith(canonical, expect.any(AbortSignal));
  });

  it.each([
    ['http', 'http://s3.amazonaws.com/echo.api/echo-api-cert.pem'],
    ['another host', 'https://notamazon.com/echo.api/echo-api-cert.pem'],
    [
      'a host that merely starts like Amazon',
      'https://s3.amazonaws.com.evil.example/echo.api/echo-api-cert.pem',
    ],
    ['a subdomain', 'https://bucket.s3.amazonaws.com/echo.api/echo-api-cert.pem'],
    ['a trailing-dot host', 'https://s3.amazonaws.com./echo.api/echo-api-cert.pem'],
    ['port 8443', 'https://s3.amazonaws.com:8443/echo.api/echo-api-cert.pem'],
    ['port 563', 'https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem'],
    ['a path in another case', 'https://s3.amazonaws.com/EcHo.aPi/echo-api-cert.pem'],
    ['another path', 'https://s3.amazonaws.com/invalid.path/echo-api-cert.pem'],
    ['a path that leaves /echo.api/ by ..', 'https://s3.amazonaws.com/echo.api/../invalid.pem'],
    ['a path that leaves /echo.api/ by %2e%2e', 'https://s3.amazonaws.com/echo.api/%2e%2e/invalid.pem'],
    ['a path that leaves /echo.api/ by backslashes', 'https://s3.amazonaws.com\\echo.api\\..\\invalid.pem'],
    ['/echo.api without the slash', 'https://s3.amazonaws.com/echo.apiary/cert.pem'],
    ['credentials', 'https://user:pw@s3.amazonaws.com/echo.api/echo-api-cert.pem'],
    ['no URL at all', 'echo-api-cert.pem'],
    ['a query', 'https://s3.amazonaws.com/echo.api/echo-api-cert.pem?1'],
    ['an empty query', 'https://s3.amazonaws.com/echo.api/echo-api-cert.pem?'],
    ['a fragment', 'https://s3.amazonaws.com/echo.api/echo-api-cert.pem#x'],
    ['an empty fragment', 'https://s3.amazonaws.com/echo.api/echo-api-cert.pem#'],
    ['a path that leaves /echo.api/ by ..%2f', 'https://s3.amazonaws.com/echo.api/..%2finvalid.pem'],
    ['double percent-encoding', 'https://s3.amazonaws.com/echo.api/%252e%252e/invalid.pem'],
    ['a broken percent-encoding', 'https://s3.amazonaws.com/echo.api/%e0%80.pem'],
    ['an encoded space', 'https://s3.amazonaws.com/echo.api/echo%20api.pem'],
    ['a semicolon', 'https://s3.amazonaws.com/echo.api/echo-api-cert.pem;1'],
    ['an empty segment', 'https://s3.amazonaws.com/echo.api//echo-api-cert.pem'],
    ['an encoded empty segment', 'https://s3.amazonaws.com/echo.api/%2Fecho-api-cert.pem'],
    ['no file', 'https://s3.amazonaws.com/echo.api/'],
  ])('is refused with %s, before anything is fetched', async (_case, url) => {
    const fetch = countingFetch(async () => ca.chains.valid);
    const body = envelope();
    const result = await verifierWith({ fetchCertChain: fetch }).verify({
      rawBody: body,
      headers: ca.signAlexaRequest(body, { certUrl: url }),
    });
    expect(result).toMatchObject({ ok: false, code: 'cert_url_invalid' });
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('the certificate chain', () => {
  it.each<[AlexaTestChain, string]>([
    ['expired', 'cert_expired'],
    ['notYetValid', 'cert_not_yet_valid'],
    ['wrongSan', 'cert_san_mismatch'],
    ['wildcardSan', 'cert_san_mismatch'],
    ['noSan', 'cert_san_mismatch'],
    ['selfSigned', 'cert_untrusted'],
    ['untrustedRoot', 'cert_untrusted'],
    ['missingIntermediate', 'cert_untrusted'],
    ['issuedByLeaf', 'cert_untrusted'],
    // The intermediate comes first and so is taken for the leaf, which it is not.
    ['swapped', 'cert_san_mismatch'],
  ])('is refused when it is %s (%s)', async (chain, code) => {
    const body = envelope();
    const result = await verifierWith().verify({
      rawBody: body,
      headers: ca.signAlexaRequest(body, { chain }),
    });
    expect(result).toMatchObject({ ok: false, code });
  });

  it('is refused when a link is out of order behind a correct leaf', async () => {
    const [leaf, intermediate] = splitPem(ca.chains.valid);
    const disordered = `${leaf}${ca.rootPem}${intermediate}`;
    const body = envelope();
    const result = await verifierWith({ fetchCertChain: async () => disordered }).verify({
      rawBody: body,
      headers: ca.signAlexaRequest(body),
    });
    expect(result).toMatchObject({ code: 'cert_untrusted' });
  });

  it('is untrusted under the default roots, which do not hold the test root', async () => {
    const body = envelope();
    const verifier = createAlexaVerifier({ fetchCertChain: (url) => ca.fetchCertChain(url) });
    const result = await verifier.verify({ rawBody: body, headers: ca.signAlexaRequest(body) });
    expect(result).toMatchObject({ code: 'cert_untrusted' });
  });

  it.each([
    ['empty', ''],
    ['not PEM', '<Error><Code>AccessDenied</Code></Error>'],
    ['a broken PEM block', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'],
  ])('is refused when the served chain is %s', async (_case, served) => {
    const body = envelope();
    const result = await verifierWith({ fetchCertChain: async () => served }).verify({
      rawBody: body,
      headers: ca.signAlexaRequest(body),
    });
    expect(result).toMatchObject({ code: 'cert_invalid' });
  });

  it('is judged at the injected time, so a leaf is refused once it has expired', async () => {
    const body = envelope();
    const later = new Date(NOW.getTime() + 400 * DAY);
    const laterBody = JSON.stringify({
      ...JSON.parse(body),
      request: { type: 'LaunchRequest', timestamp: later.toISOString() },
    });
    const result = await verifierWith({ now: () => later }).verify({
      rawBody: laterBody,
      headers: ca.signAlexaRequest(laterBody),
    });
    expect(result).toMatchObject({ code: 'cert_expired' });
  });
});

describe('fetching the certificate chain', () => {
  it('refuses the request when the fetch fails', async () => {
    const body = envelope();
    const result = await verifierWith({
      fetchCertChain: async () => Promise.reject(new Error('HTTP 403')),
    }).verify({
      rawBody: body,
      headers: ca.signAlexaRequest(body),
    });
    expect(result).toMatchObject({ ok: false, code: 'cert_fetch_failed' });
  });

  it('gives up on a fetch that hangs and aborts it', async () => {
    let seen: AbortSignal | undefined;
    const hanging: FetchCertChain = (_url, signal) => {
      seen = signal;
      return new Promise<string>(() => {});
    };
    const body = envelope();
    const started = Date.now();
    const result = await verifierWith({ fetchCertChain: hanging, fetchTimeoutMs: 50 }).verify({
      rawBody: body,
      headers: ca.signAlexaRequest(body),
    });
    expect(result).toMatchObject({ code: 'cert_fetch_failed' });
    expect(result.ok || result.reason).toMatch(/timed out/);
    expect(seen?.aborted).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('remembers a failure for failureTtlMs: one fetch in the window, then one more', async () => {
    let now = NOW;
    let calls = 0;
    const flaky = countingFetch(async (url) => {
      calls += 1;
      if (calls === 1) throw new Error('ECONNRESET');
      return ca.fetchCertChain(url);
    });
    const verifier = verifierWith({ fetchCertChain: flaky, now: () => now, failureTtlMs: MINUTE });
    const body = envelope();
    const headers = ca.signAlexaRequest(body);
    for (let i = 0; i < 5; i += 1) {
      expect(await verifier.verify({ rawBody: body, headers })).toMatchObject({ code: 'cert_fetch_failed' });
    }
    expect(flaky).toHaveBeenCalledTimes(1);
    now = new Date(NOW.getTime() + MINUTE + SECOND);
    const later = envelope({ ageMs: -MINUTE - SECOND });
    expect(await verifier.verify({ rawBody: later, headers: ca.signAlexaRequest(later) })).toEqual({
      ok: true,
    });
    expect(flaky).toHaveBeenCalledTimes(2);
  });

  it('remembers a chain that fails verification as it remembers a failed fetch', async () => {
    const fetch = countingFetch();
    const verifier = verifierWith({ fetchCertChain: fetch });
    const body = envelope();
    const headers = ca.signAlexaRequest(body, { chain: 'selfSigned' });
    for (let i = 0; i < 3; i += 1) {
      expect(await verifier.verify({ rawBody: body, headers })).toMatchObject({ code: 'cert_untrusted' });
    }
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});

describe('the certificate cache', () => {
  it('fetches a chain once for two requests', async () => {
    const fetch = countingFetch();
    const verifier = verifierWith({ fetchCertChain: fetch });
    for (const ageMs of [0, SECOND]) {
      const body = envelope({ ageMs });
      expect(await verifier.verify({ rawBody: body, headers: ca.signAlexaRequest(body) })).toEqual({
        ok: true,
      });
    }
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('shares one fetch among concurrent requests for the same URL', async () => {
    const fetch = countingFetch(async (url) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return ca.fetchCertChain(url);
    });
    const verifier = verifierWith({ fetchCertChain: fetch });
    const results = await Promise.all(
      [0, 1, 2, 3, 4].map((n) => {
        const body = envelope({ ageMs: n * SECOND });
        return verifier.verify({ rawBody: body, headers: ca.signAlexaRequest(body) });
      }),
    );
    expect(results).toEqual(Array(5).fill({ ok: true }));
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('fetches again once the TTL has passed', async () => {
    let now = NOW;
    const fetch = countingFetch();
    const verifier = verifierWith({ fetchCertChain: fetch, now: () => now, cacheTtlMs: MINUTE });
    const body = envelope();
    await verifier.verifySignature({ rawBody: body, headers: ca.signAlexaRequest(body) });
    now = new Date(NOW.getTime() + 2 * MINUTE);
    await verifier.verifySignature({ rawBody: body, headers: ca.signAlexaRequest(body) });
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('does not serve a cached chain past its expiry, whatever the TTL', async () => {
    let now = NOW;
    const fetch = countingFetch();
    const verifier = verifierWith({ fetchCertChain: fetch, now: () => now, cacheTtlMs: 10 * 365 * DAY });
    const body = envelope();
    const headers = ca.signAlexaRequest(body);
    expect(await verifier.verifySignature({ rawBody: body, headers })).toEqual({ ok: true });
    now = new Date(NOW.getTime() + 400 * DAY);
    expect(await verifier.verifySignature({ rawBody: body, headers })).toMatchObject({
      code: 'cert_expired',
    });
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('fetches once for every spelling of one URL', async () => {
    const fetch = countingFetch(async () => ca.chains.valid);
    const verifier = verifierWith({ fetchCertChain: fetch });
    const spellings = [
      'https://s3.amazonaws.com/echo.api/echo-api-cert-12.pem',
      'https://S3.AmazonAWS.com:443/echo.api/echo-api-cert-12.pem',
      'https://s3.amazonaws.com/echo.api/%65cho-api-cert-12.pem',
      'https://s3.amazonaws.com/echo.api/./%65%63ho-api-cert-12.pem',
      'https://s3.amazonaws.com/echo.api/x/../echo-api-cert-12.pem',
    ];
    const body = envelope();
    for (const certUrl of spellings) {
      const headers = ca.signAlexaRequest(body, { certUrl });
      expect(await verifier.verify({ rawBody: body, headers })).toEqual({ ok: true });
    }
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('keeps the real chain when 40 other URLs are tried: no eviction, no new fetch of it', async () => {
    const fetch = countingFetch();
    const verifier = verifierWith({ fetchCertChain: fetch, maxFetchesPerMinute: 1000 });
    const body = envelope();
    const real = ca.signAlexaRequest(body);
    expect(await verifier.verify({ rawBody: body, headers: real })).toEqual({ ok: true });
    // Query variants are refused unfetched; path variants are fetched once each and fail (403).
    for (let i = 0; i < 40; i += 1) {
      for (const certUrl of [`${ca.chainUrl()}?${i}`, `https://s3.amazonaws.com/echo.api/other-${i}.pem`]) {
        const headers = ca.signAlexaRequest(body, { certUrl });
        expect((await verifier.verify({ rawBody: body, headers })).ok).toBe(false);
      }
    }
    expect(fetch).toHaveBeenCalledTimes(41);
    expect(await verifier.verify({ rawBody: body, headers: real })).toEqual({ ok: true });
    expect(fetch).toHaveBeenCalledTimes(41);
  });

  it('refuses, without queueing, a new URL while maxConcurrentFetches are in flight', async () => {
    let open = () => {};
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const fetch = countingFetch(async (url) => {
      await gate;
      return ca.fetchCertChain(url);
    });
    const verifier = verifierWith({ fetchCertChain: fetch, maxConcurrentFetches: 2 });
    const body = envelope();
    const verifyAt = (chain: AlexaTestChain) =>
      verifier.verify({ rawBody: body, headers: ca.signAlexaRequest(body, { chain }) });
    const first = verifyAt('valid');
    const joined = verifyAt('valid');
    const second = verifyAt('validWithRoot');
    expect(await verifyAt('expired')).toMatchObject({ ok: false, code: 'cert_fetch_busy' });
    expect(fetch).toHaveBeenCalledTimes(2);
    open();
    expect(await Promise.all([first, joined, second])).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(await verifyAt('expired')).toMatchObject({ code: 'cert_expired' });
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it('starts at most maxFetchesPerMinute fetches a minute, however many URLs are tried', async () => {
    let now = NOW;
    const fetch = countingFetch();
    const verifier = verifierWith({ fetchCertChain: fetch, now: () => now, maxFetchesPerMinute: 5 });
    const tryUrl = (i: number) => {
      const body = envelope({ ageMs: NOW.getTime() - now.getTime() });
      const headers = ca.signAlexaRequest(body, { certUrl: `https://s3.amazonaws.com/echo.api/x-${i}.pem` });
      return verifier.verify({ rawBody: body, headers });
    };
    const codes: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      const result = await tryUrl(i);
      codes.push(result.ok ? 'ok' : result.code);
    }
    expect(codes.filter((code) => code === 'cert_fetch_failed')).toHaveLength(5);
    expect(codes.filter((code) => code === 'cert_fetch_busy')).toHaveLength(15);
    expect(fetch).toHaveBeenCalledTimes(5);
    now = new Date(NOW.getTime() + MINUTE);
    expect(await tryUrl(100)).toMatchObject({ code: 'cert_fetch_failed' });
    expect(fetch).toHaveBeenCalledTimes(6);
  });

  it('keeps answering with a chain past its TTL while no fetch can start, then refreshes it', async () => {
    let now = NOW;
    const fetch = countingFetch();
    const verifier = verifierWith({
      fetchCertChain: fetch,
      now: () => now,
      cacheTtlMs: MINUTE,
      maxFetchesPerMinute: 2,
    });
    const signedAt = () => {
      const body = envelope({ ageMs: NOW.getTime() - now.getTime() });
      return { rawBody: body, headers: ca.signAlexaRequest(body) };
    };
    expect(await verifier.verify(signedAt())).toEqual({ ok: true });
    now = new Date(NOW.getTime() + 2 * MINUTE);
    // A flood spends the minute's fetches on URLs that serve nothing.
    for (const i of [1, 2, 3]) {
      const body = envelope({ ageMs: -2 * MINUTE });
      const certUrl = `https://s3.amazonaws.com/echo.api/flood-${i}.pem`;
      await verifier.verify({ rawBody: body, headers: ca.signAlexaRequest(body, { certUrl }) });
    }
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(await verifier.verify(signedAt())).toEqual({ ok: true });
    expect(fetch).toHaveBeenCalledTimes(3);
    now = new Date(NOW.getTime() + 3 * MINUTE + SECOND);
    expect(await verifier.verify(signedAt())).toEqual({ ok: true });
    expect(fetch).toHaveBeenCalledTimes(4);
    expect(fetch).toHaveBeenLastCalledWith(ca.chainUrl(), expect.any(AbortSignal));
  });

  it('keeps answering with a chain past its TTL when its refresh cannot be fetched', async () => {
    let now = NOW;
    let fail = false;
    const fetch = countingFetch(async (url) => {
      if (fail) throw new Error('ECONNRESET');
      return ca.fetchCertChain(url);
    });
    const verifier = verifierWith({ fetchCertChain: fetch, now: () => now, cacheTtlMs: MINUTE });
    const signedAt = () => {
      const body = envelope({ ageMs: NOW.getTime() - now.getTime() });
      return { rawBody: body, headers: ca.signAlexaRequest(body) };
    };
    expect(await verifier.verify(signedAt())).toEqual({ ok: true });
    fail = true;
    now = new Date(NOW.getTime() + 2 * MINUTE);
    expect(await verifier.verify(signedAt())).toEqual({ ok: true });
    expect(await verifier.verify(signedAt())).toEqual({ ok: true });
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('drops a chain past its TTL when its refresh serves something invalid', async () => {
    let now = NOW;
    let served = ca.chains.valid;
    const fetch = countingFetch(async () => served);
    const verifier = verifierWith({ fetchCertChain: fetch, now: () => now, cacheTtlMs: MINUTE });
    const signedAt = () => {
      const body = envelope({ ageMs: NOW.getTime() - now.getTime() });
      return { rawBody: body, headers: ca.signAlexaRequest(body) };
    };
    expect(await verifier.verify(signedAt())).toEqual({ ok: true });
    served = ca.chains.selfSigned;
    now = new Date(NOW.getTime() + 2 * MINUTE);
    expect(await verifier.verify(signedAt())).toMatchObject({ code: 'cert_untrusted' });
    expect(await verifier.verify(signedAt())).toMatchObject({ code: 'cert_untrusted' });
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('holds at most maxCachedChains chains, dropping the least recently used', async () => {
    const fetch = countingFetch();
    const verifier = verifierWith({ fetchCertChain: fetch, maxCachedChains: 1 });
    const body = envelope();
    for (const chain of ['valid', 'validWithRoot', 'valid'] as const) {
      expect(await verifier.verify({ rawBody: body, headers: ca.signAlexaRequest(body, { chain }) })).toEqual(
        {
          ok: true,
        },
      );
    }
    expect(fetch).toHaveBeenCalledTimes(3);
  });
});

describe('request.timestamp', () => {
  async function verifyAged(ageMs: number, type?: string) {
    const body = envelope({ ageMs, ...(type ? { type } : {}) });
    return verifierWith().verify({ rawBody: body, headers: ca.signAlexaRequest(body) });
  }

  it.each([
    ['149 s old', 149 * SECOND],
    ['150 s old', 150 * SECOND],
    ['149 s in the future', -149 * SECOND],
  ])('accepts a request %s', async (_case, ageMs) => {
    expect(await verifyAged(ageMs)).toEqual({ ok: true });
  });

  it.each([
    ['151 s old', 151 * SECOND],
    ['151 s in the future', -151 * SECOND],
    ['a day old', DAY],
  ])('refuses a request %s', async (_case, ageMs) => {
    expect(await verifyAged(ageMs)).toMatchObject({ ok: false, code: 'timestamp_stale' });
  });

  it('accepts a skill event 59 minutes old', async () => {
    expect(await verifyAged(59 * MINUTE, 'AlexaSkillEvent.SkillEnabled')).toEqual({ ok: true });
  });

  it('refuses a skill event 61 minutes old', async () => {
    expect(await verifyAged(61 * MINUTE, 'AlexaSkillEvent.SkillPermissionAccepted')).toMatchObject({
      code: 'timestamp_stale',
    });
  });

  it('refuses a skill event dated 10 minutes in the future', async () => {
    expect(await verifyAged(-10 * MINUTE, 'AlexaSkillEvent.SkillEnabled')).toMatchObject({
      code: 'timestamp_stale',
    });
  });

  it('grants the hour only to AlexaSkillEvent.* requests', async () => {
    expect(await verifyAged(10 * MINUTE, 'IntentRequest')).toMatchObject({ code: 'timestamp_stale' });
    expect(await verifyAged(10 * MINUTE, 'SkillEvent.AlexaSkillEvent.')).toMatchObject({
      code: 'timestamp_stale',
    });
  });

  it.each([
    ['missing', { type: 'LaunchRequest' }],
    ['not a date', { type: 'LaunchRequest', timestamp: 'yesterday-ish' }],
    ['a number', { type: 'LaunchRequest', timestamp: NOW.getTime() }],
  ])('refuses a timestamp that is %s', async (_case, request) => {
    const body = JSON.stringify({ version: '1.0', request });
    const result = await verifierWith().verify({ rawBody: body, headers: ca.signAlexaRequest(body) });
    expect(result).toMatchObject({ code: 'timestamp_invalid' });
  });

  it.each([
    ['not JSON', 'type=LaunchRequest'],
    ['JSON without a request', '{"version":"1.0"}'],
    ['a JSON array', '[]'],
    ['JSON whose request is a string', '{"request":"LaunchRequest"}'],
  ])('refuses a correctly signed body that is %s', async (_case, body) => {
    const result = await verifierWith().verify({ rawBody: body, headers: ca.signAlexaRequest(body) });
    expect(result).toMatchObject({ ok: false, code: 'body_invalid' });
  });

  it('refuses raw body bytes that are not UTF-8', async () => {
    const verifier = verifierWith();
    expect(verifier.verifyTimestamp({ rawBody: new Uint8Array([0x7b, 0xff, 0x7d]) })).toMatchObject({
      code: 'body_invalid',
    });
  });

  it('is checked on its own by verifyTimestamp, without headers', () => {
    const verifier = verifierWith();
    expect(verifier.verifyTimestamp({ rawBody: envelope({ ageMs: 10 * SECOND }) })).toEqual({ ok: true });
    expect(verifier.verifyTimestamp({ rawBody: envelope({ ageMs: 10 * MINUTE }) })).toMatchObject({
      code: 'timestamp_stale',
    });
  });
});

describe('verify', () => {
  it('checks the signature before the timestamp', async () => {
    const stale = envelope({ ageMs: DAY });
    const verifier = verifierWith();
    expect(await verifier.verify({ rawBody: stale, headers: {} })).toMatchObject({
      code: 'signature_missing',
    });
    expect(await verifier.verify({ rawBody: stale, headers: ca.signAlexaRequest(stale) })).toMatchObject({
      code: 'timestamp_stale',
    });
  });

  it('checks the timestamp before it fetches a certificate chain', async () => {
    const fetch = countingFetch();
    const verifier = verifierWith({ fetchCertChain: fetch });
    for (const ageMs of [DAY, -DAY, 151 * SECOND]) {
      const body = envelope({ ageMs });
      expect(await verifier.verify({ rawBody: body, headers: ca.signAlexaRequest(body) })).toMatchObject({
        code: 'timestamp_stale',
      });
    }
    const notJson = 'type=LaunchRequest';
    expect(await verifier.verify({ rawBody: notJson, headers: ca.signAlexaRequest(notJson) })).toMatchObject({
      code: 'body_invalid',
    });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('lets verifySignature pass a stale but authentic request, for routes that check time apart', async () => {
    const stale = envelope({ ageMs: DAY });
    const result = await verifierWith().verifySignature({
      rawBody: stale,
      headers: ca.signAlexaRequest(stale),
    });
    expect(result).toEqual({ ok: true });
  });
});

describe('the default HTTP fetcher', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((request, response) => {
      switch (request.url) {
        case '/chain.pem':
          response.end(ca.chains.valid);
          return;
        case '/huge-declared.pem':
          response.writeHead(200, { 'content-length': String(1024 * 1024) });
          response.end('x'.repeat(1024 * 1024));
          return;
        case '/huge-chunked.pem':
          response.writeHead(200);
          for (let i = 0; i < 100; i += 1) response.write('x'.repeat(1024));
          response.end();
          return;
        case '/redirect.pem':
          response.writeHead(302, { location: '/chain.pem' });
          response.end();
          return;
        case '/slow.pem':
          setTimeout(() => response.end(ca.chains.valid), 2000).unref();
          return;
        default:
          response.writeHead(403);
          response.end('AccessDenied');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const fetchChain = createHttpCertChainFetcher({ maxBytes: 64 * 1024 });
  const noAbort = () => new AbortController().signal;

  it('returns the served chain', async () => {
    expect(await fetchChain(`${base}/chain.pem`, noAbort())).toBe(ca.chains.valid);
  });

  it('fails on a status other than 200', async () => {
    await expect(fetchChain(`${base}/missing.pem`, noAbort())).rejects.toThrow(/HTTP 403/);
  });

  it.each(['/huge-declared.pem', '/huge-chunked.pem'])(
    'fails on a body over the size limit (%s)',
    async (path) => {
      await expect(fetchChain(`${base}${path}`, noAbort())).rejects.toThrow(/larger than/);
    },
  );

  it('does not follow redirects', async () => {
    await expect(fetchChain(`${base}/redirect.pem`, noAbort())).rejects.toThrow();
  });

  it('stops when the signal aborts', async () => {
    await expect(fetchChain(`${base}/slow.pem`, AbortSignal.timeout(50))).rejects.toThrow();
  });
});

function splitPem(bundle: string): string[] {
  return bundle.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n/g) ?? [];
}
