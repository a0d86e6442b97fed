/**
 * Resilience: forged Alexa requests. Every variant in the table is a request an
 * attacker can send to `POST /alexa/:skillId` without Amazon's key (or with
 * Amazon's key but a body or time Amazon would not sign). Each must be refused
 * with the route's platform refusal (`{ error, message }`, 400 or 404), run no
 * handler (the consent policy is never asked, the store is never touched), and
 * cost at most one certificate fetch per canonical URL, however it is spelled.
 */
import { createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlexaVerifier } from '../../src/channels/alexa/verify-request.js';
import type { DocumentStore } from '../../src/store/document-store.js';
import { alexaEnvelope, intentRequest } from '../support/alexa-requests.js';
import { type AlexaTestCa, type AlexaTestChain, getAlexaTestCa } from '../support/alexa-test-ca.js';
import { createHarness, type Harness } from '../support/app-harness.js';
import { storeWith } from '../support/store-faults.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
/** The verifier's default bounds (src/channels/alexa/verify-request.ts), asserted from outside. */
const MAX_CONCURRENT_FETCHES = 3;
const MAX_FETCHES_PER_MINUTE = 30;
const BUCKET = 'https://s3.amazonaws.com/echo.api';
/** A URL Amazon's rules accept but that serves nothing (the test fetch answers it like S3's 403). */
const FORGED_URL = `${BUCKET}/forged-cert.pem`;

/** A service with a verifier on the test CA whose fetches, consent decisions and store calls are counted. */
type Counted = {
  h: Harness;
  ca: AlexaTestCa;
  fetches: string[];
  consentAsked: () => number;
  storeCalls: () => string[];
  reset: () => void;
  post: (body: string, headers: TestHeaders, skillId?: string) => Promise<Response>;
  fridgeChef: string;
  coffeeCompanion: string;
  accessToken: string;
};

async function countedService({ fetchDelayMs = 0 } = {}): Promise<Counted & { maxInFlight: () => number }> {
  const ca = await getAlexaTestCa();
  const fetches: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let consent = 0;
  let storeCalls: string[] = [];
  const h = await createHarness({
    consent: () => {
      consent += 1;
      return [];
    },
    // Every store call but the cached read of the skill's channel settings counts as a handler's work.
    wrapStore: (store: DocumentStore) =>
      storeWith(store, (method) => {
        const real = Reflect.get(store, method) as unknown;
        if (typeof real !== 'function' || method === 'close') return undefined;
        return (...args: unknown[]) => {
          const path = typeof args[0] === 'string' ? args[0] : '';
          if (!(method === 'get' && path.startsWith('skillChannels/'))) storeCalls.push(`${method} ${path}`);
          return (real as (...a: unknown[]) => unknown).apply(store, args);
        };
      }),
    alexa: {
      verifySignature: true,
      verifier: createAlexaVerifier({
        ...ca.verifierOptions(),
        fetchCertChain: async (url) => {
          fetches.push(url);
          inFlight += 1;
          maxInFlight = Math.max(maxInFlight, inFlight);
          try {
            if (fetchDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, fetchDelayMs));
            return await ca.fetchCertChain(url);
          } finally {
            inFlight -= 1;
          }
        },
      }),
    },
  });
  const skill = (id: string) => h.demo.skills.find((s) => s.id === id)!.alexaApplicationId!;
  return {
    h,
    ca,
    fetches,
    maxInFlight: () => maxInFlight,
    consentAsked: () => consent,
    storeCalls: () => storeCalls,
    reset: () => {
      consent = 0;
      storeCalls = [];
    },
    post: async (body, headers, skillId = 'fridge-chef') =>
      h.app.request(`/alexa/${skillId}`, {
        method: 'POST',
        headers: appendHeaders({ 'content-type': 'application/json' }, headers),
        body,
      }),
    fridgeChef: skill('fridge-chef'),
    coffeeCompanion: skill('coffee-companion'),
    accessToken: h.demo.households[0]!.alexaAccessToken!,
  };
}

/** Request headers as a test writes them; pairs may repeat a name (joined with ", " as HTTP does). */
type TestHeaders = Record<string, string> | [string, string][];

function appendHeaders(base: Record<string, string>, extra: TestHeaders): Headers {
  const headers = new Headers(base);
  for (const [name, value] of Array.isArray(extra) ? extra : Object.entries(extra))
    headers.append(name, value);
  return headers;
}

