/**
 * coffee-companion and the household's delivery address, on a real SQLite store with the
 * demo seeded (the de-DE household lives at Lindenstraße 24, 10969 Berlin): the proposal
 * reads the address back masked in every primary locale, spoken and on the card; a yes
 * after the address was removed or changed orders nothing (a change is offered again with
 * the new address); the order and the brand's `order.placed` carry the address used.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import coffeeCompanion from '../../skills/coffee-companion/skill.js';
import { orderIdFor } from '../../src/domains/capsules/order-record.js';
import { createOrdersService, type DraftRequest } from '../../src/domains/capsules/orders/orders-service.js';
import { proposalsCollection } from '../../src/domains/capsules/orders/proposal-record.js';
import type { ReorderProposalDraft } from '../../src/domains/capsules/reorder-proposal.js';
import { paths } from '../../src/household/paths.js';
import { outboxPath } from '../../src/outbox/outbox-record.js';
import { createConversation } from '../../src/runtime/conversation.js';
import { loadDefaultLanguage } from '../../src/runtime/default-language.js';
import type { Locale } from '../../src/runtime/locales.js';
import { ordersOf, ristretto, setConsent } from '../domains/capsules/orders/order-fixtures.js';
import { createHarness, type Harness } from '../support/app-harness.js';
import { grantingGate } from '../support/granting-gate.js';

const NOW = new Date('2026-11-20T09:00:00.000Z');
const language = loadDefaultLanguage();
let h: Harness;
let hid: string;
let due: boolean;

async function drafts(request: DraftRequest): Promise<ReorderProposalDraft | undefined> {
  if (!request.asked && !due) return undefined;
  return ristretto({ capsules: request.quantity ?? 50, boxes: 5 });
}

beforeEach(async () => {
  h = await createHarness();
  hid = h.demo.households.find((hh) => hh.locale === 'de-DE')!.id;
  due = false;
});
afterEach(async () => h.close());

function chat(locale: Locale, options: { channel?: 'screen' } = {}) {
  return createConversation(coffeeCompanion, {
    locale,
    household: { id: hid, locale, timeZone: 'Europe/Berlin' },
    consent: grantingGate(h.store, hid, ['consumption', 'preferences']),
    services: { orders: createOrdersService({ store: h.store, drafts }) },
    now: () => NOW,
    language,
    ...(options.channel
      ? { channel: options.channel, device: { id: 'dev_machine', kind: 'coffee-machine' } }
      : {}),
  });
}

const ORDER_50 = { variety: 'ristretto', quantity: '50' };
const SEEDED = {
  name: 'Jonas Becker',
  line1: 'Lindenstraße 24',
  postalCode: '10969',
  city: 'Berlin',
  country: 'DE',
};
const MOVED = {
  name: 'Jonas Becker',
  line1: 'Oranienstraße 5',
  postalCode: '10997',
  city: 'Berlin',
  country: 'DE',
};

/** What each primary locale says of the seeded address, spoken and on the card. */
const READ_BACK: Record<'en-US' | 'fr-FR' | 'de-DE' | 'es-ES' | 'it-IT', { said: string; card: string }> = {
  'en-US': {
    said: 'to your address in Berlin 10969, on the street beginning with L.',
    card: 'to Berlin 10969 (L…)',
  },
  'fr-FR': {
    said: 'à votre adresse de 10969 Berlin, dans la rue qui commence par L.',
    card: 'à 10969 Berlin (L…)',
  },
  'de-DE': {
    said: 'an deine Adresse in 10969 Berlin, in der Straße mit dem Anfangsbuchstaben L.',
    card: 'an 10969 Berlin (L…)',
  },
  'es-ES': {
    said: 'en tu dirección de 10969 Berlin, en la calle que empieza por L.',
    card: 'a 10969 Berlin (L…)',
  },
  'it-IT': {
    said: 'al tuo indirizzo di 10969 Berlin, nella via che inizia con L.',
    card: 'a 10969 Berlin (L…)',
  },
};

