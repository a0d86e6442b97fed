/**
 * The composition root: the type of everything the service is built from, and
 * `createApp`, which hands each route module the slice of it that module uses.
 * Nothing below imports this file.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { requestId } from 'hono/request-id';
import { timeout } from 'hono/timeout';
import { registerAccounts } from './accounts/register-accounts.js';
import type { TokenAuth } from './auth/bearer.js';
import type { TokenSigner } from './auth/token-signer.js';
import type { BrandWebhooks } from './brands/brand-webhooks.js';
import { registerBrandOrderStatus } from './brands/v1-brands-order-status.js';
import { registerBrandTouchpointReport } from './brands/v1-brands-reports-touchpoints.js';
import { type AlexaRouteOptions, registerAlexaRoute } from './channels/alexa/alexa-route.js';
import type { ChannelDeps } from './channels/channel-deps.js';
import { registerDialogflowRoute } from './channels/google/dialogflow-route.js';
import { registerGoogleHome } from './channels/google/google-home-route.js';
import { createDeviceFactsCache } from './channels/screen/screen-turn.js';
import { registerDeviceCommands } from './channels/screen/v1-devices-commands.js';
import { registerDeviceEvents } from './channels/screen/v1-devices-events.js';
import { registerScreenHome } from './channels/screen/v1-screens-home.js';
import { registerScreenTurns } from './channels/screen/v1-screens-turns.js';
import { createSkillChannels } from './channels/skill-channels.js';
import type { SkillChannels } from './channels/skill-channels-record.js';
import type { ConsentPolicy } from './consent/consent-policy.js';
import { createConsentRecorder } from './consent/store-consent-recorder.js';
import { registerHouseholdConsents } from './consent/v1-households-consents.js';
import { registerOpenApiRoutes } from './docs/openapi-routes.js';
import { shippedIngredientLabels } from './domains/recipes/normalise-ingredient.js';
import { registerHealthRoutes } from './health/health-routes.js';
import type { IngredientLabels } from './household/device-events/ingredient-labels.js';
import type { PairingOptions } from './household/pairing/pairing-limits.js';
import { registerConfirmPairing } from './household/pairing/v1-households-pairings.js';
import { registerPairing } from './household/pairing/v1-pairing.js';
import { currentGeneration } from './household/token-generations.js';
import { registerRotateDeviceToken } from './household/v1-devices-rotate-token.js';
import { registerDeleteDevice } from './household/v1-households-delete-device.js';
import { registerHouseholdDeliveryAddress } from './household/v1-households-delivery-address.js';
import { registerHouseholdDevices } from './household/v1-households-devices.js';
import { accessLog } from './http/access-log.js';
import { limitBody } from './http/body-limit.js';
import { demoHostGuard } from './http/demo-host-guard.js';
import type { DeviceRateLimitOptions } from './http/device-rate-limit.js';
import { errorHandler, handleNotFound } from './http/error-handler.js';
import type { HttpEnv } from './http/http-env.js';
import { ProblemError } from './http/problem.js';
import { requireJsonBody } from './http/require-json.js';
import { accountLinks } from './linking/account-links.js';
import type { ConfiguredOAuthClient } from './linking/oauth/oauth-clients.js';
import { registerOAuthRoutes } from './linking/oauth/register-oauth-routes.js';
import { registerHouseholdLinks } from './linking/v1-households-links.js';
import type { Logger } from './logging/logger.js';
import { buildTouchpointReport } from './measurement/touchpoint-report.js';
import { createOfferEngine, type OfferEngine } from './offers/offer-engine.js';
import { registerHouseholdObjections } from './offers/v1-households-objections.js';
import { registerHouseholdOffers } from './offers/v1-households-offers.js';
import { registerCancelOrder } from './orders/v1-households-orders-cancel.js';
import { UNCONFIGURED_CONTROLLER } from './privacy/consent-receipt.js';
import { eraseHousehold } from './privacy/erase-household.js';
import { householdExport } from './privacy/household-export.js';
import { registerEraseHousehold } from './privacy/v1-households-erase.js';
import { registerHouseholdExport } from './privacy/v1-households-export.js';
import type { EffectWriter } from './runtime/effects.js';
import type { LanguageData } from './runtime/i18n.js';
import type { SkillRegistry } from './runtime/skill-registry.js';
import type { SkillServices } from './runtime/skill-services.js';
import type { DocumentStore } from './store/document-store.js';
import { type BrandReports, registerDashboardRoutes } from './web/dashboard-route.js';
import { registerPrivacyPage } from './web/privacy-routes.js';
import { registerScreenPage } from './web/screen-page.js';

/** Everything the routes are built from, made once by the server (or a test). */
export interface AppDeps {
  store: DocumentStore;
  logger: Logger;
  signer: TokenSigner;
  /** The domain clock: offers, caps, quiet hours, forecasts. Demo mode may pin it with HEARTH_NOW. */
  clock: () => Date;
  /** Real time for records of what happened (consent ledger, notices served); `new Date()` when absent. */
  wallClock?: () => Date;
  demo: boolean;
  /**
   * The service's public base URL (HEARTH_PUBLIC_URL, or the address it listens on): sign-in
   * links, the OAuth issuer, and whether cookies are Secure. Absent in tests: the request's origin.
   */
  publicUrl?: () => string;
  /** Demo mode: the host names besides loopback ones that requests may be addressed to (the base URL's). */
  demoHosts?: readonly string[];
  /** The skills this app serves. */
  skills: SkillRegistry;
  /** Responses, slot values and matcher data of every skill, read once at start. */
  language: LanguageData;
  /** Which purposes a household has granted: the only way to household context. */
  consent: ConsentPolicy;
  /** Domain services put on every handler's context. */
  services?: SkillServices;
  /** How fridge events' labels of food become ingredient ids; the shipped vocabulary's when absent. */
  ingredientLabels?: IngredientLabels;
  /** Where turns' writes go (before the reply, and queued after it). */
  effects: EffectWriter;
  /** The offers engine (campaigns, guards, offer log); without one, no campaign is offered. */
  offers?: OfferEngine;
  requestTimeoutMs: number;
  /** Alexa request verification; signatures are checked unless explicitly turned off for local work. */
  alexa: AlexaRouteOptions;
  /** Channel settings per skill from the deployment's configuration; skills not listed use the store's. */
  skillChannels?: Record<string, SkillChannels>;
  /** OAuth clients from the deployment's configuration (HEARTH_OAUTH_CLIENTS); they win over the store's. */
  oauthClients?: Readonly<Record<string, ConfiguredOAuthClient>>;
  /** Each brand's webhook URL and secret: status updates are verified with it. None when absent. */
  brandWebhooks?: BrandWebhooks;
  /** Per-device limits of screen turns and event batches (each route its own); the defaults when absent. */
  deviceRateLimit?: DeviceRateLimitOptions;
  /** Pairing's limits and wall clock; the defaults when absent. */
  pairing?: PairingOptions;
  /** Brands' touchpoint reports (the dashboard's figures); built from the store's offer log when absent. */
  reports?: BrandReports;
  /** Why the store is not ready, if it is not; `/readyz` answers 503 with it. */
  readiness?: () => Promise<{ ready: true } | { ready: false; reason: string; code?: string }>;
}

