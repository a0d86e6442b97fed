/**
 * Fuzzing of every route's paths, query strings, methods and headers (docs, health, the
 * screen page and unknown routes included), in process and, for a smaller sample, through
 * a real listener (@hono/node-server, as the service runs) so that what Node's HTTP parser
 * lets through is covered too: raw dot segments, duplicated header lines, huge headers.
 * fast-check prints the seed of a failure.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fc, test } from '@fast-check/vitest';
import { type ServerType, serve } from '@hono/node-server';
import { afterAll, describe, expect, it } from 'vitest';
import { createHarness } from '../support/app-harness.js';
import {
  expectSafeAnswer,
  type FuzzRequest,
  statusTally,
  toRequest,
  watchEscapes,
} from '../support/fuzz-expect.js';
import {
  badAuthorization,
  contentType,
  extraHeaders,
  headerValue,
  hostileBody,
  method,
  pathSegment,
  queryString,
} from '../support/fuzz-inputs.js';
import { grantingPolicy } from '../support/granting-gate.js';
import { signIn } from '../support/sign-in.js';

const h = await createHarness({ consent: grantingPolicy() });
const server = await new Promise<ServerType>((resolve) => {
  const s = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
});
const port = (server.address() as AddressInfo).port;
const escapes = watchEscapes();
const seen = statusTally();
afterAll(async () => {
  escapes.stop();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await h.close();
});

const households = h.demo.households;
// A signed-in browser of the first household (and a forged cookie) now and then: the pages past their prompt.
const sessionCookie = await signIn(h.app, h.store, { kind: 'household', householdId: households[0]!.id });
const headersWithSession = fc
  .tuple(extraHeaders, fc.option(fc.constantFrom(sessionCookie, 'hearth_session=forged'), { nil: undefined }))
  .map(([extra, cookie]): [string, string][] => (cookie ? [...extra, ['cookie', cookie]] : extra));
const deviceIds = households.flatMap((hh) => hh.devices.map((d) => d.id));
const tokens = households.flatMap((hh) => [
  hh.token,
  hh.alexaAccessToken!,
  hh.googleHomeToken!,
  ...hh.devices.map((d) => d.token),
]);
const skillIds = h.demo.skills.map((s) => s.id);

const id = pathSegment(deviceIds);
const hid = pathSegment(households.map((hh) => hh.id));
const skill = pathSegment(skillIds);
const asset = pathSegment([
  'swagger-ui.css',
  'swagger-ui-bundle.js',
  'swagger-init.js',
  'swagger-ui-standalone-preset.js',
  'package.json',
  '..%2F..%2Fpackage.json',
]);

/** The route's own method mostly (so that requests get past routing), any method now and then. */
const own = (m: string, path: fc.Arbitrary<string>) =>
  fc.tuple(fc.oneof({ arbitrary: fc.constant(m), weight: 3 }, { arbitrary: method, weight: 1 }), path);

/** A method and path of every route of the app (and of none), with hostile ids. */
const routePath: fc.Arbitrary<[string, string]> = fc.oneof(
  own(
    'POST',
    skill.map((s) => `/alexa/${s}`),
  ),
  own(
    'POST',
    skill.map((s) => `/google/${s}`),
  ),
  own('POST', fc.constant('/google/home')),
  own(
    'POST',
    id.map((d) => `/v1/screens/${d}/turns`),
  ),
  own(
    'GET',
    id.map((d) => `/v1/screens/${d}/home`),
  ),
  own(
    'POST',
    id.map((d) => `/v1/devices/${d}/events`),
  ),
  own(
    'GET',
    id.map((d) => `/v1/devices/${d}/commands`),
  ),
  own(
    'POST',
    fc.tuple(id, id).map(([d, c]) => `/v1/devices/${d}/commands/${c}/ack`),
  ),
  own(
    'POST',
    id.map((d) => `/v1/devices/${d}/token`),
  ),
  own(
    'DELETE',
    fc.tuple(hid, id).map(([hh, d]) => `/v1/households/${hh}/devices/${d}`),
  ),
  own(
    'GET',
    fc.constantFrom(
      '/healthz',
      '/readyz',
      '/openapi.json',
      '/docs',
      '/',
      '/v1',
      '/v1/',
      '/screens',
      '/screens/',
      '/docs/assets/',
    ),
  ),
  own(
    'GET',
    asset.map((a) => `/docs/assets/${a}`),
  ),
  own(
    'GET',
    id.map((d) => `/screens/${d}`),
  ),
  own(
    'GET',
    pathSegment(['x', 'healthz', 'v1', 'alexa']).map((x) => `/${x}`),
  ),
  own('GET', fc.constantFrom('/account', '/signed-out', '/signed-out?lang=fr-FR', '/signin', '/signin/')),
  own(
    'GET',
    id.map((code) => `/signin/${code}`),
  ),
  own('POST', fc.constantFrom('/signout', '/account/api-tokens', '/v1/households')),
  own(
    'POST',
    id.map((tokenId) => `/account/api-tokens/${tokenId}/revoke`),
  ),
  own(
    'POST',
    hid.map((hh) => `/v1/households/${hh}/signin-links`),
  ),
);

