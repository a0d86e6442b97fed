import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signatureHeaders } from '../../src/brands/webhook-signature.js';
import { type OrderRecord, orderPath } from '../../src/domains/capsules/order-record.js';
import { newOutboxEntry } from '../../src/outbox/outbox-record.js';
import { placedOrder } from '../domains/capsules/orders/order-fixtures.js';
import { createHarness, type Harness } from '../support/app-harness.js';
import { expectProblem } from '../support/http-expect.js';

const CREMA_SECRET = 'crema-webhook-secret-crema-webhook-secret';
const FROSTLINE_SECRET = 'frostline-webhook-secret-frostline-secret';

let h: Harness;
let wallNow: Date;
let householdId: string;
beforeAll(async () => {
  h = await createHarness({
    brandWebhooks: {
      crema: { url: 'http://127.0.0.1:9/unused', secret: CREMA_SECRET },
      frostline: { secret: FROSTLINE_SECRET },
    },
    wallClock: () => wallNow,
  });
  householdId = h.demo.households[0]!.id;
});
afterAll(() => h.close());

let orderSeq = 0;
let orderId: string;
/** A placed crema order of the first demo household, and its outbox entry, as the orders code writes them. */
beforeEach(async () => {
  wallNow = new Date('2026-12-01T10:00:00.000Z');
  orderId = `ord-${++orderSeq}`;
  const placedAt = '2026-12-01T09:00:00.000Z';
  const order = placedOrder(orderId, placedAt);
  const entry = newOutboxEntry({
    brandId: 'crema',
    kind: 'order.placed',
    orderId,
    householdId,
    body: { orderId },
    now: new Date(placedAt),
  });
  const batch = h.store.batch();
  batch.set(orderPath(householdId, orderId), order);
  batch.set(entry.path, entry.data);
  await batch.commit();
});

const storedOrder = async (id = orderId) =>
  (await h.store.get(orderPath(householdId, id))).data as OrderRecord;

function post(
  body: string,
  {
    brand = 'crema',
    order = orderId,
    secret = CREMA_SECRET,
    signedAt = wallNow,
    headers = {} as Record<string, string>,
  } = {},
) {
  return h.app.request(`/v1/brands/${brand}/orders/${order}/status`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signatureHeaders(secret, body, signedAt), ...headers },
    body,
  });
}
const update = (status: string, at = '2026-12-01T11:00:00+01:00') => JSON.stringify({ status, at });

