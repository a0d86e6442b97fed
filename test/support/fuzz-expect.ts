/**
 * What the fuzzing holds every answer to: never a 5xx, nor a redirect but a page's
 * 303 to one of our own paths; an error is problem+json with hearth's stable code
 * (or, on the platform routes, the refusal the platform reads; on a page, an HTML
 * page); a success is the route's own reply shape.
 */
import { z } from 'zod';
import { ScreenReplySchema } from '../../src/channels/screen/screen-reply.js';
import { PROBLEM_CODES } from '../../src/http/problem.js';
import type { FuzzBody } from './fuzz-inputs.js';

/** A request as the fuzzing builds it; `headers` are appended in order, so names may repeat. */
export type FuzzRequest = {
  method: string;
  path: string;
  headers: [string, string][];
  body?: FuzzBody['body'];
};

const STACK_TRACE = /\bat .*\.(ts|js|mjs|cjs):\d+/;

const problemSchema = z.object({
  type: z.string().min(1),
  title: z.string().min(1),
  status: z.number().int(),
  code: z.enum(Object.keys(PROBLEM_CODES) as [keyof typeof PROBLEM_CODES]),
  detail: z.string().optional(),
  requestId: z.string().optional(),
});

/** The refusal of the Alexa and Dialogflow routes (docs/architecture.md, Departures): `{ error, message }`. */
const platformRefusalSchema = z.strictObject({ error: z.string().min(1), message: z.string() });
/** Google Home's own error shape for a body that is not a smart-home request. */
const smartHomeErrorSchema = z.object({
  requestId: z.string(),
  payload: z.object({ errorCode: z.literal('protocolError'), debugString: z.string() }),
});

const alexaResponseSchema = z.object({
  version: z.literal('1.0'),
  response: z.looseObject({}),
  sessionAttributes: z.record(z.string(), z.unknown()).optional(),
});
const dialogflowResponseSchema = z.looseObject({
  fulfillmentText: z.string(),
  fulfillmentMessages: z.array(z.unknown()),
});
const smartHomeResponseSchema = z.union([
  z.object({ requestId: z.string(), payload: z.looseObject({}) }),
  z.strictObject({}),
]);

type Route = {
  name: string;
  method: string;
  pattern: RegExp;
  /** Refusals in a platform's own JSON shape that this route may answer besides problem+json. */
  platformError?: z.ZodType;
  /** The body of a success (a 2xx other than 204). */
  success?: (contentType: string, body: string) => void;
  /** A page for people: its refusals may be HTML pages (a sign-in prompt, a refused form). */
  page?: true;
  /** A page's form or link that answers 303 to one of our own pages. */
  redirects?: true;
};

const json = (schema: z.ZodType) => (contentType: string, body: string) => {
  if (!/^application\/json/.test(contentType)) throw new Error(`success answered as ${contentType}`);
  schema.parse(JSON.parse(body));
};
const typed = (pattern: RegExp) => (contentType: string) => {
  if (!pattern.test(contentType)) throw new Error(`success answered as ${contentType}`);
};