describe('the proposal reads the delivery address back masked', () => {
  it.each(Object.keys(READ_BACK) as (keyof typeof READ_BACK)[])(
    '%s: postal code, city and the street initial, spoken and on the card; never the name, street or number',
    async (locale) => {
      const asked = await chat(locale, { channel: 'screen' }).send('ReorderIntent', ORDER_50);
      expect(asked.speech).toContain(READ_BACK[locale].said);
      expect(asked.card?.items[0]?.subtitle).toContain(READ_BACK[locale].card);
      const shown = JSON.stringify(asked);
      for (const hidden of ['Jonas', 'Becker', 'Lindenstraße', '24']) expect(shown).not.toContain(hidden);
    },
  );

  it('fr-CA says the city first, as Québec writes it', async () => {
    const asked = await chat('fr-CA').send('ReorderIntent', ORDER_50);
    expect(asked.speech).toContain('à votre adresse de Berlin (10969), dans la rue qui commence par L.');
  });

  it('keeps the address used on the proposal and the order, and sends it to the brand in order.placed only', async () => {
    const c = chat('en-US');
    await c.send('ReorderIntent', ORDER_50);
    const [proposal] = await h.store.query({ collection: proposalsCollection(hid) });
    expect(proposal?.data?.deliveryAddress).toEqual(SEEDED);
    expect((await c.send('AMAZON.YesIntent')).speech).toContain("I've ordered 50 ristretto");
    const orderId = orderIdFor(proposal!.id);
    const [order] = await ordersOf(h.store, hid);
    expect(order?.data?.deliveryAddress).toEqual(SEEDED);
    const placed = await h.store.get(outboxPath('crema', `${orderId}.order.placed`));
    expect(JSON.parse(String(placed.data?.body))).toMatchObject({ orderId, deliveryAddress: SEEDED });
    await c.send('CancelOrderIntent');
    const cancelled = await h.store.get(outboxPath('crema', `${orderId}.order.cancelled`));
    expect(JSON.parse(String(cancelled.data?.body))).not.toHaveProperty('deliveryAddress');
  });
});

describe('a yes re-checks the address', () => {
  it('orders nothing when the household removed its address since the proposal, and says where to set one', async () => {
    const c = chat('en-US');
    await c.send('ReorderIntent', ORDER_50);
    await h.store.delete(paths.deliveryAddress(hid));
    const yes = await c.send('AMAZON.YesIntent');
    expect(yes.speech).toContain('no longer has a delivery address, so I haven’t ordered anything');
    expect(yes.speech).toContain('account page');
    expect(await ordersOf(h.store, hid)).toHaveLength(0);
    // The proposal is gone from the session: another yes answers no question.
    expect((await c.send('AMAZON.YesIntent')).speech).toContain("not sure what you're answering");
    expect(await ordersOf(h.store, hid)).toHaveLength(0);
  });

  it.each([
    [
      'en-US',
      'has changed since I made this offer',
      'to your address in Berlin 10997, on the street beginning with O',
    ],
    ['de-DE', 'hat sich seit diesem Angebot geändert', 'an deine Adresse in 10997 Berlin'],
  ] as const)(
    '%s: orders nothing when the address changed, offers again to the new one, and a yes orders there',
    async (locale, changed, newAddress) => {
      const c = chat(locale);
      await c.send('ReorderIntent', ORDER_50);
      await h.store.set(paths.deliveryAddress(hid), { ...MOVED, updatedAt: NOW.toISOString() });
      const yes = await c.send('AMAZON.YesIntent');
      expect(yes.speech).toContain(changed);
      expect(yes.speech).toContain(newAddress);
      expect(await ordersOf(h.store, hid)).toHaveLength(0);
      // The old proposal is replaced by one to the new address.
      const proposals = await h.store.query({ collection: proposalsCollection(hid) });
      expect(proposals.map((p) => p.data?.deliveryAddress)).toEqual([MOVED]);
      await c.send('AMAZON.YesIntent');
      const [order] = await ordersOf(h.store, hid);
      expect(order?.data?.deliveryAddress).toEqual(MOVED);
    },
  );

  it('does not count setting the same address again as a change', async () => {
    const c = chat('en-US');
    await c.send('ReorderIntent', ORDER_50);
    await h.store.set(paths.deliveryAddress(hid), {
      ...SEEDED,
      updatedAt: new Date(NOW.getTime() + 1000).toISOString(),
    });
    expect((await c.send('AMAZON.YesIntent')).speech).toContain("I've ordered 50 ristretto");
  });
});

