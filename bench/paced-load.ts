import http from 'node:http';
import { asksToLink, hasSpeech } from './alexa-bodies.js';
import { percentile } from './stats.js';

/** Latencies of a run at a steady rate, in ms, over the answers that were right. */
export interface PacedFigures {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
}

/**
 * Sends `body` to `url` at an even `rate` per second for `seconds` (open loop: a request leaves
 * at its scheduled time whether or not earlier ones were answered, over up to `sockets`
 * keep-alive connections), and times each from its scheduled time to the end of its answer, so
 * a stalled server shows as latency instead of as fewer requests (no coordinated omission).
 * autocannon's `overallRate` sends in bursts, which puts its own queueing into p99: the floor
 * itself showed 20-30 ms there. Any answer that is not 200 with speech for a linked account throws.
 */
export async function pacedLoad({
  url,
  body,
  rate,
  seconds,
  sockets = 10,
}: {
  url: string;
  body: string;
  rate: number;
  seconds: number;
  sockets?: number;
}): Promise<PacedFigures> {
  const target = new URL(url);
  if (target.hostname !== '127.0.0.1') throw new Error(`only 127.0.0.1 is loaded, not ${target.host}`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  const interval = 1000 / rate;
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  const problems: string[] = [];
  const send = (scheduled: number) =>
    new Promise<void>((resolve) => {
      const request = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if (response.statusCode !== 200 || !hasSpeech(text) || asksToLink(text)) {
              if (problems.length < 3) problems.push(`${response.statusCode}: ${text.slice(0, 120)}`);
            } else latencies.push(performance.now() - scheduled);
            resolve();
          });
        },
      );
      request.on('error', (error) => {
        if (problems.length < 3) problems.push(error.message);
        resolve();
      });
      request.end(body);
    });
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let k = 0; k < total; k++) {
    const scheduled = started + k * interval;
    const wait = scheduled - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(send(scheduled));
  }
  await Promise.all(inFlight);
  agent.destroy();
  if (problems.length > 0) throw new Error(`paced load: ${problems.join(' | ')}`);
  return { p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), requests: latencies.length };
}
