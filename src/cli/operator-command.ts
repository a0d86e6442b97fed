/** What the operator commands (`household`, `brand`, `signin`) share: the configured store, and their arguments. */
import { existsSync } from 'node:fs';
import process from 'node:process';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type Config, ConfigError, loadConfig } from '../config.js';
import type { DocumentStore } from '../store/document-store.js';
import { openStore } from '../store/open-store.js';
import { DATA_DIR_FILES, ensurePrivateDataDir } from '../store/private-data-dir.js';

/** What an operator command works with: the service's configuration and its store. */
export type Configured = { config: Config; store: DocumentStore };

/**
 * Runs an operator command on the store the service uses (HEARTH_STORE,
 * HEARTH_DATA_DIR, …, as `npm start` reads them), and closes it after. A bad
 * configuration is one line and exit code 78. With `create: false`, an
 * embedded store that does not exist yet is not created: one line, exit code 1
 * (looking something up must not leave an empty database behind).
 */
export async function withConfiguredStore(
  command: string,
  { create }: { create: boolean },
  run: (configured: Configured) => Promise<number>,
): Promise<number> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`hearth ${command}: configuration error: ${error.message}\n`);
      return 78;
    }
    throw error;
  }
  if (config.store.kind === 'sqlite') {
    if (!create && !existsSync(config.store.file)) {
      process.stderr.write(`hearth ${command}: no store at ${config.store.file}: run "npm start" first\n`);
      return 1;
    }
    // The first command may create the data dir: the owner's only, as the service makes it.
    await ensurePrivateDataDir(config.dataDir, DATA_DIR_FILES);
  }
  const store = await openStore(config.store);
  try {
    return await run({ config, store });
  } finally {
    await store.close();
  }
}

/** A command used wrongly: one line saying why, the usage, and exit code 2. */
export function usageError(command: string, usage: string, message: string): number {
  process.stderr.write(`hearth ${command}: ${message}\nusage: ${usage}\n`);
  return 2;
}

/** `args` parsed strictly (positionals allowed), or the exit code of `usageError` when they do not parse. */
export function commandArgs<O extends NonNullable<ParseArgsConfig['options']>>(
  command: string,
  usage: string,
  args: string[],
  options: O,
) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    return usageError(command, usage, (error as Error).message);
  }
}