describe('without a delivery address', () => {
  beforeEach(async () => h.store.delete(paths.deliveryAddress(hid)));

  it('makes no proposal when asked, and says where to add an address', async () => {
    const asked = await chat('fr-FR').send('ReorderIntent', ORDER_50);
    expect(asked.speech).toContain('il me faut une adresse de livraison');
    expect(asked.session).not.toHaveProperty('proposal');
    expect(await h.store.query({ collection: proposalsCollection(hid) })).toEqual([]);
  });

  it('tells on the home card that capsules run low and an address is needed, with no yes/no', async () => {
    due = true;
    const home = await chat('de-DE', { channel: 'screen' }).send('CapsuleStockIntent');
    expect(home.speech).toContain('wird knapp');
    expect(home.speech).toContain('brauche ich eine Lieferadresse');
    expect(home.card?.actions.map((a) => a.intent)).toEqual(['ReorderIntent']);
    expect(await h.store.query({ collection: proposalsCollection(hid) })).toEqual([]);
  });

  it('orders nothing without asking either (auto_reorder)', async () => {
    await setConsent(h.store, hid, 'auto_reorder', true);
    const result = await createOrdersService({ store: h.store }).orderWithoutAsking({
      householdId: hid,
      skillId: 'coffee-companion',
      draft: ristretto(),
      now: NOW,
    });
    expect(result).toEqual({ status: 'refused', reason: 'noAddress' });
    expect(await ordersOf(h.store, hid)).toHaveLength(0);
  });
});

describe("an address outside the shop's market", () => {
  /** The household moved to Strasbourg: the DE shop's prices and delivery promises do not apply there. */
  const ABROAD = {
    name: 'Jonas Becker',
    line1: '3 rue des Juifs',
    postalCode: '67000',
    city: 'Strasbourg',
    country: 'FR',
  };
  const SAYS = {
    'en-US': 'in another country than the one this shop delivers to',
    'fr-FR': 'dans un autre pays que celui où cette boutique livre',
    'de-DE': 'in einem anderen Land als dem, in das dieser Shop liefert',
    'es-ES': 'en otro país distinto del que atiende esta tienda',
    'it-IT': 'in un paese diverso da quello in cui consegna questo negozio',
  } as const;

  it.each(Object.keys(SAYS) as (keyof typeof SAYS)[])(
    '%s: offers nothing, says why and where to change it, and keeps no proposal',
    async (locale) => {
      await h.store.set(paths.deliveryAddress(hid), { ...ABROAD, updatedAt: NOW.toISOString() });
      const asked = await chat(locale).send('ReorderIntent', ORDER_50);
      expect(asked.speech).toContain(SAYS[locale]);
      expect(asked.speech).not.toContain('Strasbourg');
      expect(await h.store.query({ collection: proposalsCollection(hid) })).toEqual([]);
    },
  );

  it('orders nothing on a yes once the address moved abroad since the proposal', async () => {
    const c = chat('en-US');
    await c.send('ReorderIntent', ORDER_50);
    await h.store.set(paths.deliveryAddress(hid), { ...ABROAD, updatedAt: NOW.toISOString() });
    const yes = await c.send('AMAZON.YesIntent');
    expect(yes.speech).toContain(SAYS['en-US']);
    expect(await ordersOf(h.store, hid)).toHaveLength(0);
  });

  it('says so on the home card when a reorder is due', async () => {
    due = true;
    await h.store.set(paths.deliveryAddress(hid), { ...ABROAD, updatedAt: NOW.toISOString() });
    const home = await chat('de-DE', { channel: 'screen' }).send('CapsuleStockIntent');
    expect(home.speech).toContain('wird knapp');
    expect(home.speech).toContain(SAYS['de-DE']);
    expect(await h.store.query({ collection: proposalsCollection(hid) })).toEqual([]);
  });
});
