/** The household's export carries its orders and open proposals, and nothing of another household's. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOrdersService } from '../../../../src/domains/capsules/orders/orders-service.js';
import { UNCONFIGURED_CONTROLLER } from '../../../../src/privacy/consent-receipt.js';
import { householdExport } from '../../../../src/privacy/household-export.js';
import { createHarness, type Harness } from '../../../support/app-harness.js';
import { ristretto } from './order-fixtures.js';

const NOW = new Date('2026-11-20T09:00:00.000Z');
let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => h.close());

describe('orders in the export', () => {
  it('exports the orders with their history and right of withdrawal, and the open proposals', async () => {
    const orders = createOrdersService({ store: h.store });
    const [mine, theirs] = [h.demo.households[1]!.id, h.demo.households[0]!.id];
    const offer = (householdId: string, variety: string) =>
      orders.offer({
        householdId,
        skillId: 'coffee-companion',
        draft: ristretto({ variety }),
        asked: true,
        now: NOW,
      });
    const placed = await offer(mine, 'ristretto');
    if (placed.status !== 'offered') throw new Error('not offered');
    await orders.confirm({
      householdId: mine,
      proposalId: placed.proposal.id,
      channel: 'voice',
      by: 'voice:test',
      now: NOW,
    });
    const open = await offer(mine, 'lungo');
    await offer(theirs, 'decaf');

    const body = await householdExport(h.store, mine, {
      brandIds: ['crema'],
      controller: UNCONFIGURED_CONTROLLER,
      policyUrl: '/privacy',
      now: NOW,
    });
    expect(body?.orders).toEqual([
      expect.objectContaining({
        variety: 'ristretto',
        status: 'placed',
        withdrawal: { days: 14, from: 'delivery' },
        history: [{ status: 'placed', at: NOW.toISOString(), by: 'voice:test' }],
      }),
    ]);
    expect(body?.proposals.map((p) => p.id)).toEqual([open.status === 'offered' ? open.proposal.id : '']);
    expect(JSON.stringify(body)).not.toContain(theirs);
    expect(JSON.stringify(body)).not.toContain('decaf');
  });
});
