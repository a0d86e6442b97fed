import { createMiddleware } from 'hono/factory';
import { type Logger, lazyChild, namedFieldsLogger } from '../logging/logger.js';
import type { HttpEnv } from './http-env.js';

/**
 * One JSON line per request. It logs the route pattern (`/signin/:code`), never
 * the raw path, so ids, sign-in codes and query strings stay out of the logs.
 */
export const accessLog = (logger: Logger) => {
  const lines = namedFieldsLogger(logger);
  return createMiddleware<HttpEnv>(async function accessLog(c, next) {
    const started = performance.now();
    c.set('log', lazyChild(logger, { requestId: c.var.requestId }));
    await next();
    lines.info(
      {
        requestId: c.var.requestId,
        method: c.req.method,
        route: c.req.routePath,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      },
      'request',
    );
  });
};
