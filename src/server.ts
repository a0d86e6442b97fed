import process from 'node:process';
import { ConfigError, loadConfig } from './config.js';
import { isLoopbackHost } from './http/loopback-host.js';
import { createLogger } from './logging/logger.js';
import { startService } from './service.js';

/** Process entry: config, service, and a graceful stop on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`hearth: configuration error: ${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel });
  if (!config.alexaVerifySignature) {
    logger.warn(
      'ALEXA_VERIFY_SIGNATURE=false: Alexa signatures and timestamps are NOT checked (local work only)',
    );
  }
  if (config.demo && !isLoopbackHost(config.host)) {
    logger.warn(
      { host: config.host },
      'HEARTH_DEMO=true on a non-loopback HOST: the demo listens beyond this machine (it answers only requests addressed to localhost or the HEARTH_PUBLIC_URL host)',
    );
  }
  const service = await startService(config, logger);
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) process.exit(1);
    logger.info({ signal }, 'stopping: finishing in-flight requests');
    service.stop().then(
      () => {
        logger.info('stopped');
        logger.flush();
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: String(error) }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  const ready = await service.whenReady();
  if (ready) logger.info({ baseUrl: service.baseUrl }, 'ready');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `hearth: failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
