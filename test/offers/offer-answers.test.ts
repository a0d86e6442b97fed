/**
 * Taking up an offer, through the real app on the shipped campaigns (SQLite file, ledger
 * policy, signed Alexa requests): an offer with an accept action asks its question; a yes (voice)
 * or a tap on its action (screens) runs the action and records the offer as accepted, a no
 * declines it, anything else lets it lapse; an offer id the session names is looked up in the
 * household's own log only.
 */
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { SKILLS } from '../../skills/index.js';
import { createApp } from '../../src/app.js';
import type { ScreenReply } from '../../src/channels/screen/screen-reply.js';
import { ledgerPolicy } from '../../src/consent/consent-policy.js';
import { createEffectWriter } from '../../src/household/effect-writer.js';
import { type OfferLogRecord, offerLogRecordSchema } from '../../src/offers/offer-log-record.js';
import { createShippedOfferEngine } from '../../src/offers/shipped-offer-engine.js';
import { createHarness } from '../support/app-harness.js';
import { demoAlexaTurn } from '../support/demo-alexa.js';
import { coffeeOf, fridgeOf, screenTurn } from '../support/http-expect.js';

const h = await createHarness({ consent: ledgerPolicy, clock: () => new Date('2026-11-20T11:00:00Z') });
const effects = createEffectWriter({ store: h.store, logger: pino({ level: 'silent' }) });
const offers = createShippedOfferEngine({ skills: SKILLS, store: h.store });
h.app = createApp({ ...h.deps, effects, offers });
afterAll(() => h.close());

const martin = h.demo.households.find((hh) => hh.locale === 'fr-FR')!;
const lena = h.demo.households.find((hh) => hh.locale === 'de-DE')!;

const screen = (device: { id: string; token: string }, body: Record<string, unknown>) =>
  screenTurn(h.app, device, body);

async function record(hid: string, offerId: string): Promise<OfferLogRecord> {
  return offerLogRecordSchema.parse((await h.store.get(`households/${hid}/offerLog/${offerId}`)).data);
}

/** The record once `done` holds of it (answers and conversions are written after the reply). */
async function settled(hid: string, offerId: string, done: (r: OfferLogRecord) => boolean) {
  let found = await record(hid, offerId);
  for (let i = 0; i < 50 && !done(found); i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    found = await record(hid, offerId);
  }
  return found;
}

function offerIdOf(answer: ScreenReply): string {
  const item = answer.card?.items.find((i) => i.id.startsWith('offer:'));
  expect(item).toBeDefined();
  return item?.id.slice('offer:'.length) ?? '';
}

