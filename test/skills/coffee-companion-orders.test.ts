/**
 * coffee-companion ordering capsules with the orders service on a real SQLite store (the
 * demo seeded): the confirming question with the total, delivery and obligation to pay in
 * every locale, exactly one order per proposal, the right of withdrawal, refusals of a
 * proposal the session cannot name, the voice code, the in-progress guard, cancelling by
 * voice and on screen, and what the home card brings up unasked.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import coffeeCompanion from '../../skills/coffee-companion/skill.js';
import { createOrdersService, type DraftRequest } from '../../src/domains/capsules/orders/orders-service.js';
import type { ReorderProposalDraft } from '../../src/domains/capsules/reorder-proposal.js';
import { contextPath } from '../../src/household/context-documents.js';
import { paths } from '../../src/household/paths.js';
import { hashSecret } from '../../src/ids/secret-hash.js';
import { createConversation } from '../../src/runtime/conversation.js';
import { loadDefaultLanguage } from '../../src/runtime/default-language.js';
import type { Locale } from '../../src/runtime/locales.js';
import { runTurn } from '../../src/runtime/run-turn.js';
import type { SessionState } from '../../src/runtime/turn.js';
import { ordersOf, ristretto, ristrettoFor, setConsent } from '../domains/capsules/orders/order-fixtures.js';
import { createHarness, type Harness } from '../support/app-harness.js';
import { grantingGate } from '../support/granting-gate.js';

const NOW = new Date('2026-11-20T09:00:00.000Z');
const language = loadDefaultLanguage();
let h: Harness;
let hid: string;
/** Whether the capsules domain would offer a reorder unasked right now (the home card). */
let due: boolean;

/** The capsules domain's drafts, as its forecast would make them: what was asked, or the usual when due. */
async function drafts(request: DraftRequest): Promise<ReorderProposalDraft | undefined> {
  if (!request.asked && !due) return undefined;
  const variety = request.variety ?? 'ristretto';
  const capsules = request.quantity ?? 50;
  return ristretto({ variety, capsules, boxes: Math.ceil(capsules / 10), totalMinor: capsules * 43 });
}

beforeEach(async () => {
  h = await createHarness();
  hid = h.demo.households.find((hh) => hh.locale === 'de-DE')!.id;
  due = false;
});
afterEach(async () => h.close());

const services = () => ({ orders: createOrdersService({ store: h.store, drafts }) });

function chat(locale: Locale, options: { channel?: 'screen'; now?: Date } = {}) {
  return createConversation(coffeeCompanion, {
    locale,
    household: { id: hid, locale, timeZone: 'Europe/Berlin' },
    consent: grantingGate(h.store, hid, ['consumption', 'preferences']),
    services: services(),
    now: () => options.now ?? NOW,
    language,
    ...(options.channel
      ? { channel: options.channel, device: { id: 'dev_machine', kind: 'coffee-machine' } }
      : {}),
  });
}

/** One turn with a session as a client might send it back (forged or replayed). */
async function turnWithSession(intent: string, session: SessionState, now = NOW) {
  const { reply } = await runTurn(
    coffeeCompanion,
    {
      channel: 'test',
      locale: 'en-US',
      intent,
      slots: {},
      session,
      now,
      household: async () => ({
        status: 'ok',
        household: { id: hid, locale: 'en-US', timeZone: 'Europe/Berlin' },
        context: { granted: [], documents: {} },
      }),
    },
    { language, services: services() },
  );
  return reply;
}

const ORDER_50 = { variety: 'ristretto', quantity: '50' };

