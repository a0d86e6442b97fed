import type { Context } from 'hono';
import type { HttpEnv } from '../http/http-env.js';

/**
 * A platform request hearth refuses before any handler runs (bad signature,
 * wrong skill, malformed envelope). Platforms read the status; the body says
 * why for a person debugging, and the log says which refusal it was.
 */
export function refusePlatformRequest(
  c: Context<HttpEnv>,
  channel: 'alexa' | 'dialogflow',
  status: 400 | 403 | 404,
  refusal: string,
  message: string,
) {
  c.var.log.warn({ channel, refusal }, 'platform request refused');
  return c.json({ error: refusal, message }, status);
}
