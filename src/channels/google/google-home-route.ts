import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { type AuthEnv, requireToken, type TokenAuth } from '../../auth/bearer.js';
import type { HttpEnv } from '../../http/http-env.js';
import { ProblemError } from '../../http/problem.js';
import { createGrantUseRecorder } from '../../linking/grant-use.js';
import type { DocumentStore } from '../../store/document-store.js';
import { fulfilSmartHome } from './smart-home-adapter.js';
import { smartHomeIntents } from './smart-home-intents.js';
import { smartHomeRequestSchema } from './smart-home-protocol.js';

/**
 * A link token works on the platform it was issued to: an Alexa token on Google's
 * route is a token of the wrong kind, hence 401 like any other wrong-kind token.
 */
const requireGoogleLink = createMiddleware<AuthEnv<'link'>>(async (c, next) => {
  if (c.var.principal.platform !== 'google') {
    throw new ProblemError('unauthorized', 'token rejected: not a Google Home link token');
  }
  await next();
});

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

/**
 * A body that is not a smart-home intent request. Google reads smart-home answers as
 * JSON in its own shape, so the 400 says `protocolError` in that shape (with a
 * `debugString` for whoever reads the logs) rather than as problem+json, which is for `/v1`.
 */
function malformed(c: Context, raw: unknown, why: string): Response {
  const requestId =
    raw !== null && typeof raw === 'object' && typeof (raw as { requestId?: unknown }).requestId === 'string'
      ? (raw as { requestId: string }).requestId.slice(0, 256)
      : '';
  const body = { requestId, payload: { errorCode: 'protocolError', debugString: why } };
  return c.body(JSON.stringify(body), 400, JSON_TYPE);
}

/**
 * `POST /google/home`: Google Home smart-home fulfillment (SYNC, QUERY, EXECUTE,
 * DISCONNECT) for the household of a Google account-linking token. Missing, bad,
 * revoked, wrong-kind and Alexa tokens are 401 problems from the shared bearer check,
 * which is what makes Google refresh the token.
 */
export function registerGoogleHome(
  app: OpenAPIHono<HttpEnv>,
  { auth, store, clock }: { auth: TokenAuth; store: DocumentStore; clock: () => Date },
): void {
  // When each grant was last used (Google names no user: there is no user id to record).
  const grantUse = createGrantUseRecorder({ store });
  app.post('/google/home', requireToken(auth, ['link']), requireGoogleLink, async (c) => {
    let raw: unknown;
    try {
      raw = JSON.parse(await c.req.text());
    } catch {
      return malformed(c, undefined, 'the body is not JSON');
    }
    const parsed = smartHomeRequestSchema.safeParse(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
      return malformed(c, raw, `not a smart-home intent request: ${issues.join('; ')}`);
    }
    const { householdId, grantId } = c.var.principal;
    const intents = smartHomeIntents({ store, householdId, grantId, now: clock(), wallNow: new Date() });
    // The library answers 200 with the intent's body; a failure throws to the one error handler.
    const { body } = await fulfilSmartHome(parsed.data, intents);
    // The library answers the first input only; after a DISCONNECT there is no grant left to note.
    if (parsed.data.inputs[0]?.intent !== 'action.devices.DISCONNECT')
      grantUse.note({ householdId, grantId }, c.var.log);
    return c.body(JSON.stringify(body), 200, JSON_TYPE);
  });
}
