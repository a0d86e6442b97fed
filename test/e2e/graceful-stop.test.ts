import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { type ClientRequest, request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import type { DemoFile } from '../../src/demo/demo-file.js';
import { spawnService, waitForStatus } from '../support/service-process.js';

const dir = mkdtempSync(path.join(tmpdir(), 'hearth-stop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Polls until a new connection is refused (ECONNREFUSED, not any error): the listener has closed. */
async function untilRefused(url: string, ms = 5000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
    } catch (error) {
      if ((error as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED') return true;
    }
    await sleep(50);
  }
  return false;
}

describe('SIGTERM', () => {
  it('lets a request in flight finish, refuses new connections, and exits 0', async () => {
    const service = await spawnService({ HEARTH_DATA_DIR: dir });
    await waitForStatus(service, '/readyz', 200);
    const demo = JSON.parse(readFileSync(path.join(dir, 'demo.json'), 'utf8')) as DemoFile;
    const device = demo.households[0]!.devices.find((d) => d.kind === 'fridge')!;
    const body = JSON.stringify({
      events: [{ eventId: 'slow-1', type: 'device.state', at: new Date().toISOString(), online: true }],
    });

    // The request is in flight (half its body sent) when SIGTERM arrives; its second half follows later.
    let req: ClientRequest | undefined;
    const answered = new Promise<number>((resolve, reject) => {
      req = request(
        new URL(`${service.baseUrl}/v1/devices/${device.id}/events`),
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${device.token}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
    });
    req!.write(body.slice(0, 20));
    await sleep(200); // let the server start reading the request
    service.child.kill('SIGTERM');

    expect(await untilRefused(`${service.baseUrl}/healthz`)).toBe(true);
    req!.end(body.slice(20));
    expect(await answered).toBe(202);
    expect(await service.exited).toBe(0);
  });
});
