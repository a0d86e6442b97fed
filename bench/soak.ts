/**
 * `npm run soak` (not in CI): the built service (`dist/service/server.js`, as `npm start`
 * runs it, on its demo SQLite store) under mixed traffic at a steady rate: Alexa launch and
 * cook turns for every demo household, Dialogflow turns, typed screen turns, device events,
 * health checks and a few requests that must be refused. Reports errors (an answer other
 * than the one expected, a timeout, a failed connection) and the growth of the process's
 * resident memory (after a full collection) between the end of the warm-up and the end; exits 1 when a target is
 * missed.
 *
 *   node dist/bench/soak.js [--seconds 60] [--warmup 10] [--rate 200]
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { alexaEnvelope, intentRequest } from '../test/support/alexa-requests.js';
import { asksToLink, hasSpeech } from './alexa-bodies.js';
import { builtScript, ChildServers, waitForAnswer } from './child-servers.js';
import { hearthDataDir } from './hearth-process.js';
import { type BenchResult, benchResult, describeResult } from './results.js';
import { percentile } from './stats.js';

/** The part of demo.json the soak uses: every household's tokens and devices, every skill's channels. */
const soakDemoSchema = z.object({
  households: z
    .array(
      z.object({
        id: z.string(),
        locale: z.string(),
        alexaUserId: z.string(),
        linkTokens: z.object({
          alexa: z.record(z.string(), z.string()),
          dialogflow: z.record(z.string(), z.string()),
          google: z.string(),
        }),
        devices: z.array(z.object({ id: z.string(), kind: z.string(), token: z.string() })),
      }),
    )
    .min(1),
  skills: z.array(
    z.object({
      id: z.string(),
      alexaApplicationId: z.string().optional(),
      dialogflowHeaders: z.record(z.string(), z.string()).optional(),
    }),
  ),
});
type SoakDemo = z.infer<typeof soakDemoSchema>;

/** One request of the mix and what must come back. */
type Planned = {
  kind: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
  expect: (status: number, body: string) => boolean;
};

const REQUEST_TIMEOUT_MS = 5_000;
const RSS_GROWTH_TARGET_PCT = 10;

const json = (extra: Record<string, string> = {}) => ({ 'content-type': 'application/json', ...extra });
const alexaSpoke = (status: number, body: string) => status === 200 && hasSpeech(body) && !asksToLink(body);

