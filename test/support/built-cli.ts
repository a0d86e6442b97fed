/** The built CLI (`npm run build` first) on the embedded store of a data dir, as the CLI tests run it. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { DocumentStore } from '../../src/store/document-store.js';
import { openStore } from '../../src/store/open-store.js';

const execute = promisify(execFile);

/** `hearth <args>` with HEARTH_DATA_DIR set (demo mode by default: loopback HOST, SQLite). */
export const builtCli =
  (dataDir: string) =>
  (args: string[], env: Record<string, string> = {}, dir = dataDir) =>
    execute(process.execPath, ['dist/src/cli/main.js', ...args], {
      env: { PATH: process.env.PATH ?? '', HEARTH_DATA_DIR: dir, ...env },
    });

/** The refusal of a command run: its exit code and output. */
export const refusal = (run: Promise<unknown>) =>
  run.then(
    () => {
      throw new Error('the command succeeded');
    },
    (error: { code: number; stdout: string; stderr: string }) => error,
  );

/** The data dir's SQLite store, open only while `use` runs (the CLI opens the same file after). */
export async function withDataDirStore<T>(
  dataDir: string,
  use: (store: DocumentStore) => Promise<T>,
): Promise<T> {
  const store = await openStore({ kind: 'sqlite', file: path.join(dataDir, 'hearth.db') });
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}
