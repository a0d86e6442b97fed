import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BrandWebhooks } from '../../src/brands/brand-webhooks.js';
import { claimEntry, DEAD_AFTER_MS, LEASE_MS, settleEntry } from '../../src/brands/outbox-claims.js';
import { createOutboxSender, type OutboxSenderOptions } from '../../src/brands/outbox-delivery.js';
import { RETRY_BASE_MS } from '../../src/brands/retry-delay.js';
import { verifySignature } from '../../src/brands/webhook-signature.js';
import { newOutboxEntry, type OutboxRecord, outboxPath } from '../../src/outbox/outbox-record.js';
import type { DocumentStore } from '../../src/store/document-store.js';
import { STORE_ADAPTERS } from '../support/store-adapters.js';
import { startReceiver } from './webhook-receiver.js';

const SECRET = 'crema-webhook-secret-crema-webhook-secret';
const T0 = new Date('2026-12-01T10:00:00.000Z');

describe.each(STORE_ADAPTERS)('the outbox sender on %s', (_name, open) => {
  let store: DocumentStore;
  let close: () => Promise<void>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let now: Date;
  let logged: string[];

  beforeEach(async () => {
    ({ store, close } = await open());
    receiver = await startReceiver();
    now = T0;
    logged = [];
  });
  afterEach(async () => {
    await receiver.stop();
    await close();
  });

  const sender = (overrides: Partial<OutboxSenderOptions> = {}) => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logged.push(String(chunk));
        done();
      },
    });
    const webhooks: BrandWebhooks = { crema: { url: receiver.url, secret: SECRET } };
    return createOutboxSender({
      store,
      webhooks,
      logger: pino({ level: 'info' }, sink),
      now: () => now,
      random: () => 0.5,
      ...overrides,
    });
  };

  const addEntry = async (orderId: string, brandId = 'crema') => {
    const { path, data } = newOutboxEntry({
      brandId,
      kind: 'order.placed',
      orderId,
      householdId: 'hh-private-1',
      body: { orderId, variety: 'ristretto', capsules: 50 },
      now,
    });
    await store.create(path, data);
    return data;
  };
  const entry = async (id: string, brandId = 'crema') =>
    (await store.get(outboxPath(brandId, id))).data as OutboxRecord | undefined;
  const advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };

  it('POSTs the body signed with the brand secret, with the entry id as idempotency key, then marks it delivered', async () => {
    const placed = await addEntry('o1');
    expect(await sender().runOnce()).toMatchObject({ delivered: 1, retry: 0 });

    expect(receiver.received).toHaveLength(1);
    const [got] = receiver.received;
    expect(got!.body).toBe(placed.body);
    expect(got!.headers['content-type']).toBe('application/json');
    expect(got!.headers['idempotency-key']).toBe('o1.order.placed');
    expect(got!.headers['x-hearth-event']).toBe('order.placed');
    const verdict = verifySignature({
      secret: SECRET,
      body: got!.body,
      timestamp: got!.headers['x-hearth-timestamp'] as string,
      signature: got!.headers['x-hearth-signature'] as string,
      now,
    });
    expect(verdict).toEqual({ ok: true });

    const stored = await entry('o1.order.placed');
    expect(stored).toMatchObject({ status: 'delivered', deliveredAt: now.toISOString(), attempts: 1 });
    expect(stored).not.toHaveProperty('leaseOwner');
    // The brand has the order now: its body (the order's personal data) is not kept twice.
    expect(stored).not.toHaveProperty('body');
    expect(stored).toMatchObject({ orderId: 'o1', householdId: expect.any(String) });
    // Delivered once: a later pass sends nothing again.
    advance(LEASE_MS * 10);
    expect(await sender().runOnce()).toMatchObject({ delivered: 0 });
    expect(receiver.received).toHaveLength(1);
  });

  it('keeps an entry while the receiver refuses connections and delivers it once it is back', async () => {
    await addEntry('o2');
    await receiver.stop();
    const s = sender();
    expect(await s.runOnce()).toMatchObject({ retry: 1, delivered: 0 });
    const waiting = await entry('o2.order.placed');
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    expect(waiting?.lastError).toMatch(/^network/);
    // random 0.5 of a 10 s ceiling after the first attempt.
    expect(waiting?.nextAttemptAt).toBe(new Date(now.getTime() + RETRY_BASE_MS / 2).toISOString());
    expect(waiting).not.toHaveProperty('leaseOwner');

    // Not due yet: nothing is tried.
    expect(await s.runOnce()).toMatchObject({ retry: 0, delivered: 0 });

    await receiver.start();
    advance(RETRY_BASE_MS / 2);
    expect(await s.runOnce()).toMatchObject({ delivered: 1 });
    expect(receiver.received.map((r) => r.headers['idempotency-key'])).toEqual(['o2.order.placed']);
    expect(await entry('o2.order.placed')).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('retries after a 500 and stops at the 200; both tries carry the same idempotency key', async () => {
    await addEntry('o3');
    receiver.answer([500, 503]);
    const s = sender();
    expect(await s.runOnce()).toMatchObject({ retry: 1 });
    expect((await entry('o3.order.placed'))?.lastError).toBe('HTTP 500');
    advance(RETRY_BASE_MS);
    expect(await s.runOnce()).toMatchObject({ retry: 1 });
    const second = await entry('o3.order.placed');
    expect(second).toMatchObject({ lastError: 'HTTP 503', attempts: 2 });
    // The second wait is drawn from a ceiling twice as high: 0.5 × 20 s.
    expect(second?.nextAttemptAt).toBe(new Date(now.getTime() + RETRY_BASE_MS).toISOString());
    advance(RETRY_BASE_MS);
    expect(await s.runOnce()).toMatchObject({ delivered: 1 });
    expect(receiver.received.map((r) => r.headers['idempotency-key'])).toEqual(
      Array(3).fill('o3.order.placed'),
    );
    expect(await entry('o3.order.placed')).toMatchObject({ status: 'delivered', attempts: 3 });
  });

  it('two senders racing over the same entries deliver each one once', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `race${i}`);
    for (const id of ids) await addEntry(id);
    const [a, b] = await Promise.all([sender().runOnce(), sender().runOnce()]);
    expect(a.delivered + b.delivered).toBe(ids.length);
    const keys = receiver.received.map((r) => r.headers['idempotency-key']);
    expect(keys.toSorted()).toEqual(ids.map((id) => `${id}.order.placed`).toSorted());
  });

  it('redelivers an entry whose sender died mid-send, once its lease has run out', async () => {
    await addEntry('o4');
    const crashed = await claimEntry({
      store,
      brandId: 'crema',
      id: 'o4.order.placed',
      owner: 'crashed',
      now,
    });
    expect(crashed).toMatchObject({ leaseOwner: 'crashed', attempts: 1 });
    // Leased: no other sender takes it.
    expect(await sender().runOnce()).toMatchObject({ delivered: 0 });
    expect(receiver.received).toHaveLength(0);

    advance(LEASE_MS);
    expect(await sender().runOnce()).toMatchObject({ delivered: 1 });
    expect(await entry('o4.order.placed')).toMatchObject({ status: 'delivered', attempts: 2 });
    // The dead sender's late failure changes nothing.
    const late = await settleEntry({
      store,
      brandId: 'crema',
      id: 'o4.order.placed',
      owner: 'crashed',
      now,
      outcome: { ok: false, error: 'timeout' },
    });
    expect(late).toBe('lost-lease');
    expect(await entry('o4.order.placed')).toMatchObject({ status: 'delivered' });
  });

  it('marks an entry dead after days of failures, keeps it, and logs it without the order or household', async () => {
    await addEntry('o5');
    receiver.answer(Array(10).fill(500));
    const s = sender();
    expect(await s.runOnce()).toMatchObject({ retry: 1 });
    advance(DEAD_AFTER_MS);
    expect(await s.runOnce()).toMatchObject({ dead: 1 });
    expect(await entry('o5.order.placed')).toMatchObject({
      status: 'dead',
      lastError: 'HTTP 500',
      attempts: 2,
    });
    advance(DEAD_AFTER_MS);
    expect(await s.runOnce()).toMatchObject({ dead: 0, retry: 0 });
    const deadLine = logged.find((l) => l.includes('outbox entry dead'));
    expect(deadLine).toBeDefined();
    expect(deadLine).toContain('crema');
    expect(logged.join('\n')).not.toMatch(/o5|hh-private-1|ristretto/);
  });

  it('leaves the entries of a brand without a URL waiting, and those of unconfigured brands', async () => {
    await addEntry('o6', 'frostline');
    await addEntry('o7', 'other-brand');
    const s = sender({ webhooks: { frostline: { secret: SECRET } } });
    expect(await s.runOnce()).toMatchObject({ delivered: 0, retry: 0 });
    expect(await entry('o6.order.placed', 'frostline')).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await entry('o7.order.placed', 'other-brand')).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('takes a brand that does not answer within the timeout as a failure and retries', async () => {
    await addEntry('o8');
    const silent = createServer(() => {
      // Never answers.
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`;
    try {
      const s = sender({ webhooks: { crema: { url, secret: SECRET } }, timeoutMs: 200 });
      expect(await s.runOnce()).toMatchObject({ retry: 1 });
      expect(await entry('o8.order.placed')).toMatchObject({ status: 'pending', lastError: 'timeout' });
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
