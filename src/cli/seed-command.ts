import process from 'node:process';
import { parseArgs } from 'node:util';
import { resolveSecret } from '../auth/secret.js';
import { createTokenSigner } from '../auth/token-signer.js';
import { baseUrlOf, ConfigError, loadConfig } from '../config.js';
import { buildDemoFile, writeDemoFile } from '../demo/demo-file.js';
import { resetDemo, seedDemo } from '../demo/seed-demo.js';
import { openStore } from '../store/open-store.js';
import { DATA_DIR_FILES, ensurePrivateDataDir } from '../store/private-data-dir.js';

/** `hearth seed [--reset]`: seeds the demo data into the configured store and rewrites demo.json. */
export async function run(args: string[]): Promise<number> {
  let reset = false;
  try {
    ({
      values: { reset = false },
    } = parseArgs({ args, options: { reset: { type: 'boolean' } }, strict: true }));
  } catch (error) {
    process.stderr.write(`hearth seed: ${(error as Error).message}\nusage: hearth seed [--reset]\n`);
    return 2;
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig({ HEARTH_DEMO: 'true', ...process.env });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`hearth seed: configuration error: ${error.message}\n`);
      return 78;
    }
    throw error;
  }
  // The demo writes fixed ids and --reset deletes: on Firestore that could be a real
  // project, so it takes the operator saying so, not the demo default forced above.
  if (config.store.kind === 'firestore' && !(process.env.HEARTH_DEMO !== undefined && config.demo)) {
    process.stderr.write(
      `hearth seed: refusing to seed Firestore project ${config.store.projectId}: set HEARTH_DEMO=true to seed a demo there\n`,
    );
    return 2;
  }
  // The seed may be the first to create the data dir: the owner's only, as the service makes it.
  await ensurePrivateDataDir(config.dataDir, DATA_DIR_FILES);
  const store = await openStore(config.store);
  try {
    if (reset) await resetDemo(store);
    const now = config.fixedNow ?? new Date();
    const seeded = await seedDemo({ store, now });
    const secret = await resolveSecret({ configured: config.secret, dataDir: config.dataDir });
    const demo = await buildDemoFile({
      store,
      signer: createTokenSigner({ secret }),
      baseUrl: baseUrlOf(config),
      configuredChannels: config.skillChannels,
    });
    const file = await writeDemoFile(config.dataDir, demo);
    process.stdout.write(
      `${seeded ? (reset ? 'demo reset and seeded' : 'demo seeded') : 'demo already seeded (use --reset to start over)'}: ${demo.households.length} households, ${demo.brands.length} brands\nwrote ${file}\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
