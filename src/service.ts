import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { SKILLS } from '../skills/index.js';
import { createApp } from './app.js';
import { resolveSecret } from './auth/secret.js';
import { createTokenSigner } from './auth/token-signer.js';
import { createReadiness } from './boot/readiness.js';
import { resolveBrandWebhooks } from './brands/demo-brand-webhooks.js';
import { startOutboxDelivery } from './brands/outbox-delivery.js';
import { baseUrlOf, type Config } from './config.js';
import { ledgerPolicy } from './consent/consent-policy.js';
import { buildDemoFile, writeDemoFile } from './demo/demo-file.js';
import { DEMO_BRANDS } from './demo/demo-households.js';
import { seedDemo } from './demo/seed-demo.js';
import { createCapsuleService } from './domains/capsules/capsule-service.js';
import { capsuleDrafts } from './domains/capsules/orders/capsule-drafts.js';
import { createOrdersService } from './domains/capsules/orders/orders-service.js';
import { purgeExpiredProposals } from './domains/capsules/orders/proposal-retention.js';
import { shippedIngredientLabels } from './domains/recipes/normalise-ingredient.js';
import { createRecipeService } from './domains/recipes/recipe-service.js';
import { PURGE_TASKS, startEventPurge } from './household/device-events/event-retention.js';
import { createEffectWriter } from './household/effect-writer.js';
import type { Logger } from './logging/logger.js';
import { purgeExpiredOfferLog } from './measurement/offer-log-retention.js';
import { createShippedOfferEngine } from './offers/shipped-offer-engine.js';
import { finishInterruptedErasures } from './privacy/finish-erasures.js';
import { createLanguageData } from './runtime/i18n.js';
import { readLocaleFiles } from './runtime/locale-files.js';
import { defaultLocalesDir } from './runtime/package-root.js';
import { createSkillRegistry } from './runtime/skill-registry.js';
import type { DocumentStore } from './store/document-store.js';
import { openStore } from './store/open-store.js';
import { DATA_DIR_FILES, ensurePrivateDataDir } from './store/private-data-dir.js';

/** How often expired events and commands are purged. */
const PURGE_INTERVAL_MS = 60 * 60 * 1000;

export interface RunningService {
  baseUrl: string;
  port: number;
  whenReady: () => Promise<boolean>;
  /** Stops accepting, lets in-flight requests finish (up to the grace period), closes the store. */
  stop: () => Promise<void>;
}

