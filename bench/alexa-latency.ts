import { startCheckedHearth } from './alexa-servers.js';
import { ChildServers } from './child-servers.js';
import { runLoad } from './load.js';
import { type BenchModule, benchResult, reported } from './results.js';

const RATE = 200;
const CONNECTIONS = 10;
const WARMUP_S = 2;
const MEASURE_S = 10;

/**
 * Latency of hearth's cook turn under a steady, moderate load: autocannon sends 200 requests
 * a second over 10 connections (corrected for coordinated omission) to hearth in its own
 * process; p50 and p99 are autocannon's, over the 2xx answers (any other answer fails it).
 */
export const alexaLatencyBench: BenchModule = {
  name: 'alexa-latency',
  run: () =>
    ChildServers.using('latency', async (servers) => {
      const { cook } = await startCheckedHearth(servers);
      const load = { ...cook, connections: CONNECTIONS, overallRate: RATE };
      await runLoad({ ...load, seconds: WARMUP_S });
      const figures = await runLoad({ ...load, seconds: MEASURE_S });
      console.log(`  ${cook.label}: ${Math.round(figures.perSecond)} answers/s at ${RATE} requests/s`);
      return reported([
        benchResult('alexa.latency.p99_ms_at_200rps', figures.p99Ms, 'ms', { op: '<=', value: 10 }),
        benchResult('alexa.latency.p50_ms_at_200rps', figures.p50Ms, 'ms'),
      ]);
    }),
};