/** What every request carries on its context. */
export type AppEnv = HttpEnv;

/** Largest request body hearth accepts (device event batches are the biggest). */
export const MAX_BODY_BYTES = 256 * 1024;

/** Builds the Hono app: common middleware, every route module with its slice of the deps, one error handler. */
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
    accessLog(deps.logger),
    limitBody(MAX_BODY_BYTES),
    timeout(deps.requestTimeoutMs, () => new ProblemError('timeout') as never),
  );
  if (deps.demo) app.use('*', demoHostGuard({ hosts: deps.demoHosts ?? [] }));
  app.use('/v1/*', requireJsonBody);

  const { store, signer, clock, consent, skills } = deps;
  const rateLimit = deps.deviceRateLimit ?? {};
  const wallClock = deps.wallClock ?? (() => new Date());
  const offers = deps.offers ?? createOfferEngine({ campaigns: [], store });
  const auth: TokenAuth = { signer, generationOf: (claims) => currentGeneration(store, claims) };
  const channel: ChannelDeps = {
    store,
    signer,
    clock,
    consent,
    skills,
    turns: {
      language: deps.language,
      logger: deps.logger,
      effects: deps.effects,
      consent: createConsentRecorder({ store, clock: wallClock }),
      ...(deps.services ? { services: deps.services } : {}),
      offers,
    },
  };
  // One cache of what the app saw of each device, shared by the screen routes and the demo page.
  const screens = { ...channel, devices: createDeviceFactsCache(), auth };

  registerHealthRoutes(app, { store, ...(deps.readiness ? { readiness: deps.readiness } : {}) });
  registerRotateDeviceToken(app, { auth, store, signer });
  registerDeleteDevice(app, { auth, store });
  registerHouseholdDevices(app, { auth, store });
  registerPairing(app, { auth, store, signer, skills, ...deps.pairing });
  registerConfirmPairing(app, { auth, store, skills, ...deps.pairing });
  registerHouseholdLinks(app, { auth, store });
  registerEraseHousehold(app, { auth, store });
  registerHouseholdConsents(app, { auth, store, skills, wallClock });
  registerHouseholdExport(app, {
    auth,
    store,
    skills,
    wallClock,
    ...(deps.publicUrl ? { publicUrl: deps.publicUrl } : {}),
  });
  registerDeviceEvents(app, {
    auth,
    store,
    clock,
    consent,
    rateLimit,
    ingredientLabels: deps.ingredientLabels ?? shippedIngredientLabels(),
  });
  registerBrandOrderStatus(app, { store, webhooks: deps.brandWebhooks ?? {}, wallClock });
  registerBrandTouchpointReport(app, { auth, store, clock });
  registerDeviceCommands(app, { auth, store, clock });
  registerCancelOrder(app, { auth, store, clock });
  registerHouseholdDeliveryAddress(app, { auth, store, wallClock });
  registerHouseholdOffers(app, {
    auth,
    store,
    offers,
    campaignExists: offers.campaignExists,
    skills,
    language: deps.language,
    wallClock,
  });
  registerHouseholdObjections(app, { auth, store, campaignExists: offers.campaignExists });
  registerScreenTurns(app, { ...screens, rateLimit });
  registerScreenHome(app, screens);
  const pages = { store, language: deps.language, ...(deps.publicUrl ? { publicUrl: deps.publicUrl } : {}) };
  registerScreenPage(app, { ...screens, ...pages });
  const links = accountLinks({ store, skills, language: deps.language });
  registerAccounts(app, {
    ...pages,
    auth,
    signer,
    skills,
    links,
    ...(deps.pairing ? { pairing: deps.pairing } : {}),
  });
  const brandIds = [...new Set(skills.all.map((s) => s.brandId))];
  registerPrivacyPage(app, {
    ...pages,
    skills,
    links,
    campaignName: (brandId, campaignId, locale) => {
      const title = offers.campaignTitle(brandId, campaignId);
      return title && deps.language.translator(title.skillId, locale)(title.key);
    },
    ...(deps.wallClock ? { wallClock: deps.wallClock } : {}),
    // The page's export and erasure are the same domain code as the /v1 routes'.
    rights: {
      exportHousehold: (hid) =>
        householdExport(store, hid, {
          brandIds,
          controller: UNCONFIGURED_CONTROLLER,
          policyUrl: `${deps.publicUrl?.() ?? ''}/privacy`,
          now: wallClock(),
        }),
      eraseHousehold: async (hid) => {
        await eraseHousehold(store, hid, { now: wallClock() });
      },
    },
  });
  const reports: BrandReports =
    deps.reports ?? ((brandId, now) => buildTouchpointReport({ store, brandId, now }));
  registerDashboardRoutes(app, { ...pages, clock, reports });
  registerGoogleHome(app, { auth, store, clock });
  // One cache of channel settings per app, shared by the platforms that need them.
  const skillChannels = createSkillChannels({ configured: deps.skillChannels ?? {} });
  registerAlexaRoute(app, channel, deps.alexa, skillChannels);
  registerDialogflowRoute(app, channel, skillChannels);
  registerOAuthRoutes(app, {
    store,
    signer,
    skills,
    language: deps.language,
    ...(deps.publicUrl ? { publicUrl: deps.publicUrl } : {}),
    ...(deps.oauthClients ? { configuredClients: deps.oauthClients } : {}),
  });
  registerOpenApiRoutes(app);

  app.notFound(handleNotFound);
  app.onError(errorHandler(deps.logger));
  return app;
}