/** A linked intent request whose handler asks the consent policy: a handler that ran is seen. */
type BodyOptions = {
  timestamp?: Date;
  applicationId?: string;
  accessToken?: string;
  request?: Record<string, unknown>;
};

type Forgery = {
  name: string;
  /** What the request looks like; `s` is the service, for its ids and CA. */
  build: (
    s: Counted,
    body: (options?: BodyOptions) => string,
  ) => {
    body: string;
    headers: TestHeaders;
    skillId?: string;
  };
  refusal: string;
  status?: 400 | 404;
};

const SHA1 = (s: Counted, text: string) => createSign('RSA-SHA1').update(text).sign(s.ca.leafKey, 'base64');
const foreignKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

/** Signed with the valid leaf at `certUrl`: Amazon's key, a URL that must not be fetched as given. */
const atUrl = (name: string, certUrl: string, refusal = 'cert_url_invalid'): Forgery => ({
  name: `certificate URL ${name}`,
  build: (s, body) => {
    const text = body();
    return { body: text, headers: s.ca.signAlexaRequest(text, { certUrl }) };
  },
  refusal,
});

/** Signed with the leaf of `chain`, served at its own URL. */
const withChain = (chain: AlexaTestChain, refusal: string, certUrl?: string): Forgery => ({
  name: `certificate chain ${chain}${certUrl ? ` at ${certUrl}` : ''}`,
  build: (s, body) => {
    const text = body();
    return { body: text, headers: s.ca.signAlexaRequest(text, { chain, ...(certUrl ? { certUrl } : {}) }) };
  },
  refusal,
});

/** Signed properly, then the body is changed. */
const tampered = (name: string, change: (text: string, s: Counted) => string): Forgery => ({
  name: `body ${name} after signing`,
  build: (s, body) => {
    const text = body();
    return { body: change(text, s), headers: s.ca.signAlexaRequest(text) };
  },
  refusal: 'signature_invalid',
});

/** Signed properly (it is a replay or a badly dated request), dated `offsetMs` from now. */
const dated = (name: string, offsetMs: number, request?: Record<string, unknown>): Forgery => ({
  name: `timestamp ${name}`,
  build: (s, body) => {
    const text = body({ timestamp: new Date(Date.now() + offsetMs), ...(request ? { request } : {}) });
    return { body: text, headers: s.ca.signAlexaRequest(text) };
  },
  refusal: 'timestamp_stale',
});

/** Headers replaced wholesale. */
const headed = (
  name: string,
  refusal: string,
  headers: (s: Counted, text: string) => TestHeaders,
): Forgery => ({
  name: `headers: ${name}`,
  build: (s, body) => {
    const text = body();
    return { body: text, headers: headers(s, text) };
  },
  refusal,
});