/** The path with a twist now and then: trailing or doubled slashes, dot segments, case, encoded slashes. */
function twist(path: string, how: string): string {
  switch (how) {
    case 'trailing':
      return `${path}/`;
    case 'double':
      return path.replace('/', '//');
    case 'dot':
      return path.replace(/\/([^/]*)$/, '/./$1');
    case 'dotdot':
      return `${path}/../..${path}`;
    case 'upper':
      return path.toUpperCase();
    case 'encoded':
      return path.replace(/(.)\/([^/]*)$/, '$1%2F$2');
    case 'suffix':
      return `${path}.json`;
    default:
      return path;
  }
}

const TWISTS = [
  'as is',
  'as is',
  'as is',
  'as is',
  'trailing',
  'double',
  'dot',
  'dotdot',
  'upper',
  'encoded',
  'suffix',
];
const mangled: fc.Arbitrary<[string, string]> = fc
  .tuple(routePath, fc.constantFrom(...TWISTS))
  .map(([[m, path], how]): [string, string] => [m, twist(path, how)]);

/** Authorization: one of the demo's tokens (any kind, any household) or a malformed one. */
const authorization = fc.oneof(
  fc.constantFrom(...tokens).map((t) => `Bearer ${t}`),
  badAuthorization(tokens),
);

/**
 * Rotation and removal are fuzzed in fuzz-v1-routes.test.ts; here they would revoke the tokens
 * and remove the devices that later requests (and the check afterwards) use.
 */
const changesTokens = (m: string, path: string) => {
  const pathname = new URL(`http://localhost${path}`).pathname.toLowerCase();
  return (
    (m === 'POST' && pathname.endsWith('/token')) ||
    (m === 'DELETE' && pathname.startsWith('/v1/households/'))
  );
};

const anyBody = fc.option(
  hostileBody(
    [{}, { text: 'hello' }, { events: [] }, { requestId: 'r', inputs: [] }],
    ['text', 'events', 'inputs', 'intent'],
  ),
  { nil: undefined },
);

describe('every route, in process', () => {
  test.prop([mangled, queryString, authorization, contentType, headersWithSession, anyBody], {
    numRuns: 900,
  })(
    'any method, path, query, token and headers are answered safely',
    async ([m, path], query, auth, type, extra, body) => {
      if (changesTokens(m, path)) return;
      const headers: [string, string][] = [
        ...(auth === undefined ? [] : [['authorization', auth] as [string, string]]),
        ...(type === undefined ? [] : [['content-type', type] as [string, string]]),
        ...extra,
      ];
      const request: FuzzRequest = { method: m, path: `${path}${query}`, headers, body: body?.body };
      const response = await h.app.request(toRequest(request));
      seen.add('in process', response.status);
      await expectSafeAnswer(request, response);
    },
  );

  test.prop(
    [
      fc.constantFrom('/healthz', '/readyz', '/openapi.json', '/docs', '/docs/assets/swagger-init.js'),
      queryString,
      fc.array(
        fc.tuple(
          fc.constantFrom(
            'accept',
            'accept-encoding',
            'if-none-match',
            'range',
            'host',
            'x-request-id',
            'cookie',
          ),
          headerValue,
        ),
        { maxLength: 4 },
      ),
    ],
    { numRuns: 300 },
  )('the public GET routes answer 200 whatever the query and headers', async (path, query, extra) => {
    const request: FuzzRequest = { method: 'GET', path: `${path}${query}`, headers: extra };
    const response = await h.app.request(toRequest(request));
    seen.add('public', response.status);
    await expectSafeAnswer(request, response.clone());
    expect(response.status).toBe(200);
  });
});

