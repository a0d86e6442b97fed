import { request } from 'node:http';

/** What a probe sends: method, path and an optional JSON body. */
export interface Probe {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: string;
}

/** A status and body; status 0 and `error` when there was no answer. */
export interface ProbeAnswer {
  readonly status: number;
  readonly body: string;
  readonly error?: string;
}

/**
 * One request on a fresh connection (no agent, no keep-alive), so that a probe of a process
 * that is still starting measures that process and nothing pooled from an earlier one.
 */
export function probe(
  baseUrl: string,
  { method, path, body }: Probe,
  timeoutMs = 2000,
): Promise<ProbeAnswer> {
  return new Promise((resolve) => {
    const req = request(
      `${baseUrl}${path}`,
      {
        method,
        agent: false,
        timeout: timeoutMs,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', (error) => resolve({ status: 0, body: '', error: error.message }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error) => resolve({ status: 0, body: '', error: error.message }));
    req.end(body);
  });
}

/** Why a probe's answer is not the expected status, for error messages. */
export function describeAnswer(answer: ProbeAnswer): string {
  return answer.error ?? `${answer.status} ${answer.body.slice(0, 300)}`;
}