const valid = (s: Counted) => s.ca.chainUrl('valid');
const FORGERIES: Forgery[] = [
  // The signature and its headers.
  headed('none at all', 'signature_missing', () => ({})),
  headed('no Signature-256', 'signature_missing', (s) => ({ SignatureCertChainUrl: valid(s) })),
  headed('no SignatureCertChainUrl', 'signature_missing', (s, text) => {
    const { 'Signature-256': signature = '' } = s.ca.signAlexaRequest(text);
    return { 'Signature-256': signature };
  }),
  headed('only the SHA-1 Signature header, correctly signed', 'signature_missing', (s, text) => ({
    SignatureCertChainUrl: valid(s),
    Signature: SHA1(s, text),
  })),
  headed('a SHA-1 signature in Signature-256', 'signature_invalid', (s, text) => ({
    SignatureCertChainUrl: valid(s),
    'Signature-256': SHA1(s, text),
  })),
  headed('random bytes as Signature-256', 'signature_invalid', (s) => ({
    SignatureCertChainUrl: valid(s),
    'Signature-256': randomBytes(256).toString('base64'),
  })),
  headed('Signature-256 by a key of nobody’s certificate', 'signature_invalid', (s, text) => ({
    SignatureCertChainUrl: valid(s),
    'Signature-256': createSign('RSA-SHA256').update(text).sign(foreignKey, 'base64'),
  })),
  headed('Signature-256 of another body', 'signature_invalid', (s) =>
    s.ca.signAlexaRequest('{"request":{}}'),
  ),
  headed('a truncated Signature-256', 'signature_invalid', (s, text) => {
    const signature = Buffer.from(s.ca.signAlexaRequest(text)['Signature-256'] ?? '', 'base64');
    return {
      SignatureCertChainUrl: valid(s),
      'Signature-256': signature.subarray(0, 128).toString('base64'),
    };
  }),
  headed('Signature-256 that is not base64', 'signature_invalid', (s) => ({
    SignatureCertChainUrl: valid(s),
    'Signature-256': 'not base64!!',
  })),
  headed('an empty Signature-256', 'signature_invalid', (s) => ({
    SignatureCertChainUrl: valid(s),
    'Signature-256': '',
  })),
  headed('Signature-256 sent twice', 'signature_invalid', (s, text) => {
    const signed = s.ca.signAlexaRequest(text);
    return [
      ['SignatureCertChainUrl', valid(s)],
      ['Signature-256', signed['Signature-256'] ?? ''],
      ['Signature-256', signed['Signature-256'] ?? ''],
    ];
  }),

  // The body, changed after signing.
  tampered('with another intent', (text) => text.replace('WhatsInMyFridgeIntent', 'WhatCanICookIntent')),
  tampered('re-serialised with other whitespace', (text) => JSON.stringify(JSON.parse(text), null, 1)),
  tampered('with a trailing space', (text) => `${text} `),
  tampered('with another household’s token', (text, s) =>
    text.replace(s.accessToken, s.h.demo.households[1]!.alexaAccessToken!),
  ),
  tampered('with a later timestamp', (text) => {
    const envelope = JSON.parse(text) as { request: { timestamp: string } };
    envelope.request.timestamp = new Date(Date.now() + 5 * SECOND).toISOString();
    return JSON.stringify(envelope);
  }),

  // The time it was signed: replays and requests dated ahead.
  dated('151 s old (a replay)', -151 * SECOND),
  dated('an hour old (a replay)', -60 * MINUTE),
  dated('a year old (a replay)', -365 * 24 * 60 * MINUTE),
  dated('151 s in the future', 151 * SECOND),
  dated('a day in the future', 24 * 60 * MINUTE),
  dated('61 minutes old on a skill event', -61 * MINUTE, { type: 'AlexaSkillEvent.SkillEnabled' }),
  dated('10 minutes in the future on a skill event', 10 * MINUTE, { type: 'AlexaSkillEvent.SkillEnabled' }),
  {
    name: 'timestamp that is not a date',
    build: (s, body) => {
      const text = body().replace(/"timestamp":"[^"]*"/, '"timestamp":"yesterday-ish"');
      return { body: text, headers: s.ca.signAlexaRequest(text) };
    },
    refusal: 'timestamp_invalid',
  },

  // The skill it is for.
  {
    name: 'application id of no hearth skill',
    build: (s, body) => {
      const text = body({ applicationId: 'amzn1.ask.skill.00000000-0000-0000-0000-000000000000' });
      return { body: text, headers: s.ca.signAlexaRequest(text) };
    },
    refusal: 'skill_id_mismatch',
  },
  {
    name: 'application id of another hearth skill',
    build: (s, body) => {
      const text = body({ applicationId: s.coffeeCompanion });
      return { body: text, headers: s.ca.signAlexaRequest(text) };
    },
    refusal: 'skill_id_mismatch',
  },
  {
    name: 'skill id that no skill has',
    build: (s, body) => {
      const text = body();
      return { body: text, headers: s.ca.signAlexaRequest(text), skillId: 'no-such-skill' };
    },
    refusal: 'unknown_skill',
    status: 404,
  },
  {
    name: 'body that is not JSON',
    build: (s) => ({ body: '{"version":', headers: s.ca.signAlexaRequest('{"version":') }),
    refusal: 'body_invalid',
  },
  {
    name: 'body that is not an Alexa envelope',
    build: (s) => {
      const text = JSON.stringify({ version: '1.0', request: { timestamp: new Date().toISOString() } });
      return { body: text, headers: s.ca.signAlexaRequest(text) };
    },
    refusal: 'body_invalid',
  },

  // The certificate chain at an accepted URL.
  withChain('expired', 'cert_expired'),
  withChain('notYetValid', 'cert_not_yet_valid'),
  withChain('wrongSan', 'cert_san_mismatch'),
  withChain('noSan', 'cert_san_mismatch'),
  withChain('wildcardSan', 'cert_san_mismatch'),
  withChain('swapped', 'cert_san_mismatch'),
  withChain('selfSigned', 'cert_untrusted'),
  withChain('untrustedRoot', 'cert_untrusted'),
  withChain('missingIntermediate', 'cert_untrusted'),
  withChain('issuedByLeaf', 'cert_untrusted'),
  // Other spellings of the self-signed chain's URL: one canonical URL, fetched once above.
  withChain(
    'selfSigned',
    'cert_untrusted',
    'HTTPS://S3.AMAZONAWS.COM:443/echo.api/hearth-test-selfSigned.pem',
  ),
  withChain('selfSigned', 'cert_untrusted', `${BUCKET}/%68earth-test-selfSigned.pem`),
  withChain('selfSigned', 'cert_untrusted', `${BUCKET}/./x/../hearth-test-self%53igned.pem`),
  withChain(
    'selfSigned',
    'cert_untrusted',
    'https://s3.amazonaws%2Ecom/echo.api%2Fhearth-test-selfSigned.pem',
  ),

  // A URL that serves nothing, however it is spelled: fetched once, the failure remembered.
  atUrl('that serves nothing', FORGED_URL, 'cert_fetch_failed'),
  atUrl('that serves nothing, percent-encoded', `${BUCKET}/%66orged-cert.pem`, 'cert_fetch_failed'),
  atUrl(
    'that serves nothing, upper-case host',
    FORGED_URL.replace('s3.amazonaws.com', 'S3.AMAZONAWS.COM'),
    'cert_fetch_failed',
  ),
  atUrl('that serves nothing, :443', FORGED_URL.replace('.com/', '.com:443/'), 'cert_fetch_failed'),
  atUrl('that serves nothing, dot segments', `${BUCKET}/a/./../forged-cert.pem`, 'cert_fetch_failed'),

  // URLs Amazon's rules refuse, all before any fetch.
  atUrl('over http', `http://s3.amazonaws.com/echo.api/hearth-test-valid.pem`),
  atUrl('on another host', 'https://notamazon.com/echo.api/hearth-test-valid.pem'),
  atUrl('on a look-alike host', 'https://s3.amazonaws.com.evil.com/echo.api/hearth-test-valid.pem'),
  atUrl('on a bucket subdomain', 'https://echo.api.s3.amazonaws.com/hearth-test-valid.pem'),
  atUrl('on the host with a trailing dot', 'https://s3.amazonaws.com./echo.api/hearth-test-valid.pem'),
  atUrl('on an IP address', 'https://52.216.0.1/echo.api/hearth-test-valid.pem'),
  atUrl('on port 8443', 'https://s3.amazonaws.com:8443/echo.api/hearth-test-valid.pem'),
  atUrl('on port 80', 'https://s3.amazonaws.com:80/echo.api/hearth-test-valid.pem'),
  atUrl('with credentials', 'https://user:pw@s3.amazonaws.com/echo.api/hearth-test-valid.pem'),
  atUrl('leaving /echo.api/ by ..', `${BUCKET}/../evil.pem`),
  atUrl('leaving /echo.api/ by %2e%2e', `${BUCKET}/%2e%2e/evil.pem`),
  atUrl('leaving /echo.api/ by ..%2f', `${BUCKET}/..%2fevil.pem`),
  atUrl('leaving /echo.api/ by backslashes', 'https://s3.amazonaws.com\\echo.api\\..\\evil.pem'),
  atUrl('in another case of the path', 'https://s3.amazonaws.com/EcHo.aPi/hearth-test-valid.pem'),
  atUrl('under /echo.apiary/', 'https://s3.amazonaws.com/echo.apiary/hearth-test-valid.pem'),
  atUrl('with a query', `${BUCKET}/hearth-test-valid.pem?1`),
  atUrl('with a query of dot segments', `${BUCKET}/hearth-test-valid.pem?x=../../evil`),
  atUrl('with an empty query', `${BUCKET}/hearth-test-valid.pem?`),
  atUrl('with a fragment', `${BUCKET}/hearth-test-valid.pem#x`),
  atUrl('with double percent-encoding', `${BUCKET}/%252e%252e/evil.pem`),
  atUrl('with an encoded NUL', `${BUCKET}/hearth-test-valid.pem%00.txt`),
  atUrl('with an empty segment', `${BUCKET}//hearth-test-valid.pem`),
  atUrl('that is not a URL', 'hearth-test-valid.pem'),
  atUrl('on file:', 'file:///echo.api/hearth-test-valid.pem'),
];