describe('an offer the household takes up', () => {
  it('on a screen: asks, shows its action, and the tap runs it and records it accepted and converted', async () => {
    const deals = await screen(fridgeOf(martin), { intent: 'DealsIntent' });
    const offerId = offerIdOf(deals);
    expect(deals.text).toMatch(/J'ajoute du parmesan à votre liste de courses \?$/);
    const action = deals.card?.actions.find((a) => a.id === 'accept-offer');
    expect(action).toEqual({
      id: 'accept-offer',
      label: 'Ajouter du parmesan à ma liste',
      intent: 'AddToShoppingListIntent',
      slots: { ingredient: 'parmesan' },
    });
    expect(deals.session?._offer).toEqual({ offerId, campaignId: 'weekly-deals' });

    const tapped = await screen(fridgeOf(martin), {
      intent: action?.intent,
      slots: action?.slots,
      session: deals.session,
    });
    expect(tapped.text).toContain('parmesan');
    expect(tapped.session?._offer).toBeUndefined();
    const taken = await settled(martin.id, offerId, (r) => !!r.acceptedAt && !!r.convertedAt);
    expect(taken).toMatchObject({
      decision: 'shown',
      acceptedAt: '2026-11-20T11:00:00.000Z',
      convertedAt: '2026-11-20T11:00:00.000Z',
    });
    expect(taken.declinedAt).toBeUndefined();
  });

  it('by voice: the yes runs the offer’s action (the household’s own words never needed)', async () => {
    const asked = await demoAlexaTurn(h.app, h.demo, martin, {
      skillId: 'fridge-chef',
      intent: 'DealsIntent',
    });
    expect(asked.ssml).toContain('parmesan à votre liste de courses ?');
    const pending = asked.attributes._offer as { offerId: string };
    expect(pending.offerId).toMatch(/^ofr/);
    const yes = await demoAlexaTurn(h.app, h.demo, martin, {
      skillId: 'fridge-chef',
      intent: 'AMAZON.YesIntent',
      attributes: asked.attributes,
    });
    // Already on the list from the screen: the list's own answer, not "there was no question".
    expect(yes.ssml).toContain('parmesan');
    expect(yes.ssml).not.toMatch(/question/i);
    expect(yes.attributes._offer).toBeUndefined();
    const taken = await settled(martin.id, pending.offerId, (r) => !!r.acceptedAt);
    expect(taken.acceptedAt).toBe('2026-11-20T11:00:00.000Z');
  });

  it('a no declines it, in the household’s language, once', async () => {
    const asked = await screen(coffeeOf(lena), { intent: 'CapsuleStockIntent' });
    const offerId = offerIdOf(asked);
    expect(asked.session?._offer).toEqual({ offerId, campaignId: 'decaf-evening' });
    expect(asked.text).toContain('Möchtest du Crema Decaf bestellen?');
    const no = await screen(coffeeOf(lena), { intent: 'AMAZON.NoIntent', session: asked.session });
    expect(no.text).toBe('Kein Problem.');
    const declined = await settled(lena.id, offerId, (r) => !!r.declinedAt);
    expect(declined.declinedAt).toBe('2026-11-20T11:00:00.000Z');
    expect(declined.acceptedAt).toBeUndefined();
    // A second answer to the same offer (a replayed session) changes nothing.
    await screen(coffeeOf(lena), { intent: 'AMAZON.YesIntent', session: asked.session });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await record(lena.id, offerId)).acceptedAt).toBeUndefined();
  });

  it('lapses when the household says something else', async () => {
    const asked = await screen(coffeeOf(lena), { intent: 'CapsuleStockIntent' });
    const offerId = offerIdOf(asked);
    const other = await screen(coffeeOf(lena), { intent: 'RunOutDateIntent', session: asked.session });
    expect(other.session?._offer).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const lapsed = await record(lena.id, offerId);
    expect(lapsed.acceptedAt).toBeUndefined();
    expect(lapsed.declinedAt).toBeUndefined();
  });

  it('never answers another household’s offer, whatever the session names', async () => {
    const deals = await screen(fridgeOf(martin), { intent: 'DealsIntent' });
    const offerId = offerIdOf(deals);
    const forged = { _offer: { offerId, campaignId: 'weekly-deals' } };
    await screen(fridgeOf(lena), { intent: 'AMAZON.NoIntent', session: forged });
    await screen(fridgeOf(lena), { intent: 'AMAZON.YesIntent', session: forged });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const untouched = await record(martin.id, offerId);
    expect(untouched.acceptedAt).toBeUndefined();
    expect(untouched.declinedAt).toBeUndefined();
    // Malformed offer records in a session are not offers: a plain "no question" answer.
    const odd = await screen(fridgeOf(lena), {
      intent: 'AMAZON.NoIntent',
      session: { _offer: { offerId: '../x', campaignId: 'weekly-deals' } },
    });
    expect(odd.text).not.toContain('Kein Problem');
  });
});

describe('the daily count under concurrent turns', () => {
  it('loses no shown offer: the household’s count equals the offers the log shows', async () => {
    const itsy = h.demo.households.find((hh) => hh.locale === 'it-IT')!;
    await Promise.all(
      Array.from({ length: 3 }, () => screen(coffeeOf(itsy), { intent: 'CapsuleStockIntent' })),
    );
    await Promise.all(
      Array.from({ length: 3 }, () => screen(coffeeOf(itsy), { intent: 'CapsuleStockIntent' })),
    );
    const snaps = await h.store.query({ collection: `households/${itsy.id}/offerLog` });
    const shown = snaps
      .map((s) => offerLogRecordSchema.parse(s.data))
      .filter((r) => r.decision === 'shown' && r.channel === 'screen');
    expect(shown.length).toBeGreaterThanOrEqual(4);
    const household = (await h.store.get(`households/${itsy.id}`)).data as {
      offerCounts?: { day: string; screen: number };
    };
    expect(household.offerCounts).toMatchObject({ day: '2026-11-20', screen: shown.length });
  });
});
