import type { OpenAPIHono } from '@hono/zod-openapi';
import { answerScreenTurn, type ScreenDeps } from '../channels/screen/screen-turn.js';
import type { HttpEnv } from '../http/http-env.js';
import { ProblemError } from '../http/problem.js';
import { findDemoDevice } from './demo-device.js';
import { createScreenAssets } from './screen-assets.js';
import { renderScreenPage } from './screen-html.js';

/** How long the device token embedded in a demo page works: long enough to play, short if it leaks. */
export const SCREEN_PAGE_TOKEN_TTL_S = 3600;

/**
 * `GET /screens/:deviceId`: the demo appliance screen (demo mode only; the
 * accounts issue puts it behind sign-in). It renders the home card and calls
 * the screen routes with a fresh short-lived device token kept in the page.
 */
export function registerScreenPage(app: OpenAPIHono<HttpEnv>, deps: ScreenDeps & { demo: boolean }): void {
  const screenAssets = createScreenAssets();
  app.get('/screens/:deviceId', async (c) => {
    // Outside demo mode the page does not exist (rather than being forbidden).
    if (!deps.demo) return c.notFound();
    const deviceId = c.req.param('deviceId');
    const found = await findDemoDevice(deps.store, deviceId);
    if (!found) return c.notFound();

    // Token expiry follows the wall clock, never the demo's pinned domain clock.
    const exp = Math.floor(Date.now() / 1000) + SCREEN_PAGE_TOKEN_TTL_S;
    const token = deps.signer.sign({
      kind: 'device',
      householdId: found.householdId,
      deviceId,
      generation: found.generation,
      exp,
      page: true,
    });
    const principal = { householdId: found.householdId, deviceId, generation: found.generation };
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
