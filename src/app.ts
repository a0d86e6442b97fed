import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { requestId } from 'hono/request-id';
import { timeout } from 'hono/timeout';
import { registerAlexaRoute } from './channels/alexa/alexa-route.js';
import { registerDialogflowRoute } from './channels/google/dialogflow-route.js';
import { registerGoogleHome } from './channels/google/google-home-route.js';
import { registerDeviceCommands } from './channels/screen/v1-devices-commands.js';
import { registerDeviceEvents } from './channels/screen/v1-devices-events.js';
import { registerScreenHome } from './channels/screen/v1-screens-home.js';
import { registerScreenTurns } from './channels/screen/v1-screens-turns.js';
import { createSkillChannels } from './channels/skill-channels.js';
import { registerOpenApiRoutes } from './docs/openapi-routes.js';
import { registerHealthRoutes } from './health/health-routes.js';
import { registerRotateDeviceToken } from './household/v1-devices-rotate-token.js';
import { registerDeleteDevice } from './household/v1-households-delete-device.js';
import { accessLog } from './http/access-log.js';
import type { AppDeps, AppEnv } from './http/app-env.js';
import { handleError, handleNotFound } from './http/error-handler.js';
import { ProblemError } from './http/problem.js';
import { requireJsonBody } from './http/require-json.js';
import { registerScreenPage } from './web/screen-page.js';

export type { AppDeps };

/** Largest request body hearth accepts (device event batches are the biggest). */
export const MAX_BODY_BYTES = 256 * 1024;

/** Builds the Hono app: common middleware, every route module, one error handler. Nothing else. */
export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const errors = result.error.issues.map((i) => ({
          path: i.path.join('.') || '(root)',
          message: i.message,
        }));
        throw new ProblemError('validation_failed', `${result.target} does not match the schema`, { errors });
      }
    },
  });

  app.use(
    '*',
    requestId({ headerName: 'x-request-id', limitLength: 64 }),
    createMiddleware<AppEnv>(async (c, next) => {
      c.set('deps', deps);
      await next();
    }),
    accessLog,
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ProblemError('payload_too_large', `bodies are limited to ${MAX_BODY_BYTES} bytes`);
      },
    }),
    timeout(deps.requestTimeoutMs, () => new ProblemError('timeout') as never),
  );
  app.use('/v1/*', requireJsonBody);

  registerHealthRoutes(app);
  registerRotateDeviceToken(app);
  registerDeleteDevice(app);
  registerDeviceEvents(app);
  registerDeviceCommands(app);
  registerScreenTurns(app);
  registerScreenHome(app);
  registerScreenPage(app);
  registerGoogleHome(app);
  // One cache of channel settings per app, shared by the platforms that need them.
  const skillChannels = createSkillChannels({ configured: deps.skillChannels ?? {} });
  registerAlexaRoute(app, deps.alexa, skillChannels);
  registerDialogflowRoute(app, skillChannels);
  registerOpenApiRoutes(app);

  app.notFound(handleNotFound);
  app.onError(handleError);
  return app;
}
