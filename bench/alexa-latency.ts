import { startCheckedHearth, startFloor } from './alexa-servers.js';
import { ChildServers } from './child-servers.js';
import { pacedLoad } from './paced-load.js';
import { type BenchModule, benchResult, reported } from './results.js';
import { rounded } from './stats.js';

const RATE = 200;
const WARMUP_S = 2;
const MEASURE_S = 10;

/**
 * Latency of hearth's cook turn under a steady, moderate load: 200 requests a second, evenly
 * paced and timed from when each was due (`pacedLoad`), to hearth in its own process; the bare
 * floor is measured the same way beside it, to show what the machine and the client add.
 */
export const alexaLatencyBench: BenchModule = {
  name: 'alexa-latency',
  run: () =>
    ChildServers.using('latency', async (servers) => {
      const hearth = await startCheckedHearth(servers);
      const floor = await startFloor(servers, hearth);
      const measure = async (target: { url: string; body: string }) => {
        await pacedLoad({ ...target, rate: RATE, seconds: WARMUP_S });
        return pacedLoad({ ...target, rate: RATE, seconds: MEASURE_S });
      };
      const cook = await measure(hearth.cook);
      const bare = await measure(floor);
      console.log(
        `  at ${RATE}/s: hearth cook p50 ${rounded(cook.p50Ms)} ms, p99 ${rounded(cook.p99Ms)} ms; ` +
          `floor p50 ${rounded(bare.p50Ms)} ms, p99 ${rounded(bare.p99Ms)} ms`,
      );
      return reported([
        benchResult('alexa.latency.p99_ms_at_200rps', rounded(cook.p99Ms), 'ms', { op: '<=', value: 10 }),
        benchResult('alexa.latency.p50_ms_at_200rps', rounded(cook.p50Ms), 'ms'),
        benchResult('alexa.latency.floor_p99_ms_at_200rps', rounded(bare.p99Ms), 'ms'),
      ]);
    }),
};