/** Every route of the app (src/app.ts and the register* functions it calls). */
export const ROUTES: Route[] = [
  {
    name: 'alexa',
    method: 'POST',
    pattern: /^\/alexa\/[^/]+$/,
    platformError: platformRefusalSchema,
    success: json(alexaResponseSchema),
  },
  {
    name: 'google-home',
    method: 'POST',
    pattern: /^\/google\/home$/,
    platformError: smartHomeErrorSchema,
    success: json(smartHomeResponseSchema),
  },
  {
    name: 'dialogflow',
    method: 'POST',
    pattern: /^\/google\/[^/]+$/,
    platformError: platformRefusalSchema,
    success: json(dialogflowResponseSchema),
  },
  {
    name: 'screen-turn',
    method: 'POST',
    pattern: /^\/v1\/screens\/[^/]+\/turns$/,
    success: json(ScreenReplySchema.strict()),
  },
  {
    name: 'screen-home',
    method: 'GET',
    pattern: /^\/v1\/screens\/[^/]+\/home$/,
    success: json(ScreenReplySchema.strict()),
  },
  {
    name: 'device-events',
    method: 'POST',
    pattern: /^\/v1\/devices\/[^/]+\/events$/,
    success: json(z.object({ results: z.array(z.object({ eventId: z.string(), status: z.string() })) })),
  },
  {
    name: 'device-commands',
    method: 'GET',
    pattern: /^\/v1\/devices\/[^/]+\/commands$/,
    success: json(z.object({ commands: z.array(z.unknown()) })),
  },
  {
    name: 'command-ack',
    method: 'POST',
    pattern: /^\/v1\/devices\/[^/]+\/commands\/[^/]+\/ack$/,
    success: json(z.object({ id: z.string(), status: z.literal('acked') })),
  },
  {
    name: 'rotate-token',
    method: 'POST',
    pattern: /^\/v1\/devices\/[^/]+\/token$/,
    success: json(z.object({ token: z.string().min(1) })),
  },
  { name: 'delete-device', method: 'DELETE', pattern: /^\/v1\/households\/[^/]+\/devices\/[^/]+$/ },
  { name: 'erase-household', method: 'DELETE', pattern: /^\/v1\/households\/[^/]+$/ },
  {
    name: 'household-devices',
    method: 'GET',
    pattern: /^\/v1\/households\/[^/]+\/devices$/,
    success: json(z.object({ devices: z.array(z.object({ id: z.string(), kind: z.string() })) })),
  },
  {
    name: 'pairing-start',
    method: 'POST',
    pattern: /^\/v1\/pairing$/,
    success: json(
      z.strictObject({
        pairingId: z.string(),
        code: z.string(),
        expiresAt: z.string(),
        pollAfterSeconds: z.number(),
      }),
    ),
  },
  {
    name: 'pairing-poll',
    method: 'GET',
    pattern: /^\/v1\/pairing\/[^/]+$/,
    success: json(z.object({ status: z.enum(['pending', 'paired', 'claimed', 'expired']) })),
  },
  {
    name: 'pairing-confirm',
    method: 'POST',
    pattern: /^\/v1\/households\/[^/]+\/pairings$/,
    success: json(
      z.strictObject({ deviceId: z.string(), kind: z.string(), skillId: z.string(), name: z.string() }),
    ),
  },
  {
    name: 'healthz',
    method: 'GET',
    pattern: /^\/healthz$/,
    success: json(z.object({ status: z.literal('ok') })),
  },
  {
    name: 'readyz',
    method: 'GET',
    pattern: /^\/readyz$/,
    success: json(z.object({ status: z.literal('ready') })),
  },
  {
    name: 'openapi',
    method: 'GET',
    pattern: /^\/openapi\.json$/,
    success: json(z.looseObject({ openapi: z.string() })),
  },
  { name: 'docs', method: 'GET', pattern: /^\/docs$/, success: typed(/^text\/html/) },
  {
    name: 'docs-assets',
    method: 'GET',
    pattern: /^\/docs\/assets\/[^/]+$/,
    success: typed(/^text\/(css|javascript)/),
  },
  {
    name: 'screen-page',
    method: 'GET',
    pattern: /^\/screens\/[^/]+$/,
    success: typed(/^text\/html/),
    page: true,
  },
  {
    name: 'signin',
    method: 'GET',
    pattern: /^\/signin\/[^/]+$/,
    success: typed(/^text\/html/),
    page: true,
    redirects: true,
  },
  { name: 'signout', method: 'POST', pattern: /^\/signout$/, page: true, redirects: true },
  { name: 'signed-out', method: 'GET', pattern: /^\/signed-out$/, success: typed(/^text\/html/) },
  { name: 'account', method: 'GET', pattern: /^\/account$/, success: typed(/^text\/html/), page: true },
  {
    name: 'api-token-create',
    method: 'POST',
    pattern: /^\/account\/api-tokens$/,
    success: typed(/^text\/html/),
    page: true,
  },
  {
    name: 'api-token-revoke',
    method: 'POST',
    pattern: /^\/account\/api-tokens\/[^/]+\/revoke$/,
    page: true,
    redirects: true,
  },
  {
    name: 'create-household',
    method: 'POST',
    pattern: /^\/v1\/households$/,
    success: json(z.strictObject({ id: z.string(), signInUrl: z.url() })),
  },
  {
    name: 'signin-links',
    method: 'POST',
    pattern: /^\/v1\/households\/[^/]+\/signin-links$/,
    success: json(z.strictObject({ signInUrl: z.url(), expiresAt: z.iso.datetime() })),
  },
];

/** The route a method and path reach, if any (HEAD reaches GET routes). */
export function routeOf(method: string, pathname: string): Route | undefined {
  const m = method === 'HEAD' ? 'GET' : method;
  return ROUTES.find((r) => r.method === m && r.pattern.test(pathname));
}