/** What each locale must say: the obligation to pay before the yes, the right of withdrawal after it. */
const WORDING: Record<Locale, { pay: string; total: string; withdrawal: string; cancelled: string }> = {
  'en-US': {
    pay: 'obligation to pay',
    total: '€21.50',
    withdrawal: 'withdraw from the purchase within 14 days',
    cancelled: 'cancelled',
  },
  'en-GB': {
    pay: 'obligation to pay',
    total: '€21.50',
    withdrawal: 'withdraw from the purchase within 14 days',
    cancelled: 'cancelled',
  },
  'de-DE': {
    pay: 'zahlungspflichtig bestellen',
    total: '21,50\u00a0€',
    withdrawal: '14 Tage Widerrufsrecht',
    cancelled: 'storniert',
  },
  'fr-FR': {
    pay: 'avec obligation de paiement',
    total: '21,50\u00a0€',
    withdrawal: 'droit de rétractation de 14 jours',
    cancelled: 'annulée',
  },
  'fr-CA': {
    pay: 'avec obligation de paiement',
    total: '21,50\u00a0€',
    withdrawal: 'droit de rétractation de 14 jours',
    cancelled: 'annulée',
  },
  'es-ES': {
    pay: 'con obligación de pago',
    total: '21,50\u00a0€',
    withdrawal: '14 días de derecho de desistimiento',
    cancelled: 'cancelado',
  },
  'it-IT': {
    pay: 'con obbligo di pagamento',
    total: '21,50\u00a0€',
    withdrawal: 'diritto di recesso',
    cancelled: 'annullato',
  },
};

describe('ordering by voice in every locale', () => {
  it.each(Object.keys(WORDING) as Locale[])(
    '%s: total, delivery and the obligation to pay; one order; withdrawal; cancel',
    async (locale) => {
      const wording = WORDING[locale];
      const c = chat(locale);
      const asked = await c.send('ReorderIntent', ORDER_50);
      expect(asked.speech).toContain(wording.pay);
      expect(asked.speech).toContain(wording.total);
      // The session names the proposal and nothing of what it says.
      expect(Object.keys(asked.session).sort()).toEqual(['_question', 'lastSuggestion', 'proposal']);
      const placed = await c.send('AMAZON.YesIntent');
      expect(placed.speech).toContain(wording.withdrawal);
      expect(placed.card?.actions.map((a) => a.intent)).toEqual(['CancelOrderIntent']);
      expect(await ordersOf(h.store, hid)).toHaveLength(1);
      const cancelled = await c.send('CancelOrderIntent');
      expect(cancelled.speech).toContain(wording.cancelled);
    },
  );
});

describe('what a yes can and cannot order', () => {
  it('places one order for a proposal however often yes is said', async () => {
    const c = chat('en-US');
    const asked = await c.send('ReorderIntent', ORDER_50);
    const session = asked.session;
    expect((await c.send('AMAZON.YesIntent')).speech).toContain(
      "I've ordered 50 ristretto capsules for €21.50",
    );
    expect((await turnWithSession('AMAZON.YesIntent', session)).speech).toContain('already been placed');
    expect(await ordersOf(h.store, hid)).toHaveLength(1);
  });

  it("refuses a session naming another household's, an unknown or an expired proposal, and orders nothing", async () => {
    const other = h.demo.households.find((hh) => hh.locale === 'fr-FR')!.id;
    const theirs = await services().orders.offer({
      householdId: other,
      skillId: 'coffee-companion',
      draft: ristrettoFor('fr-FR'),
      asked: true,
      now: NOW,
    });
    if (theirs.status !== 'offered') throw new Error('not offered');
    const named = (proposal: string) => ({ _question: 'confirmOrder', proposal });
    expect((await turnWithSession('AMAZON.YesIntent', named(theirs.proposal.id))).speech).toContain(
      'find that offer',
    );
    expect((await turnWithSession('AMAZON.YesIntent', named('prp_unknown'))).speech).toContain(
      'find that offer',
    );
    const mine = (await chat('en-US').send('ReorderIntent', ORDER_50)).session;
    const late = new Date(NOW.getTime() + 31 * 60_000);
    expect((await turnWithSession('AMAZON.YesIntent', mine, late)).speech).toContain('offer has expired');
    expect(await ordersOf(h.store, hid)).toHaveLength(0);
    expect(await ordersOf(h.store, other)).toHaveLength(0);
  });

  it('answers that an order is already on its way while one of the variety is in progress', async () => {
    const c = chat('en-US');
    await c.send('ReorderIntent', ORDER_50);
    await c.send('AMAZON.YesIntent');
    await c.send('ReorderIntent', { variety: 'ristretto', quantity: '30' });
    expect((await c.send('AMAZON.YesIntent')).speech).toContain('already on its way');
    expect(await ordersOf(h.store, hid)).toHaveLength(1);
  });

  it('asks for the voice code the household set, refuses a wrong one, orders with the right one', async () => {
    await h.store.merge(contextPath(hid, 'preferences'), { voiceCodeHash: hashSecret('4711') });
    const c = chat('en-US');
    const asked = await c.send('ReorderIntent', ORDER_50);
    expect(asked.speech).toContain('obligation to pay, please say your voice code');
    expect((await c.send('AMAZON.YesIntent')).speech).toContain('say your voice code');
    expect((await c.send('VoiceCodeIntent', { code: '1234' })).speech).toContain('voice code isn');
    expect(await ordersOf(h.store, hid)).toHaveLength(0);
    await c.send('ReorderIntent', ORDER_50);
    expect((await c.send('VoiceCodeIntent', { code: '4711' })).speech).toContain('ordered 50 ristretto');
  });

  it('drops a proposal on no, and changes the quantity with a new proposal', async () => {
    const c = chat('en-US');
    await c.send('ReorderIntent', ORDER_50);
    expect((await c.send('ChangeQuantityIntent', { quantity: '20' })).speech).toContain(
      '20 ristretto capsules',
    );
    expect((await c.send('AMAZON.NoIntent')).speech).toContain('order anything');
    expect(await ordersOf(h.store, hid)).toHaveLength(0);
  });
});