/** Canonical URLs the table may fetch, each at most once: everything else is refused unfetched. */
function fetchableUrls(ca: AlexaTestCa): string[] {
  const chains: AlexaTestChain[] = [
    'valid',
    'expired',
    'notYetValid',
    'wrongSan',
    'noSan',
    'wildcardSan',
    'swapped',
    'selfSigned',
    'untrustedRoot',
    'missingIntermediate',
    'issuedByLeaf',
  ];
  return [...chains.map((chain) => ca.chainUrl(chain)), FORGED_URL];
}

describe(`forged Alexa requests (${FORGERIES.length} variants)`, () => {
  let s: Awaited<ReturnType<typeof countedService>>;
  beforeAll(async () => {
    s = await countedService();
  });
  afterAll(() => s.h.close());

  const body = (options: BodyOptions = {}) =>
    JSON.stringify(
      alexaEnvelope({
        applicationId: options.applicationId ?? s.fridgeChef,
        request: options.request ?? intentRequest('WhatsInMyFridgeIntent'),
        accessToken: options.accessToken ?? s.accessToken,
        ...(options.timestamp ? { timestamp: options.timestamp } : {}),
      }),
    );

  it('has at least 50 variants', () => {
    expect(FORGERIES.length).toBeGreaterThanOrEqual(50);
  });

  it('runs the handler for the request properly signed (the counters can move)', async () => {
    const text = body();
    const response = await s.post(text, s.ca.signAlexaRequest(text));
    expect(response.status).toBe(200);
    expect(s.consentAsked()).toBe(1);
    expect(s.storeCalls().length).toBeGreaterThan(0);
    s.reset();
  });

  it.each(FORGERIES.map((forgery) => [forgery.name, forgery] as const))(
    'refuses a forged request: %s',
    async (_name, forgery) => {
      const fetchedBefore = s.fetches.length;
      const { body: text, headers, skillId } = forgery.build(s, body);
      const response = await s.post(text, headers, skillId);
      expect(response.status).toBe(forgery.status ?? 400);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const refusal = (await response.json()) as { error: string; message: string };
      expect(refusal).toEqual({ error: forgery.refusal, message: expect.any(String) });
      expect(s.consentAsked()).toBe(0);
      expect(s.storeCalls()).toEqual([]);
      expect(s.fetches.length - fetchedBefore).toBeLessThanOrEqual(1);
    },
  );

  it('fetched each canonical URL at most once over the whole table, and nothing else', () => {
    const counts = new Map<string, number>();
    for (const url of s.fetches) counts.set(url, (counts.get(url) ?? 0) + 1);
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
    expect([...counts.keys()].sort()).toEqual(fetchableUrls(s.ca).sort());
    expect(s.fetches.length).toBeLessThanOrEqual(MAX_FETCHES_PER_MINUTE);
  });
});