// --- a real listener ------------------------------------------------------------------------

/** Node's own refusals, before the app sees the request: a malformed request line or headers, or headers over 16 KB. */
const NODE_PARSER_REFUSALS = new Set([400, 431]);

type Raw = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/** Sends a request through a real socket, with the path exactly as given and repeated header lines. */
function sendRaw(request: FuzzRequest): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const grouped = new Map<string, string[]>();
    for (const [name, value] of request.headers) grouped.set(name, [...(grouped.get(name) ?? []), value]);
    const req = http.request({
      host: '127.0.0.1',
      port,
      method: request.method,
      path: request.path,
      agent: false,
      timeout: 10_000,
    });
    for (const [name, values] of grouped) req.setHeader(name, values.length === 1 ? values[0]! : values);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 10 s')));
    req.on('error', reject);
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : request.body;
    req.end(body);
  });
}

/** A header value Node's client accepts (no control characters but tab). */
const sendable = (v: string) => /^[\t\x20-\x7e\x80-\xff]*$/.test(v);

describe('every route, through a real listener', () => {
  test.prop(
    [
      fc.oneof(
        mangled,
        mangled.map(([m, p]): [string, string] => [
          m,
          p.replace(/%2F/gi, '/').replace(/^\/v1\//, '/v1/./../v1/'),
        ]),
      ),
      queryString,
      authorization,
      contentType,
      headersWithSession,
      anyBody,
    ],
    { numRuns: 250 },
  )(
    'any method, raw path, token and header lines are answered safely',
    async ([m, path], query, auth, type, extra, body) => {
      if (changesTokens(m, path)) return;
      const headers: [string, string][] = [
        ...(auth === undefined ? [] : [['authorization', auth] as [string, string]]),
        ...(type === undefined ? [] : [['content-type', type] as [string, string]]),
        ...extra.filter(
          ([name, value]) =>
            sendable(value) && !['host', 'content-length', 'transfer-encoding', 'expect'].includes(name),
        ),
      ];
      const request: FuzzRequest = {
        method: m,
        path: `${path}${query}`.replace(/[^\x21-\xff]/gu, (c) =>
          c.length === 1 && /[\ud800-\udfff]/.test(c) ? '%EF%BF%BD' : encodeURIComponent(c),
        ),
        headers,
        body: body?.body,
      };
      let raw: Raw;
      try {
        raw = await sendRaw(request);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? '';
        // The client refusing to send what it generated is not the service's doing.
        if (code.startsWith('ERR_INVALID')) return;
        // Node's parser answering 431 to a request line or headers over 16 KB and closing while
        // the client still writes (seen on Node 24): refused before the app, as with 431 above.
        if (code === 'ECONNRESET' || code === 'EPIPE') {
          seen.add('listener', 431);
          return;
        }
        throw error;
      }
      seen.add('listener', raw.status);
      if (NODE_PARSER_REFUSALS.has(raw.status) && raw.body.length === 0) return;
      const response = new Response(m === 'HEAD' || raw.status === 204 ? null : new Uint8Array(raw.body), {
        status: raw.status,
        headers: Object.entries(raw.headers).flatMap(([k, v]) =>
          v === undefined ? [] : [[k, Array.isArray(v) ? v.join(', ') : v] as [string, string]],
        ),
      });
      await expectSafeAnswer(request, response);
    },
  );
});

describe('after the fuzzing', () => {
  it('reached the routes (some successes) and the refusals (some 4xx)', () => {
    const summary = JSON.stringify(seen.summary());
    // Successes are rare among hostile paths (3 of 250 through the listener in one CI run):
    // counted over both properties, so that a seed with few on the listener does not fail.
    expect(seen.count('in process', 200, 299) + seen.count('listener', 200, 299), summary).toBeGreaterThan(5);
    for (const property of ['in process', 'listener']) {
      expect(seen.count(property, 400, 499), `${property}: ${summary}`).toBeGreaterThan(50);
    }
  });

  it('still answers through the listener, and nothing escaped as an unhandled error', async () => {
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    const fridge = households[0]!.devices.find((d) => d.kind === 'fridge')!;
    const turn = await fetch(`http://127.0.0.1:${port}/v1/screens/${fridge.id}/turns`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fridge.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'what can I cook' }),
    });
    expect(turn.status).toBe(200);
    expect(escapes.escaped()).toEqual([]);
  });
});
