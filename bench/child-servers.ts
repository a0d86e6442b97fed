import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { findPackageRoot } from '../src/runtime/package-root.js';
import { freePort } from '../test/support/service-process.js';
import { describeAnswer, type Probe, type ProbeAnswer, probe } from './http-probe.js';

/** A compiled script of this checkout (`dist/service/server.js`, `dist/bench/servers/floor.js`); throws when not built. */
export function builtScript(relative: string): string {
  const file = path.join(findPackageRoot(), 'dist', relative);
  if (!existsSync(file)) throw new Error(`${file} is missing: run "npm run build" first`);
  return file;
}

/** A server running as a child process on 127.0.0.1, its output going to a log file. */
export interface ChildServer {
  readonly name: string;
  readonly baseUrl: string;
  readonly child: ChildProcess;
  /** `performance.now()` just before `spawn`. */
  readonly spawnedAt: number;
  /** The end of what it printed, for error messages. */
  logTail(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

const LOG_TAIL_CHARS = 3000;

/**
 * The child processes of one benchmark and a scratch directory for their logs and data.
 * `ChildServers.using` stops every child still running and removes the directory when the
 * benchmark ends, failed or not; a bench process that exits before still SIGKILLs them.
 */
export class ChildServers {
  readonly #children = new Set<ChildServer>();
  readonly #killOnExit = () => {
    for (const server of this.#children) server.child.kill('SIGKILL');
  };

  private constructor(readonly scratch: string) {
    process.once('exit', this.#killOnExit);
  }

  /** Runs `use` with a group of its own (scratch directory under the system's temp dir), closed however it ends. */
  static async using<T>(label: string, use: (servers: ChildServers) => Promise<T>): Promise<T> {
    const servers = new ChildServers(await mkdtemp(path.join(tmpdir(), `hearth-bench-${label}-`)));
    try {
      return await use(servers);
    } finally {
      await servers.close();
    }
  }

  /**
   * Runs `node <script>` with a minimal environment plus `env`, `HOST=127.0.0.1` and a free
   * `PORT`, its stdout and stderr appended to `<scratch>/<name>.log`.
   */
  async spawn(name: string, script: string, env: Record<string, string> = {}): Promise<ChildServer> {
    const port = await freePort();
    const logFile = path.join(this.scratch, `${name}.log`);
    const out = openSync(logFile, 'a');
    const spawnedAt = performance.now();
    let child: ChildProcess;
    try {
      child = spawn(process.execPath, [script], {
        env: {
          PATH: process.env.PATH ?? '',
          METADATA_SERVER_DETECTION: 'none',
          ...env,
          HOST: '127.0.0.1',
          PORT: String(port),
        },
        stdio: ['ignore', out, out],
      });
    } finally {
      closeSync(out); // the child has its own descriptor now
    }
    const exited = new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
    const server: ChildServer = {
      name,
      baseUrl: `http://127.0.0.1:${port}`,
      child,
      spawnedAt,
      logTail: () => {
        try {
          return readFileSync(logFile, 'utf8').slice(-LOG_TAIL_CHARS);
        } catch {
          return '(no log)';
        }
      },
      stop: async (graceMs = 5000) => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
          await exited;
          clearTimeout(timer);
        }
        this.#children.delete(server);
      },
    };
    this.#children.add(server);
    return server;
  }

  private async close(): Promise<void> {
    await Promise.all([...this.#children].map((server) => server.stop()));
    process.off('exit', this.#killOnExit);
    await rm(this.scratch, { recursive: true, force: true });
  }
}

/**
 * Sends `request` every `intervalMs` until the server answers `status`; resolves with the
 * milliseconds from its spawn to that answer. Fails with the last answer and the server's log
 * when it exits first or `timeoutMs` passes.
 */
export async function waitForAnswer(
  server: ChildServer,
  request: Probe,
  {
    status = 200,
    timeoutMs = 30_000,
    intervalMs = 50,
  }: { status?: number; timeoutMs?: number; intervalMs?: number } = {},
): Promise<{ sinceSpawnMs: number; answer: ProbeAnswer }> {
  const deadline = performance.now() + timeoutMs;
  let last: ProbeAnswer = { status: 0, body: '', error: 'not asked yet' };
  while (performance.now() < deadline) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new Error(
        `${server.name} exited (${server.child.exitCode ?? server.child.signalCode}) before answering ${request.method} ${request.path}\n${server.logTail()}`,
      );
    }
    last = await probe(server.baseUrl, request, Math.min(2000, timeoutMs));
    if (last.status === status) return { sinceSpawnMs: performance.now() - server.spawnedAt, answer: last };
    await sleep(intervalMs);
  }
  throw new Error(
    `${server.name}: ${request.method} ${request.path} never answered ${status} within ${timeoutMs} ms (last: ${describeAnswer(last)})\n${server.logTail()}`,
  );
}