describe('POST /v1/brands/:brandId/orders/:orderId/status', () => {
  it('applies a signed update to the household order found through the outbox', async () => {
    const response = await post(update('confirmed'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ orderId, status: 'confirmed', changed: true });
    const order = await storedOrder();
    expect(order.status).toBe('confirmed');
    expect(order.history.at(-1)).toEqual({
      status: 'confirmed',
      at: '2026-12-01T10:00:00.000Z',
      by: 'brand:crema',
    });
  });

  it('walks placed -> confirmed -> shipped -> delivered, and answers repeats with changed: false', async () => {
    for (const status of ['confirmed', 'shipped', 'delivered'])
      expect((await post(update(status))).status).toBe(200);
    const before = await storedOrder();
    expect(before.status).toBe('delivered');
    // The same signed request again, and an older status arriving late: nothing changes.
    const body = update('shipped');
    for (let i = 0; i < 2; i++) {
      const again = await post(body);
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual({ orderId, status: 'delivered', changed: false });
    }
    expect(await storedOrder()).toEqual(before);
  });

  it('refuses a replayed request once its timestamp is older than 5 minutes', async () => {
    const body = update('confirmed');
    const headers = signatureHeaders(CREMA_SECRET, body, wallNow);
    expect((await post(body, { headers })).status).toBe(200);
    wallNow = new Date(wallNow.getTime() + 5 * 60_000 + 1000);
    await expectProblem(await post(body, { headers }), 401, 'signature_expired');
  });

  it('answers 401 to a bad signature and changes nothing', async () => {
    const response = await post(update('cancelled'), { secret: `${CREMA_SECRET}-wrong` });
    await expectProblem(response, 401, 'signature_invalid');
    expect(response.headers.get('www-authenticate')).toMatch(/^HMAC/);
    expect((await storedOrder()).status).toBe('placed');
    // The body changed after signing.
    const signed = signatureHeaders(CREMA_SECRET, update('confirmed'), wallNow);
    await expectProblem(await post(update('cancelled'), { headers: signed }), 401, 'signature_invalid');
    // No signature at all, or a brand this deployment has no secret for.
    const unsigned = await h.app.request(`/v1/brands/crema/orders/${orderId}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: update('confirmed'),
    });
    await expectProblem(unsigned, 401, 'signature_invalid');
    await expectProblem(await post(update('confirmed'), { brand: 'nobody' }), 401, 'signature_invalid');
    await expectProblem(await post(update('confirmed'), { brand: '__x__' }), 401, 'signature_invalid');
    expect((await storedOrder()).status).toBe('placed');
  });

  it('answers 401 to a timestamp more than 5 minutes old, even correctly signed', async () => {
    const old = new Date(wallNow.getTime() - 6 * 60_000);
    await expectProblem(await post(update('confirmed'), { signedAt: old }), 401, 'signature_expired');
    expect((await storedOrder()).status).toBe('placed');
  });

  it('answers 404 to an order the brand never received, including another brand signing for it', async () => {
    await expectProblem(await post(update('confirmed'), { order: 'no-such-order' }), 404, 'unknown_order');
    await expectProblem(await post(update('confirmed'), { order: '__x__' }), 404, 'unknown_order');
    const frostline = await post(update('cancelled'), { brand: 'frostline', secret: FROSTLINE_SECRET });
    await expectProblem(frostline, 404, 'unknown_order');
    expect((await storedOrder()).status).toBe('placed');
  });

  it('answers 409 to a move the order cannot make', async () => {
    const skip = await post(update('delivered'));
    const problem = await expectProblem(skip, 409, 'order_transition_not_allowed');
    expect(problem.detail).toContain('placed');
    expect((await post(update('confirmed'))).status).toBe(200);
    expect((await post(update('shipped'))).status).toBe(200);
    // Shipped is past cancelling.
    await expectProblem(await post(update('cancelled')), 409, 'order_transition_not_allowed');
    expect((await storedOrder()).status).toBe('shipped');
  });

  it('cancels from placed, and nothing moves a cancelled order', async () => {
    expect((await post(update('cancelled'))).status).toBe(200);
    await expectProblem(await post(update('confirmed')), 409, 'order_transition_not_allowed');
    expect((await storedOrder()).status).toBe('cancelled');
  });

  it('answers 400 to a signed body that is not JSON or not an update, and to another order named in the body', async () => {
    await expectProblem(await post('{"status":'), 400, 'invalid_json');
    await expectProblem(await post(update('lost')), 400, 'validation_failed');
    await expectProblem(await post(JSON.stringify({ status: 'confirmed' })), 400, 'validation_failed');
    await expectProblem(await post(JSON.stringify([1])), 400, 'validation_failed');
    const other = JSON.stringify({ orderId: 'another', status: 'cancelled', at: '2026-12-01T10:00:00Z' });
    await expectProblem(await post(other), 400, 'validation_failed');
    const same = JSON.stringify({ orderId, status: 'confirmed', at: '2026-12-01T10:00:00Z' });
    expect((await post(same)).status).toBe(200);
  });

  it('answers 415 to a body that is not declared JSON', async () => {
    await expectProblem(
      await post(update('confirmed'), { headers: { 'content-type': 'text/plain' } }),
      415,
      'unsupported_media_type',
    );
  });

  it('is in the OpenAPI document with its problem codes', async () => {
    const doc = (await (await h.app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      info: { description: string };
    };
    const route = doc.paths['/v1/brands/{brandId}/orders/{orderId}/status']?.post;
    expect(Object.keys(route?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '400', '401', '404', '409']),
    );
    for (const code of [
      'signature_invalid',
      'signature_expired',
      'unknown_order',
      'order_transition_not_allowed',
    ]) {
      expect(doc.info.description).toContain(`\`${code}\``);
    }
  });
});
