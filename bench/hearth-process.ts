import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { builtScript, type ChildServer, type ChildServers, waitForAnswer } from './child-servers.js';
import { type DemoJson, readDemoJson } from './demo-json.js';

/** A hearth process and what its demo.json says. */
export interface HearthProcess {
  readonly server: ChildServer;
  readonly dataDir: string;
  readonly demo: DemoJson;
}

/**
 * The built service as `npm start` runs it (`node dist/service/server.js`, the bundle) on the embedded store in
 * `<scratch>/<name>-data` (kept across starts: a second start finds its seed), Alexa signature
 * checks off, default logging into its log file.
 */
export async function spawnHearth(servers: ChildServers, name = 'hearth'): Promise<ChildServer> {
  const dataDir = hearthDataDir(servers, name);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  return servers.spawn(name, builtScript('service/server.js'), {
    HEARTH_DATA_DIR: dataDir,
    ALEXA_VERIFY_SIGNATURE: 'false',
    LOG_LEVEL: 'info',
  });
}

/** The data dir `spawnHearth` gives the process of that name. */
export function hearthDataDir(servers: ChildServers, name = 'hearth'): string {
  return path.join(servers.scratch, `${name}-data`);
}

/** Starts hearth, waits for `GET /readyz` 200 (seeded, demo.json written) and reads demo.json. */
export async function startHearth(servers: ChildServers, name = 'hearth'): Promise<HearthProcess> {
  const server = await spawnHearth(servers, name);
  await waitForAnswer(server, { method: 'GET', path: '/readyz' }, { timeoutMs: 60_000 });
  const dataDir = hearthDataDir(servers, name);
  return { server, dataDir, demo: await readDemoJson(dataDir) };
}