describe('a flood of forged requests, each with a new certificate URL', () => {
  let s: Awaited<ReturnType<typeof countedService>>;
  beforeAll(async () => {
    s = await countedService({ fetchDelayMs: 50 });
  });
  afterAll(() => s.h.close());

  it(`starts at most ${MAX_CONCURRENT_FETCHES} fetches at once and ${MAX_FETCHES_PER_MINUTE} a minute; all refused, no handler ran`, async () => {
    const forged = (i: number) => {
      const text = JSON.stringify(
        alexaEnvelope({
          applicationId: s.fridgeChef,
          request: intentRequest('WhatsInMyFridgeIntent'),
          accessToken: s.accessToken,
        }),
      );
      return s.post(text, s.ca.signAlexaRequest(text, { certUrl: `${BUCKET}/flood-${i}.pem` }));
    };
    const burst = await Promise.all(Array.from({ length: 60 }, (_, i) => forged(i)));
    const sequential: Response[] = [];
    for (let i = 60; i < 100; i += 1) sequential.push(await forged(i));
    const refusals = await Promise.all(
      [...burst, ...sequential].map(async (response) => {
        expect(response.status).toBe(400);
        return ((await response.json()) as { error: string }).error;
      }),
    );
    expect(new Set(refusals)).toEqual(new Set(['cert_fetch_failed', 'cert_fetch_busy']));
    expect(s.maxInFlight()).toBeLessThanOrEqual(MAX_CONCURRENT_FETCHES);
    expect(s.fetches.length).toBeLessThanOrEqual(MAX_FETCHES_PER_MINUTE);
    expect(refusals.filter((code) => code === 'cert_fetch_failed')).toHaveLength(s.fetches.length);
    expect(s.consentAsked()).toBe(0);
    expect(s.storeCalls()).toEqual([]);
  });
});

