import { type AlexaTarget, startCheckedHearth, startExpress, startFloor } from './alexa-servers.js';
import { ChildServers } from './child-servers.js';
import { runLoad } from './load.js';
import { type BenchModule, benchResult, reported } from './results.js';
import { median, pairwiseMedianRatio, rounded } from './stats.js';

const CONNECTIONS = 50;
const WARMUP_S = 2;
const MEASURE_S = 3;
const ROUNDS = 3;

/** Loads each target for MEASURE_S, ROUNDS times over, answering the req/s of each run per target. */
async function ratesInRounds(targets: readonly AlexaTarget[]): Promise<Map<AlexaTarget, number[]>> {
  const rates = new Map<AlexaTarget, number[]>(targets.map((t) => [t, []]));
  for (let round = 0; round < ROUNDS; round++) {
    // A different target goes first each round, so none always runs right after the same other.
    for (let k = 0; k < targets.length; k++) {
      const target = targets[(round + k) % targets.length] as AlexaTarget;
      const figures = await runLoad({ ...target, seconds: MEASURE_S, connections: CONNECTIONS });
      rates.get(target)?.push(figures.perSecond);
      console.log(
        `  round ${round + 1} ${target.label}: ${Math.round(figures.perSecond)} req/s (p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms)`,
      );
    }
  }
  return rates;
}

/**
 * Alexa turns per second: hearth (its cook, launch and deals turns), the floor (bare Hono + trivial
 * ask-sdk skill) and Express + ExpressAdapter running hearth's turn, each server in its own
 * process and autocannon in this one. After a warm-up of each, rounds load them one after
 * the other; each ratio is the median over rounds of the ratio within a round.
 */
export const alexaThroughputBench: BenchModule = {
  name: 'alexa-throughput',
  run: () =>
    ChildServers.using('throughput', async (servers) => {
      const hearth = await startCheckedHearth(servers);
      const floor = await startFloor(servers, hearth);
      const express = await startExpress(servers, hearth);
      const targets = [hearth.cook, hearth.launch, hearth.deals, floor, express];
      for (const target of targets) await runLoad({ ...target, seconds: WARMUP_S, connections: CONNECTIONS });

      const rates = await ratesInRounds(targets);
      const rate = (target: AlexaTarget) => rates.get(target) ?? [];
      const ratio = (versus: AlexaTarget) => rounded(pairwiseMedianRatio(rate(hearth.cook), rate(versus)), 3);
      const perSecond = (target: AlexaTarget) => Math.round(median(rate(target)));
      return reported([
        benchResult('alexa.throughput.ratio_vs_floor', ratio(floor), 'ratio', { op: '>=', value: 0.5 }),
        benchResult('alexa.throughput.ratio_vs_express', ratio(express), 'ratio', { op: '>=', value: 2 }),
        benchResult('alexa.throughput.hearth_cook_per_s', perSecond(hearth.cook), 'req/s'),
        benchResult('alexa.throughput.hearth_launch_per_s', perSecond(hearth.launch), 'req/s'),
        // The offers engine in the turn: guards, and an offer-log record for every decision.
        benchResult('alexa.throughput.hearth_deals_per_s', perSecond(hearth.deals), 'req/s'),
        benchResult('alexa.throughput.floor_per_s', perSecond(floor), 'req/s'),
        benchResult('alexa.throughput.express_per_s', perSecond(express), 'req/s'),
      ]);
    }),
};
