import type { OpenAPIHono } from '@hono/zod-openapi';
import type { SessionDeps } from '../accounts/session-cookie.js';
import { signedInAccount } from '../accounts/signed-in.js';
import { type PageText, signinPromptResponse } from '../accounts/signin-pages.js';
import { answerScreenTurn, type ScreenDeps } from '../channels/screen/screen-turn.js';
import type { HttpEnv } from '../http/http-env.js';
import { ProblemError } from '../http/problem.js';
import { SAFE_ID } from '../ids/safe-id.js';
import { createScreenAssets } from './screen-assets.js';
import { renderScreenPage } from './screen-html.js';

/** How long the device token embedded in a page works: long enough to play, short if it leaks. */
export const SCREEN_PAGE_TOKEN_TTL_S = 3600;

/**
 * `GET /screens/:deviceId`: an appliance's screen in the browser of the
 * household that owns it. It renders the home card and calls the screen routes
 * with a fresh short-lived device token kept in the page. Behind sign-in: a
 * browser not signed in gets the sign-in prompt (401), which remembers the page
 * for after the sign-in link; a session of another household or of a brand
 * gets 404, as for a device that does not exist.
 */
export function registerScreenPage(
  app: OpenAPIHono<HttpEnv>,
  deps: ScreenDeps & SessionDeps & { language: PageText },
): void {
  const screenAssets = createScreenAssets();
  app.get('/screens/:deviceId', async (c) => {
    const deviceId = c.req.param('deviceId');
    if (!SAFE_ID.test(deviceId)) return c.notFound();
    const signedIn = await signedInAccount(c, deps);
    if (!signedIn) return signinPromptResponse(c, deps.language, `/screens/${deviceId}`);
    const { account } = signedIn;
    if (account.kind !== 'household') return c.notFound();
    // deviceId is a URL segment: an own key only, never an inherited `constructor`.
    const devices = account.record.auth.devices;
    const generation = Object.hasOwn(devices, deviceId) ? devices[deviceId] : undefined;
    if (generation === undefined) return c.notFound();

    // Token expiry follows the wall clock, never the demo's pinned domain clock.
    const exp = Math.floor(Date.now() / 1000) + SCREEN_PAGE_TOKEN_TTL_S;
    const token = deps.signer.sign({
      kind: 'device',
      householdId: account.id,
      deviceId,
      generation,
      exp,
      page: true,
    });
    const principal = { householdId: account.id, deviceId, generation };
    const [answered, assets] = await Promise.all([
      answerScreenTurn(deps, principal, { home: true }, { requestId: c.var.requestId }).catch(
        (error: unknown) => {
          if (error instanceof ProblemError && error.code === 'not_found') return undefined;
          throw error;
        },
      ),
      screenAssets(),
    ]);
    if (!answered) return c.notFound();
    const { reply, device: screen } = answered;
    const html = renderScreenPage({
      deviceId,
      deviceName: screen.name,
      kind: screen.kind,
      locale: screen.locale,
      reply,
      token,
      strings: deps.turns.language.screenStrings(screen.locale),
      assets,
    });
    return c.html(html, 200, {
      'content-security-policy': [
        "default-src 'none'",
        `script-src ${assets.scriptHash}`,
        `style-src ${assets.styleHash}`,
        "connect-src 'self'",
        'img-src data:',
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
      ].join('; '),
      // The page holds a token: keep it out of caches and of other sites' Referer headers.
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
    });
  });
}
