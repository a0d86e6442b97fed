import type { Logger } from '../logging/logger.js';
import { storeUnavailableCode } from '../store/store-failure.js';

/** Not ready: why, and a stable code when the store said what is wrong (`store_credentials_missing`, ...). */
export type Readiness = { ready: true } | { ready: false; reason: string; code?: string };

/**
 * Runs the start-up steps that need the store (ping, demo seed, demo.json)
 * until they succeed, retrying with backoff, while the process already
 * answers `/healthz`; `/readyz` reports the last failure until then.
 */
export function createReadiness({
  steps,
  logger,
  retryMs = 2000,
}: {
  steps: () => Promise<void>;
  logger: Logger;
  retryMs?: number;
}) {
  let state: Readiness = { ready: false, reason: 'starting' };
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;

  let done: Promise<boolean> | undefined;
  const loop = async () => {
    let attempt = 0;
    while (!stopped) {
      attempt += 1;
      try {
        await steps();
        state = { ready: true };
        return true;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        const code = storeUnavailableCode(error);
        state = { ready: false, reason, ...(code ? { code } : {}) };
        if (attempt === 1 || attempt % 15 === 0)
          logger.warn({ reason, ...(code ? { failure: code } : {}), attempt }, 'store not ready; retrying');
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, Math.min(retryMs * attempt, 15_000));
        });
      }
    }
    return false;
  };

  return {
    /** The current state, for `/readyz`. */
    check: async (): Promise<Readiness> => state,
    /** Starts the steps (once); call it when the listener is up so the steps know the bound port. */
    start: () => {
      done ??= loop();
    },
    /** Resolves true once ready, false if stopped first. */
    whenReady: () => {
      done ??= loop();
      return done;
    },
    stop: () => {
      stopped = true;
      clearTimeout(timer);
      wake?.();
    },
  };
}
