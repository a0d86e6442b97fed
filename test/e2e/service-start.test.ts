import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DemoFile } from '../../src/demo/demo-file.js';
import { SqliteDatabase } from '../../src/store/sqlite/sqlite-driver.js';
import { freePort, spawnService, stopService, waitForStatus } from '../support/service-process.js';

const dirs: string[] = [];
function tempDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'hearth-e2e-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const readDemo = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'demo.json'), 'utf8')) as DemoFile;
const modeOf = (file: string) => `0${(statSync(file).mode & 0o777).toString(8)}`;

/** GET with a Host header of our choosing, as a DNS-rebinding page's request would carry. */
function getWithHost(
  baseUrl: string,
  route: string,
  host: string,
): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: route, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('npm start on the embedded store', () => {
  it('seeds once, writes demo.json before /readyz turns 200, keeps data across restarts, stops gracefully', async () => {
    const dir = tempDataDir();
    const first = await spawnService({ HEARTH_DATA_DIR: dir });
    await waitForStatus(first, '/readyz', 200);
    const demo1 = readDemo(dir);
    expect(demo1.baseUrl).toBe(first.baseUrl);
    expect(demo1.households.length).toBeGreaterThanOrEqual(3);
    expect(first.output()).toContain(demo1.households[0]!.id);
    // Device ids open the demo's screen pages: demo.json has them, the log does not.
    const deviceIds = demo1.households.flatMap((h) => h.devices.map((d) => d.id));
    expect(deviceIds.length).toBeGreaterThan(0);
    for (const id of deviceIds) expect(first.output()).not.toContain(id);

    // DNS rebinding: the demo answers its loopback names, and nothing else.
    const port1 = new URL(first.baseUrl).port;
    for (const host of [`127.0.0.1:${port1}`, `localhost:${port1}`, 'localhost'])
      expect((await getWithHost(first.baseUrl, '/healthz', host)).status).toBe(200);
    const rebound = await getWithHost(first.baseUrl, `/screens/${deviceIds[0]}`, `evil.example:${port1}`);
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body)).toMatchObject({ code: 'host_not_allowed' });

    // A device token from demo.json works against the running service.
    const device = demo1.households[0]!.devices[0]!;
    const rotated = await fetch(`${first.baseUrl}/v1/devices/${device.id}/token`, {
      method: 'POST',
      headers: { authorization: `Bearer ${device.token}` },
    });
    expect(rotated.status).toBe(200);
    const { token } = (await rotated.json()) as { token: string };
    expect(await stopService(first)).toBe(0);

    const port = await freePort();
    const second = await spawnService({ HEARTH_DATA_DIR: dir, PORT: String(port) });
    try {
      await waitForStatus(second, '/readyz', 200);
      const demo2 = readDemo(dir);
      expect(demo2.baseUrl).toBe(`http://127.0.0.1:${port}`);
      expect(demo2.households.map((h) => h.id)).toEqual(demo1.households.map((h) => h.id));
      expect(second.output()).toContain('demo data kept from an earlier start');
      // What the first run stored (the rotation) survived: the rotated token works, the old one does not.
      const again = await fetch(`${second.baseUrl}/v1/devices/${device.id}/token`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(again.status).toBe(200);
      const old = await fetch(`${second.baseUrl}/v1/devices/${device.id}/token`, {
        method: 'POST',
        headers: { authorization: `Bearer ${device.token}` },
      });
      expect(old.status).toBe(401);
      // Logs carry no tokens.
      expect(second.output()).not.toContain(token.split('.')[2]!);
    } finally {
      expect(await stopService(second)).toBe(0);
    }
  });

  it('stops at once with one clear line naming a bad variable', async () => {
    const service = await spawnService({ HEARTH_DATA_DIR: tempDataDir(), HEARTH_STORE: 'mongodb' });
    expect(await service.exited).toBe(78);
    expect(service.output().trim()).toMatch(
      /^hearth: configuration error: HEARTH_STORE: expected sqlite or firestore/,
    );
    expect(service.output().trim().split('\n')).toHaveLength(1);
  });
});

