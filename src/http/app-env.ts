import type { TokenSigner } from '../auth/token-signer.js';
import type { AlexaRouteOptions } from '../channels/alexa/alexa-route.js';
import type { SkillChannels } from '../channels/skill-channels-record.js';
import type { ConsentGateFactory } from '../consent/gate-factory.js';
import type { Logger } from '../logging/logger.js';
import type { DocumentStore } from '../store/document-store.js';

/** Everything the routes need, built once by the server (or a test) and put on the context. */
export interface AppDeps {
  store: DocumentStore;
  logger: Logger;
  signer: TokenSigner;
  /** The domain clock: offers, caps, quiet hours, forecasts. Demo mode may pin it with HEARTH_NOW. */
  clock: () => Date;
  demo: boolean;
  /** The only way to household context: a consent gate per household and brand. */
  consent: ConsentGateFactory;
  requestTimeoutMs: number;
  /** Alexa request verification; signatures are checked unless explicitly turned off for local work. */
  alexa: AlexaRouteOptions;
  /** Channel settings per skill from the deployment's configuration; skills not listed use the store's. */
  skillChannels?: Record<string, SkillChannels>;
  /** Why the store is not ready, if it is not; `/readyz` answers 503 with it. */
  readiness?: () => Promise<{ ready: true } | { ready: false; reason: string }>;
}

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    requestId: string;
    log: Logger;
  };
};
