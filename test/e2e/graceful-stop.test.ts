import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DemoFile } from '../../src/demo/demo-file.js';
import { spawnService, waitForStatus } from '../support/service-process.js';

const dir = mkdtempSync(path.join(tmpdir(), 'hearth-stop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SIGTERM', () => {
  it('lets a request in flight finish, refuses new connections, and exits 0', async () => {
    const service = await spawnService({ HEARTH_DATA_DIR: dir });
    await waitForStatus(service, '/readyz', 200);
    const demo = JSON.parse(readFileSync(path.join(dir, 'demo.json'), 'utf8')) as DemoFile;
    const device = demo.households[0]!.devices.find((d) => d.kind === 'fridge')!;
    const body = JSON.stringify({
      events: [{ eventId: 'slow-1', type: 'device.state', at: new Date().toISOString(), online: true }],
    });
    const url = new URL(`${service.baseUrl}/v1/devices/${device.id}/events`);

    // The body arrives in two halves; SIGTERM lands between them, while the request is in flight.
    const answered = new Promise<number>((resolve, reject) => {
      const req = request(
        url,
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
      req.write(body.slice(0, 20));
      setTimeout(() => {
        service.child.kill('SIGTERM');
        setTimeout(async () => {
          // Stopped accepting: a new connection is refused while the first request still waits for its body.
          await expect(fetch(`${service.baseUrl}/healthz`)).rejects.toThrow();
          req.end(body.slice(20));
        }, 300);
      }, 200);
    });

    expect(await answered).toBe(202);
    expect(await service.exited).toBe(0);
  });
});
