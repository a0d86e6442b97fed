import { type ChildProcess, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../support/service-process.js';

/** The project tests use unless they pick their own (test/support/firestore.ts picks one per file). */
export const FIRESTORE_TEST_PROJECT_ID = 'hearth-test';

const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;
const OUTPUT_KEPT = 16_000;

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops the emulator's whole process group: `gcloud` runs a shell script that runs
 * Java, and killing `gcloud` alone leaves Java serving the port.
 */
async function stopGroup(pgid: number): Promise<void> {
  try {
    process.kill(-pgid, 'SIGTERM');
  } catch {
    return; // already gone
  }
  const deadline = Date.now() + STOP_GRACE_MS;
  while (Date.now() < deadline) {
    if (!groupAlive(pgid)) return;
    await sleep(100);
  }
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // gone between the check and the kill
  }
}

async function answers(host: string): Promise<boolean> {
  try {
    const response = await fetch(`http://${host}/`, { signal: AbortSignal.timeout(1000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * Vitest global setup: starts the Firestore emulator on a free port unless
 * FIRESTORE_EMULATOR_HOST is already set, and hands its address to the test workers
 * through the environment (the workers are created after global setup and inherit
 * `process.env`; test/store/emulator-env.test.ts checks that they do).
 */
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  process.env.METADATA_SERVER_DETECTION ??= 'none';
  process.env.FIRESTORE_PROJECT_ID ??= FIRESTORE_TEST_PROJECT_ID;
  if (process.env.FIRESTORE_EMULATOR_HOST) return undefined;

  const host = `127.0.0.1:${await freePort()}`;
  // Detached: the emulator gets its own process group, which teardown kills as a whole.
  const child: ChildProcess = spawn('gcloud', ['emulators', 'firestore', 'start', `--host-port=${host}`], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CLOUDSDK_CORE_DISABLE_PROMPTS: '1' },
  });
  const pgid = child.pid;
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_KEPT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: string | null = null;
  let spawnError: Error | null = null;
  child.once('error', (error) => {
    spawnError = error;
  });
  child.once('exit', (code, signal) => {
    exited = `exited with ${signal ?? `code ${code}`}`;
  });

  // If vitest dies without running teardown, still take Java down with it.
  const killOnExit = () => {
    if (pgid !== undefined) {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
  process.once('exit', killOnExit);

  const started = Date.now();
  while (!(await answers(host))) {
    const failure =
      spawnError !== null
        ? `could not run gcloud: ${(spawnError as Error).message}`
        : exited !== null
          ? `gcloud ${exited}`
          : Date.now() - started > START_TIMEOUT_MS
            ? `no answer on ${host} after ${START_TIMEOUT_MS / 1000} s`
            : null;
    if (failure) {
      if (pgid !== undefined) await stopGroup(pgid);
      process.off('exit', killOnExit);
      throw new Error(
        `Firestore emulator did not start (${failure}). Command: gcloud emulators firestore start --host-port=${host}\n` +
          `--- its output ---\n${output || '(none)'}`,
      );
    }
    await sleep(200);
  }
  process.stderr.write(`[setup] Firestore emulator on ${host} (${Date.now() - started} ms)\n`);
  process.env.FIRESTORE_EMULATOR_HOST = host;

  return async function stopFirestoreEmulator() {
    process.off('exit', killOnExit);
    if (pgid !== undefined) await stopGroup(pgid);
    child.stdout?.destroy();
    child.stderr?.destroy();
    delete process.env.FIRESTORE_EMULATOR_HOST;
  };
}
