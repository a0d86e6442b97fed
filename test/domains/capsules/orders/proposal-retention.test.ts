/**
 * Proposals are deleted once they can no longer be confirmed, on a real SQLite file: the
 * purge removes expired ones of every household, keeps live ones and never touches orders.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ordersCollection } from '../../../../src/domains/capsules/order-record.js';
import { createOrdersService } from '../../../../src/domains/capsules/orders/orders-service.js';
import {
  PROPOSAL_TTL_MS,
  proposalsCollection,
} from '../../../../src/domains/capsules/orders/proposal-record.js';
import { purgeExpiredProposals } from '../../../../src/domains/capsules/orders/proposal-retention.js';
import { createHarness, type Harness } from '../../../support/app-harness.js';
import { ristrettoFor, setConsent } from './order-fixtures.js';

const NOW = new Date('2026-11-20T09:00:00.000Z');
const at = (ms: number) => new Date(NOW.getTime() + ms);

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => h.close());

describe('purgeExpiredProposals', () => {
  it('deletes the proposals that expired, in every household, and keeps the rest and the orders', async () => {
    const orders = createOrdersService({ store: h.store });
    const [de, fr] = ['de-DE', 'fr-FR'].map(
      (locale) => h.demo.households.find((x) => x.locale === locale)!.id,
    );
    await setConsent(h.store, fr!, 'consumption', true);
    const offer = async (householdId: string, now: Date) => {
      const result = await orders.offer({
        householdId,
        skillId: 'coffee-companion',
        draft: ristrettoFor(householdId === fr ? 'fr-FR' : 'de-DE'),
        asked: true,
        now,
      });
      if (result.status !== 'offered') throw new Error(`not offered: ${result.reason}`);
      return result.proposal;
    };
    await offer(de!, NOW);
    await offer(fr!, NOW);
    const live = await offer(de!, at(PROPOSAL_TTL_MS));

    // Nothing has expired yet at the first proposals' last valid instant.
    expect(await purgeExpiredProposals({ store: h.store, now: at(PROPOSAL_TTL_MS - 1) })).toBe(0);
    expect(await purgeExpiredProposals({ store: h.store, now: at(PROPOSAL_TTL_MS + 1) })).toBe(2);
    expect((await h.store.query({ collection: proposalsCollection(de!) })).map((p) => p.id)).toEqual([
      live.id,
    ]);
    expect(await h.store.query({ collection: proposalsCollection(fr!) })).toEqual([]);

    // A confirmed proposal became its order (which keeps the terms): the purge leaves orders alone.
    const confirmed = await orders.confirm({
      householdId: de!,
      proposalId: live.id,
      channel: 'voice',
      by: 'voice:test',
      now: at(PROPOSAL_TTL_MS + 2),
    });
    expect(confirmed.status).toBe('placed');
    const placed = await h.store.query({ collection: ordersCollection(de!) });
    expect(placed).toHaveLength(1);
    expect(await purgeExpiredProposals({ store: h.store, now: at(400 * 86_400_000) })).toBe(0);
    expect(await h.store.query({ collection: ordersCollection(de!) })).toEqual(placed);
  });
});