/** The mix: a weighted list of request makers, each called afresh for every request (new ids, times). */
function trafficMix(demo: SoakDemo): { weight: number; make: (n: number) => Planned }[] {
  const households = demo.households;
  const household = (n: number) => households[n % households.length]!;
  const skill = (id: string) => {
    const found = demo.skills.find((s) => s.id === id);
    if (!found) throw new Error(`demo.json has no skill ${id}`);
    return found;
  };
  const alexa = (skillId: string, n: number, request: Record<string, unknown>): Planned => {
    const hh = household(n);
    const envelope = alexaEnvelope({
      applicationId: skill(skillId).alexaApplicationId ?? '',
      locale: hh.locale,
      accessToken: hh.linkTokens.alexa[skillId],
      request,
    });
    envelope.context.System.user.userId = hh.alexaUserId;
    return {
      kind: `alexa ${skillId} ${String(request.type === 'LaunchRequest' ? 'launch' : (request.intent as { name: string }).name)}`,
      method: 'POST',
      path: `/alexa/${skillId}`,
      headers: json(),
      body: JSON.stringify(envelope),
      expect: alexaSpoke,
    };
  };
  const devices = households.flatMap((hh) => hh.devices);
  const device = (n: number) => devices[n % devices.length]!;
  const typed: Record<string, string> = {
    fridge: 'what can I cook',
    'coffee-machine': 'how many capsules do I have left',
  };
  return [
    {
      weight: 3,
      make: (n) => alexa(n % 2 === 0 ? 'fridge-chef' : 'coffee-companion', n, { type: 'LaunchRequest' }),
    },
    { weight: 4, make: (n) => alexa('fridge-chef', n, intentRequest('WhatCanICookIntent')) },
    { weight: 2, make: (n) => alexa('coffee-companion', n, intentRequest('CapsuleStockIntent')) },
    {
      weight: 3,
      make: (n) => {
        const hh = household(n);
        const skillId = n % 2 === 0 ? 'fridge-chef' : 'coffee-companion';
        const session = `projects/hearth-soak/agent/sessions/s${n}`;
        return {
          kind: `dialogflow ${skillId}`,
          method: 'POST',
          path: `/google/${skillId}`,
          headers: json(skill(skillId).dialogflowHeaders ?? {}),
          body: JSON.stringify({
            responseId: `r-${n}`,
            session,
            queryResult: {
              queryText: 'what can I cook',
              parameters: {},
              allRequiredParamsPresent: true,
              intent: {
                name: 'projects/hearth-soak/agent/intents/1',
                displayName:
                  n % 4 < 2
                    ? 'Launch'
                    : skillId === 'fridge-chef'
                      ? 'WhatCanICookIntent'
                      : 'CapsuleStockIntent',
              },
              languageCode: hh.locale.slice(0, 2),
            },
            originalDetectIntentRequest: {
              source: 'DIALOGFLOW_CONSOLE',
              payload: { accessToken: hh.linkTokens.dialogflow[skillId] },
            },
          }),
          expect: (status, body) => status === 200 && body.includes('"fulfillmentText"'),
        };
      },
    },
    {
      weight: 3,
      make: (n) => {
        const d = device(n);
        return {
          kind: 'screen typed turn',
          method: 'POST',
          path: `/v1/screens/${d.id}/turns`,
          headers: json({ authorization: `Bearer ${d.token}` }),
          body: JSON.stringify({ text: typed[d.kind] ?? 'help' }),
          expect: (status, body) => status === 200 && body.includes('"text"'),
        };
      },
    },
    {
      weight: 2,
      make: (n) => {
        const d = device(n);
        const state =
          d.kind === 'fridge'
            ? { online: true, temperatureAmbientCelsius: 4 }
            : { online: true, brewing: n % 2 === 0 };
        return {
          kind: 'device events',
          method: 'POST',
          path: `/v1/devices/${d.id}/events`,
          headers: json({ authorization: `Bearer ${d.token}` }),
          body: JSON.stringify({
            events: [{ eventId: `soak-${n}`, type: 'device.state', at: new Date().toISOString(), ...state }],
          }),
          expect: (status) => status === 202,
        };
      },
    },
    {
      weight: 1,
      make: () => ({
        kind: 'healthz',
        method: 'GET',
        path: '/healthz',
        headers: {},
        expect: (status) => status === 200,
      }),
    },
    {
      // Requests that must be refused: they soak the error paths, and a refusal is what is expected.
      weight: 1,
      make: (n) => {
        const d = device(n);
        return n % 2 === 0
          ? {
              kind: 'refused: bad token',
              method: 'POST',
              path: `/v1/screens/${d.id}/turns`,
              headers: json({ authorization: `Bearer ${d.token.slice(0, -3)}AAA` }),
              body: JSON.stringify({ text: 'hello' }),
              expect: (status, body) => status === 401 && body.includes('"code":"unauthorized"'),
            }
          : {
              kind: 'refused: not JSON',
              method: 'POST',
              path: `/v1/devices/${d.id}/events`,
              headers: json({ authorization: `Bearer ${d.token}` }),
              body: '{"events": [',
              expect: (status, body) => status === 400 && body.includes('"code":"invalid_json"'),
            };
      },
    },
  ];
}

/**
 * Preloaded into the service (bench only): on SIGUSR2 it runs two full collections and writes
 * its memory figures to a file. Resident memory is read after a collection at both ends of the
 * comparison: without it the figure follows the garbage collector's sawtooth (a 60 s run read
 * +20% one time, and a longer one fell 50 MiB at its next full collection), not what is kept.
 */
const GC_PRELOAD = `
const { writeFileSync } = require('node:fs');
process.on('SIGUSR2', () => {
  globalThis.gc();
  globalThis.gc();
  const { rss, heapUsed, external } = process.memoryUsage();
  writeFileSync(process.env.SOAK_MEMORY_FILE, JSON.stringify({ rss, heapUsed, external, at: Date.now() }));
});
`;

type MemoryAfterGc = { rss: number; heapUsed: number; external: number; at: number };

/** Has the child collect its garbage, then reads its resident memory (VmRSS) and what its heap keeps. */
async function memoryAfterGc(pid: number, file: string): Promise<MemoryAfterGc & { vmRss: number }> {
  const before = await stat(file).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  process.kill(pid, 'SIGUSR2');
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const written = await stat(file).then(
      (s) => s.mtimeMs,
      () => 0,
    );
    if (written > before) {
      const figures = JSON.parse(await readFile(file, 'utf8')) as MemoryAfterGc;
      return { ...figures, vmRss: await residentBytes(pid) };
    }
  }
  throw new Error('the service did not report its memory within 10 s of SIGUSR2');
}