/** Starts the whole service for a config: store, app, listener, and the demo's seed and demo.json. */
export async function startService(config: Config, logger: Logger): Promise<RunningService> {
  // The data dir holds personal data (the embedded store) and credentials: its owner's only,
  // made so (or refused) before anything is read or written there. openStore checks the store's files.
  if (config.store.kind === 'sqlite' || config.demo)
    await ensurePrivateDataDir(config.dataDir, DATA_DIR_FILES);
  const secret = await resolveSecret({ configured: config.secret, dataDir: config.dataDir });
  const signer = createTokenSigner({ secret });
  const brandWebhooks = await resolveBrandWebhooks({
    configured: config.brandWebhooks,
    demo: config.demo,
    dataDir: config.dataDir,
    demoBrandIds: DEMO_BRANDS.map((b) => b.id),
  });
  const store: DocumentStore = await openStore(config.store);
  const fixedNow = config.fixedNow;
  const clock = fixedNow ? () => new Date(fixedNow) : () => new Date();

  let baseUrl = baseUrlOf(config);
  const readiness = createReadiness({
    logger,
    steps: async () => {
      await store.ping().catch((error: unknown) => {
        throw new Error(`store ${store.kind}: ${error instanceof Error ? error.message : String(error)}`, {
          cause: error,
        });
      });
      if (!config.demo) return;
      const seeded = await seedDemo({ store, now: clock() });
      const demo = await buildDemoFile({ store, signer, baseUrl, configuredChannels: config.skillChannels });
      const file = await writeDemoFile(config.dataDir, demo);
      const first = demo.households[0];
      // Device ids stay in demo.json: in demo mode a device's screen page needs nothing else.
      logger.info(
        {
          baseUrl,
          demoFile: file,
          seeded,
          households: demo.households.length,
          firstHousehold: first && { id: first.id, locale: first.locale, devices: first.devices.length },
        },
        seeded ? 'demo data seeded' : 'demo data kept from an earlier start',
      );
    },
  });

  const skills = createSkillRegistry(SKILLS);
  // Language data is read once, here, not on the first request.
  const language = createLanguageData(readLocaleFiles(defaultLocalesDir()));
  const effects = createEffectWriter({ store, logger });
  // The brand's capsule catalog and the recipe catalog (with its index) are read once, here;
  // a catalog `hearth validate` would reject stops the start.
  const capsules = createCapsuleService();
  const recipes = createRecipeService();
  const offers = createShippedOfferEngine({ skills: SKILLS, store });
  const app = createApp({
    store,
    logger,
    signer,
    clock,
    demo: config.demo,
    // Known once the listener is bound (PORT=0 picks a port): read at request time.
    publicUrl: () => baseUrl,
    demoHosts: [new URL(baseUrlOf(config)).hostname],
    skills,
    language,
    consent: ledgerPolicy,
    effects,
    offers,
    services: { capsules, recipes, orders: createOrdersService({ store, drafts: capsuleDrafts(capsules) }) },
    ingredientLabels: shippedIngredientLabels(),
    requestTimeoutMs: config.requestTimeoutMs,
    alexa: { verifySignature: config.alexaVerifySignature },
    skillChannels: config.skillChannels,
    oauthClients: config.oauthClients,
    brandWebhooks,
    readiness: readiness.check,
  });

  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
    s.once('error', reject);
  });
  let stopping: Promise<void> | undefined;
  const port = (server.address() as AddressInfo).port;
  baseUrl = baseUrlOf(config, port);
  logger.info({ baseUrl, store: store.kind, demo: config.demo }, 'hearth listening');
  readiness.start();
  // Retention runs once the store is reachable; it never keeps the process alive on its own.
  let stopPurge: (() => Promise<void>) | undefined;
  let stopOutbox: (() => Promise<void>) | undefined;
  void readiness.whenReady().then((ready) => {
    if (!ready || stopping) return;
    // Orders and status changes go to the brands' webhooks (wall clock: signatures and retries).
    stopOutbox = startOutboxDelivery({ store, webhooks: brandWebhooks, logger });
    stopPurge = startEventPurge({
      store,
      clock,
      logger,
      intervalMs: PURGE_INTERVAL_MS,
      // Erasures cut short (a process stopped part way) are finished; wall clock.
      tasks: {
        ...PURGE_TASKS,
        proposals: purgeExpiredProposals,
        offerLog: purgeExpiredOfferLog,
        erasures: ({ store }) => finishInterruptedErasures({ store }),
      },
    });
  });

  const stop = () => {
    stopping ??= (async () => {
      readiness.stop();
      const purgeStopped = Promise.all([stopPurge?.(), stopOutbox?.()]);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections would hold close() open until they time out: close each one as soon
      // as it is idle, which lets the requests in flight finish first.
      const closeIdle = () => {
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      };
      closeIdle();
      const sweeper = setInterval(closeIdle, 50);
      const grace = new Promise<void>((resolve) => setTimeout(resolve, config.shutdownGraceMs).unref());
      await Promise.race([closed, grace]);
      clearInterval(sweeper);
      if ('closeAllConnections' in server) server.closeAllConnections();
      await purgeStopped;
      // Writes queued after replies go out before the store closes.
      await effects.stop();
      await store.close();
    })();
    return stopping;
  };

  return { baseUrl, port, whenReady: readiness.whenReady, stop };
}
