import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ensureOwns, requireToken, type TokenAuth } from '../auth/bearer.js';
import type { HttpEnv } from '../http/http-env.js';
import { AUTHENTICATED_PROBLEMS, IdParam, problemResponses } from '../http/openapi-schemas.js';
import { publicBaseUrl } from '../http/public-base-url.js';
import type { DocumentStore } from '../store/document-store.js';
import { issueSigninLink, SIGNIN_CODE_TTL_MS } from './signin-codes.js';

/** A one-time sign-in link, as a companion app receives it. */
export const SigninLinkSchema = z
  .object({
    signInUrl: z
      .url()
      .openapi({ description: 'Open once in a browser, within minutes: it signs the browser in' }),
    expiresAt: z.iso.datetime().openapi({ description: 'After this instant the link no longer works' }),
  })
  .openapi('SigninLink');

const routeFor = (auth: TokenAuth) =>
  createRoute({
    method: 'post',
    path: '/v1/households/{hid}/signin-links',
    summary: "A companion app gets a one-time link that signs the household's browser in to its pages",
    description:
      `The link works once, for ${SIGNIN_CODE_TTL_MS / 60_000} minutes, and sets an HttpOnly session cookie ` +
      '(`/account`, the screen pages). Hand it to the browser at once; never log it.',
    tags: ['accounts'],
    security: [{ bearer: [] }],
    middleware: [requireToken(auth, ['household'])] as const,
    request: { params: z.object({ hid: IdParam }) },
    responses: {
      201: {
        description: 'A fresh sign-in link',
        content: { 'application/json': { schema: SigninLinkSchema } },
      },
      ...problemResponses(...AUTHENTICATED_PROBLEMS, 'validation_failed'),
    },
  });

/** `POST /v1/households/:hid/signin-links`: a household token asks for a sign-in link of its own household. */
export function registerSigninLinks(
  app: OpenAPIHono<HttpEnv>,
  { auth, store, publicUrl }: { auth: TokenAuth; store: DocumentStore; publicUrl?: () => string },
): void {
  app.openapi(routeFor(auth), async (c) => {
    const { hid } = c.req.valid('param');
    ensureOwns(c.var.principal.householdId === hid);
    const link = await issueSigninLink(
      store,
      { kind: 'household', householdId: hid },
      publicBaseUrl(c, publicUrl),
    );
    c.header('cache-control', 'no-store');
    return c.json(link, 201);
  });
}
