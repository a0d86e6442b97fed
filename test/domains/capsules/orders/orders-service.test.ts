/**
 * The orders service on a real SQLite file with the demo seeded: proposals kept under their
 * household, exactly one order per proposal, the in-progress guard, the cancel window, the
 * consent rules and the voice code; each order and cancellation with its outbox entry.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { orderIdFor, orderPath } from '../../../../src/domains/capsules/order-record.js';
import {
  createOrdersService,
  type OrdersService,
} from '../../../../src/domains/capsules/orders/orders-service.js';
import { proposalPath } from '../../../../src/domains/capsules/orders/proposal-record.js';
import { contextPath } from '../../../../src/household/context-documents.js';
import { paths } from '../../../../src/household/paths.js';
import { hashSecret } from '../../../../src/ids/secret-hash.js';
import { createHarness, type Harness } from '../../../support/app-harness.js';
import { ordersOf, outboxOf, ristretto, ristrettoFor, setConsent } from './order-fixtures.js';

const NOW = new Date('2026-11-20T09:00:00.000Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);
const HOUR = 3_600_000;

let h: Harness;
let orders: OrdersService;
let hid: string;
let other: string;

beforeEach(async () => {
  h = await createHarness();
  orders = createOrdersService({ store: h.store });
  // The de-DE household (consumption granted, no voice code), and another household.
  hid = h.demo.households.find((hh) => hh.locale === 'de-DE')!.id;
  other = h.demo.households.find((hh) => hh.locale === 'fr-FR')!.id;
});
afterEach(async () => h.close());

async function offered(householdId = hid, asked = true, draft = ristretto(), now = NOW) {
  const result = await orders.offer({ householdId, skillId: 'coffee-companion', draft, asked, now });
  if (result.status !== 'offered') throw new Error(`not offered: ${result.reason}`);
  return result.proposal;
}

const offerAsked = () =>
  orders.offer({ householdId: hid, skillId: 'coffee-companion', draft: ristretto(), asked: true, now: NOW });

const confirm = (proposalId: string, extra: { householdId?: string; now?: Date; voiceCode?: string } = {}) =>
  orders.confirm({
    householdId: extra.householdId ?? hid,
    proposalId,
    channel: 'voice',
    by: 'voice:test',
    now: extra.now ?? NOW,
    ...(extra.voiceCode !== undefined ? { voiceCode: extra.voiceCode } : {}),
  });

describe('proposals and confirmation', () => {
  it('keeps the proposal under its household, for 30 minutes', async () => {
    const proposal = await offered();
    const stored = await h.store.get(proposalPath(hid, proposal.id));
    expect(stored.data).toMatchObject({
      variety: 'ristretto',
      totalMinor: 2150,
      currency: 'EUR',
      asked: true,
    });
    expect(proposal.expireAt).toBe(later(30 * 60_000).toISOString());
  });

  it('makes exactly one order per proposal, with its outbox entry, and says so to a second yes', async () => {
    const proposal = await offered();
    const first = await confirm(proposal.id);
    expect(first.status).toBe('placed');
    if (first.status !== 'placed') return;
    expect(first.order).toMatchObject({
      id: orderIdFor(proposal.id),
      status: 'placed',
      cancelUntil: later(24 * HOUR).toISOString(),
      withdrawal: { days: 14, from: 'delivery' },
    });
    expect(await outboxOf(h.store, first.order.id)).toEqual(['order.placed']);
    expect((await h.store.get(paths.household(hid))).data?.openOrders).toEqual({ ristretto: first.order.id });

    const second = await confirm(proposal.id);
    expect(second.status).toBe('alreadyPlaced');
    expect(await ordersOf(h.store, hid)).toHaveLength(1);
  });

  it("refuses another household's proposal, an unknown, malformed or expired one, and orders nothing", async () => {
    const theirs = await offered(other, true, ristrettoFor('fr-FR'));
    expect((await confirm(theirs.id)).status).toBe('unknown');
    expect((await confirm('prp_nosuchproposal')).status).toBe('unknown');
    expect((await confirm('../../brands/crema')).status).toBe('unknown');
    const mine = await offered();
    expect((await confirm(mine.id, { now: later(31 * 60_000) })).status).toBe('expired');
    expect(await ordersOf(h.store, hid)).toHaveLength(0);
    expect(await ordersOf(h.store, other)).toHaveLength(0);
  });

  it('makes no second order of a variety while one is on its way; after a cancellation it may', async () => {
    const placed = await confirm((await offered()).id);
    const again = await offered();
    expect(await confirm(again.id)).toEqual({ status: 'inProgress', variety: 'ristretto' });
    // Another variety is not held back.
    expect((await confirm((await offered(hid, true, ristretto({ variety: 'lungo' }))).id)).status).toBe(
      'placed',
    );
    if (placed.status !== 'placed') throw new Error('not placed');
    expect(
      (await orders.cancel({ householdId: hid, orderId: placed.order.id, now: NOW, by: 'api' })).status,
    ).toBe('cancelled');
    expect((await confirm(again.id)).status).toBe('placed');
  });

  it('asks for the voice code when the household set one, and refuses a wrong one', async () => {
    await h.store.merge(contextPath(hid, 'preferences'), { voiceCodeHash: hashSecret('4711') });
    const result = await offerAsked();
    expect(result).toMatchObject({ status: 'offered', voiceCode: true });
    if (result.status !== 'offered') return;
    expect((await confirm(result.proposal.id)).status).toBe('voiceCodeNeeded');
    expect((await confirm(result.proposal.id, { voiceCode: '1234' })).status).toBe('voiceCodeWrong');
    expect(await ordersOf(h.store, hid)).toHaveLength(0);
    expect((await confirm(result.proposal.id, { voiceCode: '4711' })).status).toBe('placed');
  });
});

describe('cancelling', () => {
  it('cancels within the window with history and an outbox entry; then it is already cancelled', async () => {
    const placed = await confirm((await offered()).id);
    if (placed.status !== 'placed') throw new Error('not placed');
    const cancelled = await orders.cancel({ householdId: hid, now: later(HOUR), by: 'voice:test' });
    expect(cancelled.status).toBe('cancelled');
    const stored = (await h.store.get(orderPath(hid, placed.order.id))).data;
    expect(stored?.status).toBe('cancelled');
    expect(((stored?.history ?? []) as { status: string }[]).map((e) => e.status)).toEqual([
      'placed',
      'cancelled',
    ]);
    expect(await outboxOf(h.store, placed.order.id)).toEqual(['order.placed', 'order.cancelled']);
    const again = await orders.cancel({
      householdId: hid,
      orderId: placed.order.id,
      now: later(HOUR),
      by: 'api',
    });
    expect(again.status).toBe('alreadyCancelled');
  });

  it('refuses after the window, a delivered order, and one of another household', async () => {
    const placed = await confirm((await offered()).id);
    if (placed.status !== 'placed') throw new Error('not placed');
    const id = placed.order.id;
    expect(
      (await orders.cancel({ householdId: hid, orderId: id, now: later(25 * HOUR), by: 'api' })).status,
    ).toBe('tooLate');
    expect((await orders.cancel({ householdId: hid, now: later(25 * HOUR), by: 'voice:test' })).status).toBe(
      'notFound',
    );
    expect((await orders.cancel({ householdId: other, orderId: id, now: NOW, by: 'api' })).status).toBe(
      'notFound',
    );
    await h.store.merge(orderPath(hid, id), { status: 'delivered' });
    expect((await orders.cancel({ householdId: hid, orderId: id, now: NOW, by: 'api' })).status).toBe(
      'tooLate',
    );
    expect(await outboxOf(h.store, id)).toEqual(['order.placed']);
  });
});

describe('consent rules', () => {
  it('needs consumption for any proposal', async () => {
    await setConsent(h.store, hid, 'consumption', false);
    const result = await offerAsked();
    expect(result).toEqual({ status: 'refused', reason: 'consumption' });
  });

  it('lets the objection to marketing stop unasked proposals, not asked ones', async () => {
    await h.store.merge(paths.household(hid), {
      marketingObjection: { at: NOW.toISOString(), entry: 'e-test' },
    });
    const unasked = await orders.offer({
      householdId: hid,
      skillId: 'coffee-companion',
      draft: ristretto(),
      asked: false,
      now: NOW,
    });
    expect(unasked).toEqual({ status: 'refused', reason: 'objection' });
    expect((await offered(hid, true)).asked).toBe(true);
  });

  it('orders without asking only with auto_reorder, and announces such an order once', async () => {
    const request = { householdId: hid, skillId: 'coffee-companion', draft: ristretto(), now: NOW };
    expect(await orders.orderWithoutAsking(request)).toEqual({ status: 'refused', reason: 'autoReorder' });
    expect(await ordersOf(h.store, hid)).toHaveLength(0);
    await setConsent(h.store, hid, 'auto_reorder', true);
    const placed = await orders.orderWithoutAsking(request);
    expect(placed).toMatchObject({ status: 'placed', order: { channel: 'auto' } });
    const told = await orders.announce({ householdId: hid, now: later(HOUR) });
    expect(told.map((o) => o.variety)).toEqual(['ristretto']);
    expect(await orders.announce({ householdId: hid, now: later(2 * HOUR) })).toEqual([]);
  });
});
