import { createMiddleware } from 'hono/factory';
import type { HttpEnv } from './http-env.js';
import { ProblemError } from './problem.js';

/** Bodies sent to `/v1` must be JSON: any other declared content type is a 415, not a confusing validation error. */
export const requireJsonBody = createMiddleware<HttpEnv>(async (c, next) => {
  const method = c.req.method;
  if (method === 'POST' || method === 'PUT' || method === 'PATCH') {
    const type = c.req.header('content-type');
    const length = c.req.header('content-length');
    const hasBody = type !== undefined || (length !== undefined && length !== '0');
    if (hasBody && !/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type ?? '')) {
      throw new ProblemError('unsupported_media_type', 'send the body as application/json');
    }
  }
  await next();
});
