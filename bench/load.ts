import autocannon from 'autocannon';
import { asksToLink } from './alexa-bodies.js';
import type { ChildServer } from './child-servers.js';

/** One autocannon run against one server. */
export interface LoadRun {
  /** What is measured, for messages ("hearth cook"). */
  readonly label: string;
  readonly url: string;
  /** POSTed as JSON, the same body on every request. */
  readonly body: string;
  readonly seconds: number;
  readonly connections: number;
  /** Requests per second across all connections; none: as fast as the server answers. */
  readonly overallRate?: number;
  /** The process answering, whose state and log a failure reports. */
  readonly server?: ChildServer;
}

/** How many different error messages a failure quotes. */
const ERRORS_QUOTED = 3;

/** What a run measured, over its 2xx answers. */
export interface LoadFigures {
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
}

/** Cheap enough for every response: an Alexa reply with non-empty speech, for a linked account. */
function looksSpoken(body: string | Buffer | undefined): boolean {
  const text = String(body ?? '');
  return text.includes('"outputSpeech"') && !text.includes('<speak></speak>') && !asksToLink(text);
}

/**
 * Loads one server with autocannon (pipelining 1, only 127.0.0.1) and answers its figures.
 * A run that saw a non-2xx status, an error, a timeout, a reply without speech or one asking
 * to link the account (the token did not verify) throws:
 * a benchmark measuring refusals would be worthless.
 */
export async function runLoad(run: LoadRun): Promise<LoadFigures> {
  const url = new URL(run.url);
  if (url.hostname !== '127.0.0.1')
    throw new Error(`${run.label}: only 127.0.0.1 is loaded, not ${url.host}`);
  const errors = new Set<string>();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: run.url,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: run.body,
        connections: run.connections,
        pipelining: 1,
        duration: run.seconds,
        timeout: 10,
        verifyBody: looksSpoken,
        ...(run.overallRate ? { overallRate: run.overallRate } : {}),
      },
      (error: unknown, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('reqError', (error: unknown) => {
      if (errors.size < ERRORS_QUOTED) errors.add(error instanceof Error ? error.message : String(error));
    });
  });
  const ok = result['2xx'];
  const problems = [
    result.non2xx > 0 ? `${result.non2xx} non-2xx (${JSON.stringify(result.statusCodeStats ?? {})})` : '',
    result.errors > 0
      ? `${result.errors} errors (${result.timeouts} of them timeouts): ${[...errors].join(' | ')}`
      : '',
    result.mismatches > 0 ? `${result.mismatches} replies without speech or asking to link` : '',
    ok === 0 ? 'no 2xx answer at all' : '',
  ].filter(Boolean);
  if (problems.length > 0) {
    const server = run.server;
    const state = server
      ? `\n${server.name} ${server.child.exitCode === null && server.child.signalCode === null ? 'still runs' : `exited (${server.child.exitCode ?? server.child.signalCode})`}; the end of its log:\n${server.logTail()}`
      : '';
    throw new Error(`${run.label}: ${problems.join('; ')}${state}`);
  }
  return {
    perSecond: ok / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: ok,
  };
}
