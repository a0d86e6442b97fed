import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { signatureHeaders, verifySignature } from '../../src/brands/webhook-signature.js';
import { type OrderRecord, orderPath } from '../../src/domains/capsules/order-record.js';
import { newOutboxEntry, type OutboxRecord } from '../../src/outbox/outbox-record.js';
import { openStore } from '../../src/store/open-store.js';
import { placedOrder } from '../domains/capsules/orders/order-fixtures.js';
import { spawnService, stopService, waitForStatus } from '../support/service-process.js';
import { startReceiver } from './webhook-receiver.js';

const SECRET = 'crema-webhook-secret-crema-webhook-secret';
const dir = mkdtempSync(path.join(tmpdir(), 'hearth-webhooks-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Waits until `check` holds, failing with `what` after `ms` (the sender looks every 5 s). */
async function until(check: () => boolean | Promise<boolean>, what: string, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe('the service and brand webhooks (built service, real SQLite file)', () => {
  it('delivers an order placed in the store to the configured brand, takes its signed status back, and keeps the demo file', async () => {
    const receiver = await startReceiver();
    const service = await spawnService({
      HEARTH_DATA_DIR: dir,
      HEARTH_BRAND_WEBHOOKS: JSON.stringify({ crema: { url: receiver.url, secret: SECRET } }),
    });
    const store = await openStore({ kind: 'sqlite', file: path.join(dir, 'hearth.db') });
    try {
      await waitForStatus(service, '/readyz', 200);
      // Demo mode: frostline's secret is generated into the data dir; crema's comes from the configuration.
      const file = JSON.parse(readFileSync(path.join(dir, 'brand-webhooks.json'), 'utf8'));
      expect(file.frostline.secret.length).toBeGreaterThanOrEqual(32);
      expect(file.frostline.url).toBeUndefined();
      expect(service.output()).not.toContain(SECRET);

      // What the orders code writes in one transaction: the order and its outbox entry.
      const demo = JSON.parse(readFileSync(path.join(dir, 'demo.json'), 'utf8'));
      const householdId: string = demo.households[0].id;
      const placedAt = new Date().toISOString();
      const order = placedOrder('e2e-order', placedAt, { cancelUntil: placedAt });
      const entry = newOutboxEntry({
        brandId: 'crema',
        kind: 'order.placed',
        orderId: order.id,
        householdId,
        body: { orderId: order.id, variety: 'ristretto', capsules: 50 },
        now: new Date(),
      });
      await store.runTransaction(async (tx) => {
        tx.create(orderPath(householdId, order.id), order).create(entry.path, entry.data);
      });

      await until(() => receiver.received.length > 0, 'the webhook');
      const [got] = receiver.received;
      expect(got!.body).toBe(entry.data.body);
      expect(
        verifySignature({
          secret: SECRET,
          body: got!.body,
          timestamp: got!.headers['x-hearth-timestamp'] as string,
          signature: got!.headers['x-hearth-signature'] as string,
          now: new Date(),
        }),
      ).toEqual({ ok: true });
      await until(
        async () => ((await store.get(entry.path)).data as OutboxRecord | undefined)?.status === 'delivered',
        'the entry marked delivered',
      );

      const body = JSON.stringify({ status: 'confirmed', at: new Date().toISOString() });
      const response = await fetch(`${service.baseUrl}/v1/brands/crema/orders/${order.id}/status`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signatureHeaders(SECRET, body, new Date()) },
        body,
      });
      expect(response.status).toBe(200);
      expect(((await store.get(orderPath(householdId, order.id))).data as OrderRecord).status).toBe(
        'confirmed',
      );
    } finally {
      await store.close();
      expect(await stopService(service)).toBe(0);
      await receiver.stop();
    }
  });
});
