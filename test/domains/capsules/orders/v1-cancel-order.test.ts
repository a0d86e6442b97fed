/** `POST /v1/households/:hid/orders/:orderId/cancel` on the app with the demo seeded. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOrdersService } from '../../../../src/domains/capsules/orders/orders-service.js';
import { createHarness, type Harness } from '../../../support/app-harness.js';
import { outboxOf, ristrettoFor } from './order-fixtures.js';

/** The harness's domain clock. */
const NOW = new Date('2026-11-20T09:00:00.000Z');
let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => h.close());

/** An order of the household placed at `at`. */
async function placeOrder(
  { id: householdId, locale }: { id: string; locale: string },
  at = NOW,
): Promise<string> {
  const orders = createOrdersService({ store: h.store });
  const offered = await orders.offer({
    householdId,
    skillId: 'coffee-companion',
    draft: ristrettoFor(locale),
    asked: true,
    now: at,
  });
  if (offered.status !== 'offered') throw new Error('not offered');
  const placed = await orders.confirm({
    householdId,
    proposalId: offered.proposal.id,
    channel: 'voice',
    by: 'voice:test',
    now: at,
  });
  if (placed.status !== 'placed') throw new Error('not placed');
  return placed.order.id;
}

const cancel = (hid: string, orderId: string, token?: string) =>
  h.app.request(`/v1/households/${hid}/orders/${orderId}/cancel`, {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

describe('cancelling an order through the API', () => {
  it('cancels within the window (status, history, outbox), then answers 409 already cancelled', async () => {
    const hh = h.demo.households[0]!;
    const id = await placeOrder(hh);
    const response = await cancel(hh.id, id, hh.token);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; history: { status: string; by: string }[] };
    expect(body.status).toBe('cancelled');
    expect(body.history.map((e) => [e.status, e.by])).toEqual([
      ['placed', 'voice:test'],
      ['cancelled', 'api'],
    ]);
    expect(await outboxOf(h.store, id)).toEqual(['order.placed', 'order.cancelled']);

    const again = await cancel(hh.id, id, hh.token);
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(((await again.json()) as { code: string }).code).toBe('order_not_cancellable');
  });

  it('answers 409 after the window, and leaves the order and the outbox as they were', async () => {
    const hh = h.demo.households[0]!;
    const id = await placeOrder(hh, new Date(NOW.getTime() - 25 * 3_600_000));
    const response = await cancel(hh.id, id, hh.token);
    expect(response.status).toBe(409);
    expect(((await response.json()) as { code: string }).code).toBe('order_not_cancellable');
    expect(await outboxOf(h.store, id)).toEqual(['order.placed']);
  });

  it("answers 404 for another household's order, 401 without a token, 400 for a malformed id", async () => {
    const [mine, theirs] = [h.demo.households[0]!, h.demo.households[1]!];
    const id = await placeOrder(theirs);
    expect((await cancel(mine.id, id, mine.token)).status).toBe(404);
    expect((await cancel(theirs.id, id, mine.token)).status).toBe(404);
    expect((await cancel(mine.id, 'ord-nosuchorder', mine.token)).status).toBe(404);
    expect((await cancel(theirs.id, id)).status).toBe(401);
    expect((await cancel(mine.id, 'bad.id!', mine.token)).status).toBe(400);
    expect(await outboxOf(h.store, id)).toEqual(['order.placed']);
  });
});
