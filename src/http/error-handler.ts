import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from '../logging/logger.js';
import { InvalidPathError } from '../store/document-store.js';
import { classifyStoreFailure } from '../store/store-failure.js';
import type { HttpEnv } from './http-env.js';
import { type ProblemCode, ProblemError, problemResponse } from './problem.js';

function codeForStatus(status: number, message: string): ProblemCode {
  if (status === 400) return /json/i.test(message) ? 'invalid_json' : 'bad_request';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 405) return 'method_not_allowed';
  if (status === 409) return 'conflict';
  if (status === 413) return 'payload_too_large';
  if (status === 415) return 'unsupported_media_type';
  if (status === 429) return 'too_many_requests';
  if (status === 504) return 'timeout';
  return status >= 500 ? 'internal' : 'bad_request';
}

function withRequestId(c: Context<HttpEnv>, response: Response): Response {
  const id = c.get('requestId');
  if (id) response.headers.set('x-request-id', id);
  return response;
}

/** The one error handler: every thrown error becomes problem+json; unknown errors are logged, never shown. */
export const errorHandler = (logger: Logger): ErrorHandler<HttpEnv> =>
  function handleError(error, c) {
    const requestId = c.get('requestId');
    if (error instanceof ProblemError) {
      const response = problemResponse(error.code, error.detail, { ...error.extra, requestId });
      if (error.status === 401) response.headers.set('www-authenticate', 'Bearer realm="hearth"');
      return withRequestId(c, response);
    }
    if (error instanceof HTTPException) {
      const code = codeForStatus(error.status, error.message);
      const detail = code === 'internal' ? undefined : error.message || undefined;
      return withRequestId(c, problemResponse(code, detail, { requestId }));
    }
    const log = c.get('log') ?? logger;
    // A path the store refuses names nothing that can exist: 404, as for any unknown id. Routes
    // refuse such ids first (SAFE_ID); this is the net under them. Its message holds the path
    // (household and device ids): not logged.
    if (error instanceof InvalidPathError) {
      log?.warn({ err: { name: error.name }, requestId }, 'store path refused');
      return withRequestId(c, problemResponse('not_found', undefined, { requestId }));
    }
    const err = { name: (error as Error)?.name, message: (error as Error)?.message };
    // A conflict or an outage passes (409 and 503 invite a retry); anything else is a bug, and
    // a 503 would only invite pointless retries of it, so it is a 500 with the details in the log.
    const failure = classifyStoreFailure(error);
    if (failure === 'conflict') {
      log?.warn({ err, requestId }, 'store conflict');
      return withRequestId(c, problemResponse('conflict', undefined, { requestId }));
    }
    if (failure === 'unavailable') {
      log?.error({ err, requestId }, 'store unavailable');
      return withRequestId(c, problemResponse('store_unavailable', undefined, { requestId }));
    }
    log?.error({ err, requestId }, 'unhandled error');
    return withRequestId(c, problemResponse('internal', undefined, { requestId }));
  };

/** Unknown routes: a 404 problem. */
export const handleNotFound: NotFoundHandler<HttpEnv> = (c) =>
  withRequestId(
    c,
    problemResponse('not_found', `no route for ${c.req.method} ${new URL(c.req.url).pathname}`, {
      requestId: c.get('requestId'),
    }),
  );