/** The child's resident memory in bytes (VmRSS of /proc/<pid>/status). */
async function residentBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = status.match(/^VmRSS:\s+(\d+)\s+kB$/m);
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

type Outcome = { kind: string; ok: boolean; latencyMs: number; problem?: string };

function send(
  baseUrl: URL,
  agent: http.Agent,
  planned: Planned,
  scheduled: number,
  timeoutMs = REQUEST_TIMEOUT_MS,
): Promise<Outcome> {
  return new Promise((resolve) => {
    const done = (ok: boolean, problem?: string) =>
      resolve({
        kind: planned.kind,
        ok,
        latencyMs: performance.now() - scheduled,
        ...(problem ? { problem } : {}),
      });
    const request = http.request(
      {
        host: baseUrl.hostname,
        port: baseUrl.port,
        path: planned.path,
        method: planned.method,
        agent,
        headers: {
          ...planned.headers,
          ...(planned.body ? { 'content-length': Buffer.byteLength(planned.body) } : {}),
        },
        timeout: timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = response.statusCode ?? 0;
          if (planned.expect(status, text)) done(true);
          else done(false, `${planned.kind}: ${status} ${text.slice(0, 160)}`);
        });
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', (error) => done(false, `${planned.kind}: ${error.message}`));
    request.end(planned.body);
  });
}

