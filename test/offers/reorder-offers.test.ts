/**
 * A reorder proposal made unasked is an offer: it keeps quiet hours and the daily cap, never
 * the control group, and its decision is in the offer log (kind `reorder`), which "why did
 * you suggest that" explains. Asked for ("reorder my capsules"), it is the household's order.
 */
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { ledgerPolicy } from '../../src/consent/consent-policy.js';
import { createCapsuleService } from '../../src/domains/capsules/capsule-service.js';
import { capsuleDrafts } from '../../src/domains/capsules/orders/capsule-drafts.js';
import { createOrdersService } from '../../src/domains/capsules/orders/orders-service.js';
import { createEffectWriter } from '../../src/household/effect-writer.js';
import { householdRecordSchema } from '../../src/household/household-record.js';
import { paths } from '../../src/household/paths.js';
import { offerLogRecordSchema } from '../../src/offers/offer-log-record.js';
import { bearer, createHarness } from '../support/app-harness.js';
import { coffeeOf } from '../support/http-expect.js';

async function at(now: string) {
  const h = await createHarness({ consent: ledgerPolicy, clock: () => new Date(now) });
  const capsules = createCapsuleService();
  const app = createApp({
    ...h.deps,
    effects: createEffectWriter({ store: h.store, logger: pino({ level: 'silent' }) }),
    services: { capsules, orders: createOrdersService({ store: h.store, drafts: capsuleDrafts(capsules) }) },
  });
  const becker = h.demo.households.find((x) => x.locale === 'de-DE')!;
  const machine = coffeeOf(becker);
  const home = async () => {
    const response = await app.request(`/v1/screens/${machine.id}/home`, { headers: bearer(machine.token) });
    expect(response.status).toBe(200);
    return (await response.json()) as {
      text: string;
      card?: { actions: { intent: string }[] };
      session?: Record<string, unknown>;
    };
  };
  const turn = async (intent: string, session?: Record<string, unknown>) => {
    const response = await app.request(`/v1/screens/${machine.id}/turns`, {
      method: 'POST',
      headers: bearer(machine.token, true),
      body: JSON.stringify({ intent, ...(session ? { session } : {}) }),
    });
    return (await response.json()) as { text: string };
  };
  const log = async () =>
    (await h.store.query({ collection: `households/${becker.id}/offerLog` })).map((s) =>
      offerLogRecordSchema.parse(s.data),
    );
  return { h, becker, home, turn, log };
}

describe('reorder proposals as offers', () => {
  it('are made at 10:00 in Berlin, logged as shown, and explained from the offer log', async () => {
    const { h, becker, home, turn, log } = await at('2026-11-20T09:00:00Z');
    try {
      const reply = await home();
      expect(reply.card?.actions.map((a) => a.intent)).toContain('AMAZON.YesIntent');
      const [record] = await log();
      expect(record).toMatchObject({
        kind: 'reorder',
        campaignId: 'reorder',
        decision: 'shown',
        channel: 'screen',
        sponsored: false,
        purposes: ['consumption'],
        title: 'why.reorderTitle',
      });
      const household = householdRecordSchema.parse((await h.store.get(paths.household(becker.id))).data);
      expect(household.offerCounts?.screen).toBe(1);
      const why = await turn('WhyThisSuggestionIntent');
      expect(why.text).toContain('eine neue Packung deiner Kapseln');
      expect(why.text).toContain('sie gehen dir bald aus');
      expect(why.text).toContain('Angebot von Crema für eigene Produkte');
      // The yes to it places the order: the offer is accepted and converted.
      await turn('AMAZON.YesIntent', reply.session);
      const [accepted] = await log();
      expect(accepted?.acceptedAt).toBe('2026-11-20T09:00:00.000Z');
      expect(accepted?.convertedAt).toBe('2026-11-20T09:00:00.000Z');
    } finally {
      await h.close();
    }
  });

  it('are recorded as declined when the household says no', async () => {
    const { h, home, turn, log } = await at('2026-11-20T09:00:00Z');
    try {
      const reply = await home();
      await turn('AMAZON.NoIntent', reply.session);
      const [declined] = await log();
      expect(declined).toMatchObject({ decision: 'shown', declinedAt: '2026-11-20T09:00:00.000Z' });
      expect(declined?.acceptedAt).toBeUndefined();
    } finally {
      await h.close();
    }
  });

  it('are not made at 22:30 in Berlin (quiet hours), and the offer log says why', async () => {
    const { h, home, log } = await at('2026-11-20T21:30:00Z');
    try {
      const reply = await home();
      expect(reply.card?.actions.map((a) => a.intent) ?? []).not.toContain('AMAZON.YesIntent');
      expect(await log()).toEqual([
        expect.objectContaining({ kind: 'reorder', decision: 'suppressed', reason: 'quietHours' }),
      ]);
    } finally {
      await h.close();
    }
  });

  it('stop after the daily cap of the screen', async () => {
    const { h, home, log } = await at('2026-11-20T09:00:00Z');
    try {
      for (let i = 0; i < 4; i++)
        expect((await home()).card?.actions.map((a) => a.intent)).toContain('AMAZON.YesIntent');
      expect((await home()).card?.actions.map((a) => a.intent) ?? []).not.toContain('AMAZON.YesIntent');
      const records = await log();
      expect(records.filter((r) => r.decision === 'shown')).toHaveLength(4);
      expect(records.filter((r) => r.decision === 'suppressed')).toEqual([
        expect.objectContaining({ reason: 'frequencyCap' }),
      ]);
    } finally {
      await h.close();
    }
  });
});
