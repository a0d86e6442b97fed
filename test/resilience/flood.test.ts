import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeFlood, FLOOD_PER_S, FLOOD_SECONDS, raisePriority, runFlood } from '../../bench/flood-run.js';
import type { DemoFile } from '../../src/demo/demo-file.js';
import { type ServiceProcess, spawnService, stopService, waitForStatus } from '../support/service-process.js';

/**
 * Floods (issue 8's resilience suite, scenario in bench/flood-run.ts): one device token sends
 * 200 hostile typed screen turns a second for 5 seconds while the other households ask Alexa.
 * What must hold whatever the machine: every hostile turn is answered (replies while the device's
 * bucket lasts, then 429 with its problem code), every Alexa turn gets a real reply, none stalls,
 * and the service still answers afterwards. How fast the Alexa turns stay (p99 against 100 ms)
 * is a speed figure: `npm run bench` reports it (`flood.alexa_p99_ms`), as the project keeps
 * speed targets out of timed unit tests.
 *
 * Against the built service (`dist/service/server.js`, what `npm start` runs) in a process of
 * its own: there the flood and the Alexa turns share one event loop as in production. Alexa
 * signatures are off (demo mode on a loopback host): the route tests check verification.
 */

/** Longer than this for an Alexa turn is a stall, not slowness (the platform gives up at 8 s). */
const STALL_MS = 2000;

let dir: string;
let service: ServiceProcess;
let demo: DemoFile;
let restorePriority = () => {};

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'hearth-flood-'));
  service = await spawnService({ HEARTH_DATA_DIR: dir, HOST: '127.0.0.1', ALEXA_VERIFY_SIGNATURE: 'false' });
  await waitForStatus(service, '/readyz', 200);
  demo = JSON.parse(readFileSync(path.join(dir, 'demo.json'), 'utf8')) as DemoFile;
  raisePriority(service.child.pid);
  restorePriority = raisePriority(process.pid);
}, 60_000);
afterAll(async () => {
  restorePriority();
  if (service) expect(await stopService(service)).toBe(0);
  rmSync(dir, { recursive: true, force: true });
});

describe('a flood of hostile typed turns from one device token', () => {
  it('is answered, refused past its limit, and leaves other households’ Alexa turns answered without a stall', {
    timeout: 60_000,
  }, async () => {
    const run = await runFlood({ baseUrl: service.baseUrl, pid: service.child.pid, demo });
    console.log(describeFlood(run));

    // Every hostile turn was answered: a reply while the device's bucket lasted, then 429s.
    expect(run.flood.answers).toHaveLength(FLOOD_PER_S * FLOOD_SECONDS);
    expect([...run.statuses.keys()].sort()).toEqual([200, 429]);
    expect(run.statuses.get(200)).toBeLessThanOrEqual(20 + Math.ceil(5 * run.flood.seconds));
    const refused = run.flood.answers.find((a) => a.status === 429)!;
    expect(JSON.parse(refused.body)).toMatchObject({ status: 429, code: 'too_many_requests' });
    // Every Alexa turn got a real reply, none after a stall.
    for (const a of [...run.quiet, ...run.loaded]) {
      expect(a.status).toBe(200);
      expect(a.body).toMatch(/"outputSpeech"/);
      expect(a.ms).toBeLessThan(STALL_MS);
    }
    // The service still answers afterwards.
    await waitForStatus(service, '/healthz', 200, 5000);
  });
});