async function soak({
  seconds,
  warmup,
  rate,
}: {
  seconds: number;
  warmup: number;
  rate: number;
}): Promise<BenchResult[]> {
  return ChildServers.using('soak', async (servers) => {
    // The built service as bench/hearth-process.ts starts it, plus the collection hook above.
    const dataDir = hearthDataDir(servers, 'soak');
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    const preload = path.join(servers.scratch, 'soak-gc-preload.cjs');
    const memoryFile = path.join(servers.scratch, 'soak-memory.json');
    await writeFile(preload, GC_PRELOAD);
    const server = await servers.spawn('soak', builtScript('service/server.js'), {
      HEARTH_DATA_DIR: dataDir,
      ALEXA_VERIFY_SIGNATURE: 'false',
      LOG_LEVEL: 'info',
      NODE_OPTIONS: `--expose-gc --require ${preload}`,
      SOAK_MEMORY_FILE: memoryFile,
    });
    await waitForAnswer(server, { method: 'GET', path: '/readyz' }, { timeoutMs: 60_000 });
    const hearth = { server, dataDir };
    const pid = hearth.server.child.pid;
    if (pid === undefined) throw new Error('the service has no pid');
    const demo = soakDemoSchema.parse(
      JSON.parse(await readFile(path.join(hearth.dataDir, 'demo.json'), 'utf8')),
    );
    const mix = trafficMix(demo);
    // Each kind of request in turn, as often as its weight says, each with its own running number.
    const counters = mix.map(() => 0);
    const wheel = mix.flatMap((entry, i) =>
      Array.from({ length: entry.weight }, () => () => entry.make(counters[i]!++)),
    );
    const baseUrl = new URL(hearth.server.baseUrl);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

    // One request of each kind first, outside the figures: the first Dialogflow request loads
    // actions-on-google, and a pause of that length at 200 requests/s is a backlog, not a soak.
    for (const entry of mix) {
      const outcome = await send(baseUrl, agent, entry.make(1_000_000), performance.now(), 30_000);
      if (!outcome.ok) throw new Error(`the first request of its kind failed: ${outcome.problem}`);
    }

    const samples: { at: number; bytes: number }[] = [];
    const started = performance.now();
    const sampler = setInterval(() => {
      residentBytes(pid)
        .then((bytes) => samples.push({ at: (performance.now() - started) / 1000, bytes }))
        .catch(() => undefined);
    }, 500);

    const total = Math.round(rate * seconds);
    const interval = 1000 / rate;
    const inFlight: Promise<Outcome>[] = [];
    let atWarmup: Promise<MemoryAfterGc & { vmRss: number }> | undefined;
    for (let k = 0; k < total; k++) {
      if (!atWarmup && k >= warmup * rate) atWarmup = memoryAfterGc(pid, memoryFile);
      const scheduled = started + k * interval;
      const wait = scheduled - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const next = wheel[k % wheel.length]!;
      inFlight.push(send(baseUrl, agent, next(), scheduled));
    }
    const sentIn = (performance.now() - started) / 1000;
    const outcomes = await Promise.all(inFlight);
    clearInterval(sampler);
    samples.push({ at: (performance.now() - started) / 1000, bytes: await residentBytes(pid) });
    if (!atWarmup) throw new Error('the run ended before its warm-up did');
    const warmMemory = await atWarmup;
    const endMemory = await memoryAfterGc(pid, memoryFile);
    agent.destroy();
    if (hearth.server.child.exitCode !== null)
      throw new Error(`the service exited:\n${hearth.server.logTail()}`);

    // Resident memory after a full collection at the end of the warm-up and at the end.
    const last = samples.at(-1)?.at ?? seconds;
    const warm = warmMemory.vmRss;
    const end = endMemory.vmRss;
    const peak = Math.max(...samples.map((s) => s.bytes));
    const growthPct = ((end - warm) / warm) * 100;
    const heapGrowthPct = ((endMemory.heapUsed - warmMemory.heapUsed) / warmMemory.heapUsed) * 100;

    const errors = outcomes.filter((o) => !o.ok);
    const byKind = new Map<string, Outcome[]>();
    for (const o of outcomes) byKind.set(o.kind, [...(byKind.get(o.kind) ?? []), o]);
    console.log(`soak: ${outcomes.length} requests in ${sentIn.toFixed(1)} s to pid ${pid}`);
    console.log(
      `  ${'kind'.padEnd(44)} ${'sent'.padStart(6)} ${'errors'.padStart(6)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}`,
    );
    for (const [kind, list] of [...byKind].sort()) {
      const ms = list.map((o) => o.latencyMs);
      const cells = [list.length, list.filter((o) => !o.ok).length].map((n) => String(n).padStart(6));
      const times = [percentile(ms, 50), percentile(ms, 99)].map((t) => t.toFixed(1).padStart(8));
      console.log(`  ${kind.padEnd(44)} ${cells.join(' ')} ${times.join(' ')}`);
    }
    for (const e of errors.slice(0, 5)) console.log(`  error: ${e.problem}`);
    const timeline = [];
    for (let t = 0; t <= last; t += Math.max(1, Math.round(seconds / 12))) {
      const sample = samples.find((x) => x.at >= t);
      if (sample) timeline.push(`${Math.round(sample.at)}s ${(sample.bytes / 2 ** 20).toFixed(0)}`);
    }
    console.log(`  resident memory (MiB): ${timeline.join(', ')}`);
    const latencies = outcomes.filter((o) => o.ok).map((o) => o.latencyMs);
    const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
    return [
      benchResult('soak.requests', outcomes.length, 'requests'),
      benchResult('soak.rate', outcomes.length / sentIn, 'requests/s', { op: '>=', value: rate * 0.95 }),
      benchResult('soak.errors', errors.length, 'requests', { op: '<=', value: 0 }),
      benchResult('soak.p50', latencies.length ? percentile(latencies, 50) : 0, 'ms'),
      benchResult('soak.p99', latencies.length ? percentile(latencies, 99) : 0, 'ms'),
      benchResult('soak.rss_after_warmup', mb(warm), 'MiB'),
      benchResult('soak.rss_end', mb(end), 'MiB'),
      benchResult('soak.rss_peak_sampled', mb(peak), 'MiB'),
      benchResult('soak.rss_growth', growthPct, '%', { op: '<=', value: RSS_GROWTH_TARGET_PCT }),
      benchResult('soak.heap_used_after_warmup', mb(warmMemory.heapUsed), 'MiB'),
      benchResult('soak.heap_used_end', mb(endMemory.heapUsed), 'MiB'),
      benchResult('soak.heap_used_growth', heapGrowthPct, '%'),
    ];
  });
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '60' },
      warmup: { type: 'string', default: '10' },
      rate: { type: 'string', default: '200' },
    },
  });
  const seconds = Number(values.seconds);
  const warmup = Number(values.warmup);
  const rate = Number(values.rate);
  if (!(seconds > 0 && warmup >= 1 && warmup < seconds && rate > 0)) {
    console.error('soak: --seconds N --warmup W --rate R with 1 <= W < N and R > 0');
    return 2;
  }
  console.log(`soak: ${seconds} s at ${rate} requests/s, memory compared from ${warmup} s to the end`);
  const results = await soak({ seconds, warmup, rate });
  for (const r of results) console.log(`  ${describeResult(r)}`);
  const missed = results.filter((r) => r.met === false);
  if (missed.length > 0) console.error(`soak: MISSED ${missed.map((r) => r.name).join(', ')}`);
  return missed.length > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('soak failed:', error);
    process.exitCode = 1;
  },
);