describe('start checks', () => {
  const oneLine = (output: string, variable: string) => {
    expect(output.trim().split('\n')).toHaveLength(1);
    expect(output.trim()).toMatch(new RegExp(`^hearth: configuration error: ${variable}: `));
  };

  it('refuses ALEXA_VERIFY_SIGNATURE=false on a demo listening beyond loopback (exit 78) before the store is opened', async () => {
    const dir = path.join(tempDataDir(), 'data');
    const service = await spawnService({
      HEARTH_DATA_DIR: dir,
      HOST: '0.0.0.0',
      HEARTH_DEMO: 'true',
      ALEXA_VERIFY_SIGNATURE: 'false',
    });
    expect(await service.exited).toBe(78);
    oneLine(service.output(), 'ALEXA_VERIFY_SIGNATURE');
    // Nothing opened, nothing created.
    expect(existsSync(dir)).toBe(false);
  });

  it('refuses ALEXA_VERIFY_SIGNATURE=false on Firestore outside demo mode, even on loopback (exit 78)', async () => {
    const service = await spawnService({
      HEARTH_DATA_DIR: path.join(tempDataDir(), 'data'),
      HEARTH_STORE: 'firestore',
      FIRESTORE_PROJECT_ID: 'production',
      // A port nothing listens on: were the store opened, the start would not end at once.
      FIRESTORE_EMULATOR_HOST: '127.0.0.1:9',
      HEARTH_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e',
      ALEXA_VERIFY_SIGNATURE: 'false',
    });
    expect(await service.exited).toBe(78);
    oneLine(service.output(), 'ALEXA_VERIFY_SIGNATURE');
  });

  it('makes a data dir created 0755 with a 0644 database, secret and demo.json private (0700, 0600) on start', async () => {
    const dir = path.join(tempDataDir(), 'data');
    mkdirSync(dir);
    const db = new SqliteDatabase(path.join(dir, 'hearth.db'));
    db.exec('create table leftover (x)');
    db.close();
    writeFileSync(path.join(dir, 'secret'), `${'s'.repeat(43)}\n`);
    writeFileSync(path.join(dir, 'demo.json'), '{}');
    chmodSync(dir, 0o755);
    for (const file of ['hearth.db', 'secret', 'demo.json']) chmodSync(path.join(dir, file), 0o644);

    const service = await spawnService({ HEARTH_DATA_DIR: dir });
    try {
      await waitForStatus(service, '/readyz', 200);
      expect(modeOf(dir)).toBe('0700');
      // -wal and -shm exist while the service has the database open.
      for (const file of ['hearth.db', 'hearth.db-wal', 'hearth.db-shm', 'secret', 'demo.json'])
        expect({ file, mode: modeOf(path.join(dir, file)) }).toEqual({ file, mode: '0600' });
    } finally {
      expect(await stopService(service)).toBe(0);
    }
  });
});

describe('HEARTH_STORE=firestore', () => {
  const emulator = process.env.FIRESTORE_EMULATOR_HOST;

  it('runs the same service on the Firestore emulator', async () => {
    if (!emulator)
      throw new Error('FIRESTORE_EMULATOR_HOST is not set: the vitest global setup must start the emulator');
    const service = await spawnService({
      HEARTH_DATA_DIR: tempDataDir(),
      HEARTH_STORE: 'firestore',
      HEARTH_DEMO: 'true',
      FIRESTORE_EMULATOR_HOST: emulator,
      FIRESTORE_PROJECT_ID: `e2e-${Date.now()}`,
      HEARTH_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e',
    });
    try {
      const ready = await waitForStatus(service, '/readyz', 200);
      expect(await ready.json()).toMatchObject({ store: 'firestore' });
    } finally {
      expect(await stopService(service)).toBe(0);
    }
  });

  it('answers /readyz 503 with the reason while Firestore is unreachable, and /healthz 200', async () => {
    const closedPort = await freePort();
    const service = await spawnService({
      HEARTH_DATA_DIR: tempDataDir(),
      HEARTH_STORE: 'firestore',
      FIRESTORE_EMULATOR_HOST: `127.0.0.1:${closedPort}`,
      FIRESTORE_PROJECT_ID: 'unreachable',
      HEARTH_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e',
    });
    try {
      await waitForStatus(service, '/healthz', 200);
      // 'starting' until the first ping gives up; then the store's own reason.
      let reason = 'starting';
      const deadline = Date.now() + 20_000;
      while (reason === 'starting' && Date.now() < deadline) {
        const notReady = await waitForStatus(service, '/readyz', 503);
        reason = ((await notReady.json()) as { reason: string }).reason;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(reason).toMatch(/^store firestore: /);
      expect((await fetch(`${service.baseUrl}/healthz`)).status).toBe(200);
    } finally {
      expect(await stopService(service)).toBe(0);
    }
  });
});
