/**
 * The orders service on the capsules domain, as the service wires them: drafts come from
 * the household's forecast and the Crema catalog, with nothing personal read but what the
 * handler passed through the consent gate. On the seeded demo (real SQLite), the de-DE
 * household's ristretto is below its reorder point: its machine's home card offers 50 for
 * 21,50 € and a yes orders them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import coffeeCompanion from '../../../../skills/coffee-companion/skill.js';
import { createCapsuleService } from '../../../../src/domains/capsules/capsule-service.js';
import { capsuleDrafts } from '../../../../src/domains/capsules/orders/capsule-drafts.js';
import {
  createOrdersService,
  type DraftRequest,
} from '../../../../src/domains/capsules/orders/orders-service.js';
import type { Purpose } from '../../../../src/runtime/consent-gate.js';
import { createConversation } from '../../../../src/runtime/conversation.js';
import { loadDefaultLanguage } from '../../../../src/runtime/default-language.js';
import type { Locale } from '../../../../src/runtime/locales.js';
import { createHarness, type Harness } from '../../../support/app-harness.js';
import { grantingGate } from '../../../support/granting-gate.js';
import { ordersOf } from './order-fixtures.js';

const NOW = new Date('2026-11-20T09:00:00Z'); // the harness's clock, when the demo was seeded
const capsules = createCapsuleService();
const drafts = capsuleDrafts(capsules);
const language = loadDefaultLanguage();

describe('capsuleDrafts', () => {
  const now = new Date('2026-11-20T09:00:00.000Z');
  const consumption = {
    capsules: {
      lungo: { stock: 40, perDay: 1, updatedAt: now.toISOString() },
      espresso: { stock: 4, perDay: 3, updatedAt: now.toISOString() },
    },
  };
  const request = (over: Partial<DraftRequest>): DraftRequest => ({
    householdId: 'hh_test',
    brandId: 'crema',
    asked: false,
    locale: 'fr-FR',
    now,
    timeZone: 'Europe/Paris',
    consumption,
    ...over,
  });

  it('proposes unasked only what is below its reorder point', async () => {
    expect(await drafts(request({}))).toMatchObject({ variety: 'espresso', market: 'FR', stockLeft: 4 });
    const plenty = { capsules: { lungo: consumption.capsules.lungo } };
    expect(await drafts(request({ consumption: plenty }))).toBeUndefined();
    expect(await drafts(request({ consumption: undefined }))).toBeUndefined();
  });

  it('quotes what was asked, below the point or not, with the quantity said or the usual one', async () => {
    expect(await drafts(request({ asked: true, variety: 'lungo', quantity: 30 }))).toMatchObject({
      variety: 'lungo',
      capsules: 30,
      stockLeft: 40,
    });
    const usual = await drafts(
      request({ asked: true, variety: 'lungo', usualOrder: { variety: 'lungo', quantity: 20 } }),
    );
    expect(usual?.capsules).toBe(20);
    // Nothing said: what runs out first.
    expect((await drafts(request({ asked: true })))?.variety).toBe('espresso');
    // Asked without consumption: a quote of the variety said, its stock unknown.
    expect(
      await drafts(request({ asked: true, variety: 'lungo', quantity: 10, consumption: undefined })),
    ).toMatchObject({ capsules: 10, stockLeft: 0 });
  });

  it('makes nothing for another brand, a variety the catalog lacks or a market it does not serve', async () => {
    expect(await drafts(request({ asked: true, brandId: 'other', variety: 'lungo' }))).toBeUndefined();
    expect(await drafts(request({ asked: true, variety: 'no-such-variety' }))).toBeUndefined();
    expect(
      await drafts(request({ asked: true, variety: 'lungo', locale: 'ja-JP' as never })),
    ).toBeUndefined();
  });
});

describe('the home card on the seeded demo, wired as the service wires it', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(async () => h.close());

  function chat(hid: string, purposes: Purpose[], locale: Locale = 'de-DE') {
    return createConversation(coffeeCompanion, {
      locale,
      household: { id: hid, locale, timeZone: 'Europe/Berlin' },
      consent: grantingGate(h.store, hid, purposes),
      services: { capsules, orders: createOrdersService({ store: h.store, drafts }) },
      now: () => NOW,
      language,
      channel: 'screen',
      device: { id: 'dev_machine', kind: 'coffee-machine' },
    });
  }

  it('offers the de-DE household 50 ristretto for 21,50 € and a yes orders them', async () => {
    const hid = h.demo.households.find((hh) => hh.locale === 'de-DE')!.id;
    const c = chat(hid, ['consumption', 'preferences']);
    const card = await c.send('CapsuleStockIntent');
    expect(card.speech).toContain('50');
    expect(card.speech.replace(/\s/g, ' ')).toContain('21,50 €');
    expect(card.speech).toContain('zahlungspflichtig');
    const placed = await c.send('AMAZON.YesIntent');
    expect(placed.speech).toContain('Widerrufsrecht');
    const orders = await ordersOf(h.store, hid);
    expect(orders.map((o) => o.data)).toMatchObject([
      { variety: 'ristretto', capsules: 50, totalMinor: 2150 },
    ]);
  });

  it('offers nothing unasked to a household whose stock is above every reorder point', async () => {
    // 22 lungo at 2 a day last 11 days: well above the US market's reorder point.
    const hid = h.demo.households.find((hh) => hh.locale === 'en-US')!.id;
    const card = await chat(hid, ['consumption'], 'en-US').send('CapsuleStockIntent');
    expect(card.speech).toContain('22');
    expect(card.speech).not.toContain('obligation to pay');
    expect(await ordersOf(h.store, hid)).toHaveLength(0);
  });
});
