import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ProblemError } from './problem.js';

/**
 * Refuses bodies over `maxSize` bytes with a 413 problem. A request that says
 * its length (Node's parser holds it to that length) is judged by the header
 * alone, without touching the body: looking at the body makes the server
 * adapter build a web stream of it, which costs a turn about a third of a
 * millisecond. Only a chunked body is counted as it streams in, by Hono's
 * own `bodyLimit`.
 */
export function limitBody(maxSize: number): MiddlewareHandler {
  const tooLarge = () => {
    throw new ProblemError('payload_too_large', `bodies are limited to ${maxSize} bytes`);
  };
  const streamed = bodyLimit({ maxSize, onError: tooLarge });
  return async function limitBody(c, next) {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      return Number(length) > maxSize ? tooLarge() : next();
    }
    return streamed(c, next);
  };
}