describe('cancelling on a screen', () => {
  it("cancels with the placed order's card action, recorded as the screen's", async () => {
    const c = chat('de-DE', { channel: 'screen' });
    await c.send('ReorderIntent', ORDER_50);
    const placed = await c.send('AMAZON.YesIntent');
    const action = placed.card!.actions[0]!;
    expect((await c.send(action.intent)).speech).toContain('storniert');
    const [order] = await ordersOf(h.store, hid);
    expect(order?.data?.history).toEqual([
      expect.objectContaining({ status: 'placed', by: 'screen:dev_machine' }),
      expect.objectContaining({ status: 'cancelled', by: 'screen:dev_machine' }),
    ]);
  });
});

describe('the home card, unasked', () => {
  it('offers a due reorder with its price and obligation to pay; the objection to marketing stops it', async () => {
    due = true;
    const offered = await chat('de-DE', { channel: 'screen' }).send('CapsuleStockIntent');
    expect(offered.speech).toContain('zahlungspflichtig bestellen');
    expect(offered.card?.actions.map((a) => a.intent)).toEqual(['AMAZON.YesIntent', 'AMAZON.NoIntent']);
    await h.store.merge(paths.household(hid), {
      marketingObjection: { at: NOW.toISOString(), entry: 'e-test' },
    });
    const stopped = await chat('de-DE', { channel: 'screen' }).send('CapsuleStockIntent');
    expect(stopped.speech).not.toContain('zahlungspflichtig');
    // Asking still works.
    expect((await chat('de-DE').send('ReorderIntent', ORDER_50)).speech).toContain(
      'zahlungspflichtig bestellen',
    );
  });

  it('tells of an order placed without asking (auto_reorder) at the next interaction, once', async () => {
    await setConsent(h.store, hid, 'auto_reorder', true);
    const placed = await services().orders.orderWithoutAsking({
      householdId: hid,
      skillId: 'coffee-companion',
      draft: ristretto(),
      now: NOW,
    });
    expect(placed.status).toBe('placed');
    expect((await chat('en-US').send('CapsuleStockIntent')).speech).toContain(
      'As you allowed, I ordered 50 ristretto',
    );
    expect((await chat('en-US').send('CapsuleStockIntent')).speech).not.toContain('As you allowed');
  });
});
