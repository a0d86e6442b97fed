import { createMiddleware } from 'hono/factory';
import { type AuthEnv, ensureOwns } from '../../auth/bearer.js';

/**
 * After `requireToken(['device'])`: 404 unless the `:deviceId` in the path is the
 * token's own device. It runs before the body is validated, so another device's
 * token learns nothing, not even whether its body would have been valid.
 */
export const requireOwnDevice = createMiddleware<AuthEnv<'device'>>(async (c, next) => {
  ensureOwns(c.req.param('deviceId') === c.var.principal.deviceId);
  await next();
});