describe('the real certificate chain under URL variants', () => {
  let s: Awaited<ReturnType<typeof countedService>>;
  beforeAll(async () => {
    s = await countedService();
  });
  afterAll(() => s.h.close());

  const launch = () =>
    JSON.stringify(alexaEnvelope({ applicationId: s.fridgeChef, request: { type: 'LaunchRequest' } }));

  it('is fetched once for 42 spellings of its URL, and not evicted by 33 other URLs', async () => {
    const real = s.ca.chainUrl('valid');
    const first = launch();
    expect((await s.post(first, s.ca.signAlexaRequest(first))).status).toBe(200);
    expect(s.fetches).toEqual([real]);

    // Each character of the file name percent-encoded in turn, on three spellings of the host: 63 URLs.
    const file = real.slice(`${BUCKET}/`.length);
    const hosts = [
      BUCKET,
      BUCKET.replace('s3.amazonaws.com', 'S3.AmazonAWS.com'),
      BUCKET.replace('.com/', '.com:443/'),
    ];
    const spellings = hosts.flatMap((bucket) =>
      [...file].map(
        (char, i) => `${bucket}/${file.slice(0, i)}%${char.charCodeAt(0).toString(16)}${file.slice(i + 1)}`,
      ),
    );
    const distinct = [...new Set(spellings)].slice(0, 42);
    expect(distinct.length).toBeGreaterThanOrEqual(33);
    for (const certUrl of distinct) {
      const text = launch();
      expect((await s.post(text, s.ca.signAlexaRequest(text, { certUrl }))).status).toBe(200);
    }
    expect(s.fetches).toEqual([real]);

    // 33 other URLs: query variants are refused unfetched, other files fail and are not cached as chains.
    for (let i = 0; i < 33; i += 1) {
      const text = launch();
      for (const certUrl of [`${real}?${i}`, `${BUCKET}/echo-api-cert-${i}.pem`]) {
        const response = await s.post(text, s.ca.signAlexaRequest(text, { certUrl }));
        expect(response.status).toBe(400);
      }
    }
    const fetchesAfterFlood = s.fetches.length;
    expect(fetchesAfterFlood).toBeLessThanOrEqual(1 + MAX_FETCHES_PER_MINUTE);

    const again = launch();
    expect((await s.post(again, s.ca.signAlexaRequest(again))).status).toBe(200);
    expect(s.fetches.length).toBe(fetchesAfterFlood);
    expect(s.fetches.filter((url) => url === real)).toHaveLength(1);
  });
});

describe('a certificate URL that serves nothing', () => {
  let s: Awaited<ReturnType<typeof countedService>>;
  beforeAll(async () => {
    s = await countedService();
  });
  afterAll(() => s.h.close());

  it('is fetched once within the failure window, however often and however spelled it is sent', async () => {
    const spellings = [FORGED_URL, `${BUCKET}/%66orged-cert.pem`, FORGED_URL.replace('https:', 'HTTPS:')];
    for (let i = 0; i < 12; i += 1) {
      const text = JSON.stringify(
        alexaEnvelope({ applicationId: s.fridgeChef, request: { type: 'LaunchRequest' } }),
      );
      const certUrl = spellings[i % spellings.length]!;
      const response = await s.post(text, s.ca.signAlexaRequest(text, { certUrl }));
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'cert_fetch_failed' });
    }
    expect(s.fetches).toEqual([FORGED_URL]);
  });
});