/**
 * Fails (throws) unless the answer is one the service may give to anything: no 5xx, no
 * redirect, no stack trace; an error as problem+json whose `status` and `code` agree with
 * the HTTP status (or the route's platform refusal); a success in the route's own shape.
 */
export async function expectSafeAnswer(request: FuzzRequest, response: Response): Promise<void> {
  const pathname = new URL(`http://localhost${request.path}`).pathname;
  const status = response.status;
  const contentType = response.headers.get('content-type') ?? '';
  const body = request.method === 'HEAD' ? '' : await response.text();
  const where = `${request.method} ${request.path.slice(0, 200)} -> ${status} ${contentType} ${body.slice(0, 300)}`;
  if (status >= 500) throw new Error(`5xx: ${where}`);
  if (STACK_TRACE.test(body)) throw new Error(`stack trace in the answer: ${where}`);
  const route = routeOf(request.method, pathname);
  if (status === 303 && route?.redirects) {
    // A page's redirect goes to one of our own paths, never to another origin.
    if (!/^\/(?![/\\])/.test(response.headers.get('location') ?? ''))
      throw new Error(`redirect away: ${where}`);
    return;
  }
  if (status < 200 || (status >= 300 && status < 400)) throw new Error(`unexpected status: ${where}`);

  if (status >= 400) {
    if (request.method === 'HEAD') return;
    if (contentType === 'application/problem+json') {
      const problem = problemSchema.safeParse(JSON.parse(body));
      if (!problem.success) throw new Error(`malformed problem: ${where}`);
      if (problem.data.status !== status || PROBLEM_CODES[problem.data.code].status !== status) {
        throw new Error(`problem status and code disagree with the HTTP status: ${where}`);
      }
      return;
    }
    if (route?.page && /^text\/html/.test(contentType)) return;
    if (route?.platformError && /^application\/json/.test(contentType)) {
      if (!route.platformError.safeParse(JSON.parse(body)).success)
        throw new Error(`malformed refusal: ${where}`);
      return;
    }
    throw new Error(`an error that is neither problem+json nor a platform refusal: ${where}`);
  }

  if (!route) throw new Error(`a success from no known route: ${where}`);
  if (status === 204 || request.method === 'HEAD') return;
  try {
    route.success?.(contentType, body);
  } catch (error) {
    throw new Error(
      `${route.name} answered ${status} in the wrong shape (${(error as Error).message.slice(0, 300)}): ${where}`,
    );
  }
}

/** A Request for app.request/app.fetch; headers are appended in order (repeated names become duplicates). */
export function toRequest(request: FuzzRequest, origin = 'http://localhost'): Request {
  const headers = new Headers();
  for (const [name, value] of request.headers) headers.append(name, value);
  const hasBody = request.body !== undefined && request.method !== 'GET' && request.method !== 'HEAD';
  return new Request(`${origin}${request.path}`, {
    method: request.method,
    headers,
    ...(hasBody ? { body: request.body as string | Uint8Array<ArrayBuffer> } : {}),
  });
}

/** Collects unhandled rejections and uncaught exceptions while the fuzzing runs. */
export function watchEscapes(): { escaped: () => unknown[]; stop: () => void } {
  const seen: unknown[] = [];
  const onError = (error: unknown) => {
    seen.push(error);
  };
  process.on('unhandledRejection', onError);
  process.on('uncaughtException', onError);
  return {
    escaped: () => seen,
    stop: () => {
      process.off('unhandledRejection', onError);
      process.off('uncaughtException', onError);
    },
  };
}

/**
 * Statuses seen per property, so that a file can check that its inputs reached the handlers
 * (some successes) as well as the refusals (some 4xx): a fuzzer whose every input fails the
 * first check proves little.
 */
export function statusTally() {
  const seen = new Map<string, Map<number, number>>();
  return {
    add(property: string, status: number): void {
      const counts = seen.get(property) ?? new Map<number, number>();
      counts.set(status, (counts.get(status) ?? 0) + 1);
      seen.set(property, counts);
    },
    /** `{ property: { status: count } }`. */
    summary(): Record<string, Record<number, number>> {
      return Object.fromEntries([...seen].map(([p, counts]) => [p, Object.fromEntries(counts)]));
    },
    /** How many answers of `property` had a status in [from, to]. */
    count(property: string, from: number, to: number): number {
      let n = 0;
      for (const [status, c] of seen.get(property) ?? []) if (status >= from && status <= to) n += c;
      return n;
    },
  };
}
