import process from 'node:process';
import { parseArgs } from 'node:util';
import { resolveSecret } from '../auth/secret.js';
import { createTokenSigner } from '../auth/token-signer.js';
import { baseUrlOf, ConfigError, loadConfig } from '../config.js';
import { MAX_COHORT } from '../demo/cohort-plan.js';
import { buildDemoFile, writeDemoFile } from '../demo/demo-file.js';
import { CohortSeedMismatchError, resetCohort, seedCohort } from '../demo/seed-cohort.js';
import { resetDemo, seedDemo } from '../demo/seed-demo.js';
import { loadDefaultLanguage } from '../runtime/default-language.js';
import { openStore } from '../store/open-store.js';
import { DATA_DIR_FILES, ensurePrivateDataDir } from '../store/private-data-dir.js';
import { cohortProgress } from './cohort-progress.js';

const USAGE = 'hearth seed [--reset] [--cohort N [--seed S]]';

/**
 * `hearth seed [--reset] [--cohort N [--seed S]]`: seeds the demo data into the configured
 * store and rewrites demo.json; with `--cohort`, also adds N synthetic households with weeks of
 * offer history for the demo brands' reports (`demo/seed-cohort.ts`), showing its progress on
 * stderr. `--reset` deletes the demo and the cohort first.
 */
export async function run(args: string[]): Promise<number> {
  let reset = false;
  let cohort: number | undefined;
  let seed = 'hearth';
  try {
    const { values } = parseArgs({
      args,
      options: { reset: { type: 'boolean' }, cohort: { type: 'string' }, seed: { type: 'string' } },
      strict: true,
    });
    reset = values.reset ?? false;
    if (values.cohort !== undefined) {
      cohort = /^\d{1,6}$/.test(values.cohort) ? Number(values.cohort) : Number.NaN;
      if (!(cohort >= 1 && cohort <= MAX_COHORT))
        throw new Error(`--cohort takes a number of households from 1 to ${MAX_COHORT}`);
    }
    if (values.seed !== undefined) {
      if (cohort === undefined) throw new Error('--seed goes with --cohort');
      if (!/^[\w.-]{1,100}$/.test(values.seed))
        throw new Error('--seed takes letters, digits, ".", "_" or "-"');
      seed = values.seed;
    }
  } catch (error) {
    process.stderr.write(`hearth seed: ${(error as Error).message}\nusage: ${USAGE}\n`);
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
    if (reset) {
      await resetDemo(store);
      await resetCohort(store);
    }
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
    if (cohort === undefined) return 0;
    const started = Date.now();
    const progress = cohortProgress(process.stderr);
    try {
      const outcome = await seedCohort({
        store,
        now,
        size: cohort,
        seed,
        language: loadDefaultLanguage(),
        onProgress: progress.report,
      });
      progress.finish();
      process.stdout.write(
        `cohort: ${outcome.added} households added, ${outcome.kept} already there (seed ${seed}); ${outcome.ledgerEntries} consent ledger entries, ${outcome.offerLogRecords} offer-log records, ${outcome.controlHouseholds} added households in the control group; ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
      );
    } catch (error) {
      progress.finish();
      if (!(error instanceof CohortSeedMismatchError)) throw error;
      process.stderr.write(`hearth seed: ${error.message}\n`);
      return 2;
    }
    return 0;
  } finally {
    await store.close();
  }
}
