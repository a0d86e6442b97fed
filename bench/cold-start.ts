import { alexaPath, launchBody } from './alexa-bodies.js';
import { builtScript, type ChildServer, ChildServers, waitForAnswer } from './child-servers.js';
import { spawnHearth, startHearth } from './hearth-process.js';
import type { Probe } from './http-probe.js';
import { type BenchModule, benchResult, reported } from './results.js';
import { median, pairwiseMedianRatio, rounded } from './stats.js';

const RUNS = 5;
const POLL_MS = 3;

/** Milliseconds from spawning a server to its first 200 to `request`, polled every few ms; then it is stopped. */
async function timeToFirstAnswer(start: () => Promise<ChildServer>, request: Probe): Promise<number> {
  const server = await start();
  try {
    const { sinceSpawnMs } = await waitForAnswer(server, request, { timeoutMs: 30_000, intervalMs: POLL_MS });
    return sinceSpawnMs;
  } finally {
    await server.stop();
  }
}

/**
 * A deploy restart: time from `spawn` to hearth's first 200 to an Alexa LaunchRequest, on a
 * data dir a first start already seeded, against the same for a bare Hono hello-world started
 * and polled the same way. Runs alternate; the ratio is the median of the per-run ratios.
 */
export const coldStartBench: BenchModule = {
  name: 'cold-start',
  run: () =>
    ChildServers.using('cold-start', async (servers) => {
      const seeding = await startHearth(servers);
      await seeding.server.stop();
      const request: Probe = { method: 'POST', path: alexaPath(), body: launchBody(seeding.demo) };
      const hello = builtScript('bench/servers/hello.js');

      const hearthMs: number[] = [];
      const helloMs: number[] = [];
      for (let run = 1; run <= RUNS; run++) {
        const hearth = await timeToFirstAnswer(() => spawnHearth(servers), request);
        const bare = await timeToFirstAnswer(() => servers.spawn('hello', hello), request);
        hearthMs.push(hearth);
        helloMs.push(bare);
        console.log(`  run ${run}: hearth ${Math.round(hearth)} ms, hello ${Math.round(bare)} ms`);
      }
      return reported([
        benchResult('cold_start.ratio_vs_hello', rounded(pairwiseMedianRatio(hearthMs, helloMs)), 'ratio', {
          op: '<=',
          value: 3,
        }),
        benchResult('cold_start.hearth_ms', Math.round(median(hearthMs)), 'ms'),
        benchResult('cold_start.hello_ms', Math.round(median(helloMs)), 'ms'),
      ]);
    }),
};
