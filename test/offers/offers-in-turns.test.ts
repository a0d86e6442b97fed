/**
 * The offers engine through the real app (SQLite file, ledger policy, signed Alexa requests):
 * a campaign an intent triggers is shown as a sponsored card on a screen and stopped by the
 * channel policy on Alexa; each decision is in the offer log; the daily cap, quiet hours and
 * objections hold from the next turn; "why did you suggest that" and the explanation route
 * answer from the offer log.
 */
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { ledgerPolicy } from '../../src/consent/consent-policy.js';
import { createEffectWriter } from '../../src/household/effect-writer.js';
import { householdRecordSchema } from '../../src/household/household-record.js';
import { paths } from '../../src/household/paths.js';
import { createOfferEngine } from '../../src/offers/offer-engine.js';
import { type OfferLogRecord, offerLogRecordSchema } from '../../src/offers/offer-log-record.js';
import { bearer, createHarness, type Harness } from '../support/app-harness.js';
import { demoAlexaSpeech } from '../support/demo-alexa.js';
import { fridgeOf, screenTurn } from '../support/http-expect.js';
import { spinachDeal } from '../support/spinach-deal.js';

/** The demo on a real SQLite file at `now`, with the engine on the campaign above and a writer the test flushes. */
async function harnessAt(now: string): Promise<Harness & { flush: () => Promise<void> }> {
  const h = await createHarness({ consent: ledgerPolicy, clock: () => new Date(now) });
  const effects = createEffectWriter({ store: h.store, logger: pino({ level: 'silent' }) });
  const offers = createOfferEngine({ campaigns: [spinachDeal], store: h.store });
  return Object.assign(h, { app: createApp({ ...h.deps, effects, offers }), flush: () => effects.flush() });
}

const noon = await harnessAt('2026-11-20T11:00:00Z');
afterAll(() => noon.close());
const martin = noon.demo.households.find((hh) => hh.locale === 'fr-FR')!;

const screen = (h: Harness, device: { id: string; token: string }, body: Record<string, unknown>) =>
  screenTurn(h.app, device, body);

async function offerLog(h: Harness, hid: string): Promise<OfferLogRecord[]> {
  const snaps = await h.store.query({ collection: `households/${hid}/offerLog` });
  return snaps.map((s) => offerLogRecordSchema.parse(s.data));
}

describe('a campaign in the turn', () => {
  it('shows a sponsored card beside the screen answer, records it, and counts it for the day', async () => {
    const answer = await screen(noon, fridgeOf(martin), { intent: 'WhatsInMyFridgeIntent' });
    const offer = answer.card?.items.find((i) => i.id.startsWith('offer:'));
    expect(offer?.badges).toEqual(['Sponsorisé']);
    expect(answer.text).toContain('Offre sponsorisée : ');
    expect(answer.card?.actions.some((a) => a.intent === 'WhyThisSuggestionIntent')).toBe(true);
    const [record] = await offerLog(noon, martin.id);
    expect(record).toMatchObject({
      offerId: offer?.id.slice('offer:'.length),
      decision: 'shown',
      campaignId: 'spinach-deal',
      channel: 'screen',
      locale: 'fr-FR',
      sponsored: true,
      purposes: ['offers', 'inventory'],
      measured: true,
      week: '2026-W47',
    });
    const household = householdRecordSchema.parse((await noon.store.get(paths.household(martin.id))).data);
    expect(household.offerCounts).toMatchObject({ day: '2026-11-20', screen: 1 });
    expect(household.lastOffer?.offerId).toBe(record?.offerId);
  });

  it('explains it from the offer log, by voice and by the API, in the household’s language', async () => {
    const [record] = await offerLog(noon, martin.id);
    const why = await screen(noon, fridgeOf(martin), { intent: 'WhyThisSuggestionIntent' });
    expect(why.text).toMatch(/^Je vous ai proposé .* parce que .*C'est une offre sponsorisée de Frostline\./);
    expect(why.text).toContain('ce qu');
    const response = await noon.app.request(
      `/v1/households/${martin.id}/offers/${record?.offerId}/explanation`,
      { headers: bearer(martin.token) },
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      brandId: 'frostline',
      campaignId: 'spinach-deal',
      sponsored: true,
      decision: 'shown',
    });
    expect(body.text).toBe(why.text);
    // Another household's token never sees it; an unknown offer is a clear 404.
    const other = noon.demo.households.find((hh) => hh.id !== martin.id)!;
    const foreign = await noon.app.request(
      `/v1/households/${martin.id}/offers/${record?.offerId}/explanation`,
      {
        headers: bearer(other.token),
      },
    );
    expect(foreign.status).toBe(404);
    const unknown = await noon.app.request(`/v1/households/${martin.id}/offers/ofr_nothing/explanation`, {
      headers: bearer(martin.token),
    });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { code: string }).code).toBe('unknown_offer');
  });

  it('never speaks a sponsored offer on Alexa unasked: suppressed by the channel policy, and logged', async () => {
    const before = (await offerLog(noon, martin.id)).length;
    const ssml = await demoAlexaSpeech(noon.app, noon.demo, martin, {
      skillId: 'fridge-chef',
      intent: 'WhatsInMyFridgeIntent',
    });
    expect(ssml).not.toContain('sponsorisée');
    await noon.flush();
    const records = await offerLog(noon, martin.id);
    expect(records.length).toBe(before + 1);
    expect(records.filter((r) => r.channel === 'alexa')).toEqual([
      expect.objectContaining({ decision: 'suppressed', reason: 'channelPolicy', requested: false }),
    ]);
  });

  it('keeps the screen’s daily cap: the fifth offer of the day is suppressed', async () => {
    for (let i = 0; i < 4; i++) await screen(noon, fridgeOf(martin), { intent: 'WhatsInMyFridgeIntent' });
    await noon.flush();
    const shown = (await offerLog(noon, martin.id)).filter((r) => r.channel === 'screen');
    expect(shown.filter((r) => r.decision === 'shown')).toHaveLength(4);
    expect(shown.filter((r) => r.decision === 'suppressed')).toEqual([
      expect.objectContaining({ reason: 'frequencyCap' }),
    ]);
  });

  it('stops a brand’s offers from the next turn once the household objects, and says so in the log', async () => {
    const other = noon.demo.households.find((hh) => hh.locale === 'de-DE')!;
    const first = await screen(noon, fridgeOf(other), { intent: 'WhatsInMyFridgeIntent' });
    expect(first.card?.items.some((i) => i.id.startsWith('offer:'))).toBe(true);
    const objection = await noon.app.request(`/v1/households/${other.id}/objections`, {
      method: 'POST',
      headers: bearer(other.token, true),
      body: JSON.stringify({ brandId: 'frostline', campaignId: 'spinach-deal' }),
    });
    expect(objection.status).toBe(200);
    expect(await objection.json()).toEqual({
      marketing: false,
      brands: [],
      campaigns: [{ brandId: 'frostline', campaignId: 'spinach-deal' }],
    });
    const next = await screen(noon, fridgeOf(other), { intent: 'WhatsInMyFridgeIntent' });
    expect(next.card?.items.some((i) => i.id.startsWith('offer:'))).toBe(false);
    await noon.flush();
    expect((await offerLog(noon, other.id)).map((r) => r.reason ?? r.decision).sort()).toEqual([
      'campaignObjection',
      'shown',
    ]);
  });

  it('refuses objections that name nothing real, clearly', async () => {
    const hh = noon.demo.households.find((x) => x.locale === 'it-IT')!;
    const post = (body: unknown) =>
      noon.app.request(`/v1/households/${hh.id}/objections`, {
        method: 'POST',
        headers: bearer(hh.token, true),
        body: JSON.stringify(body),
      });
    const codes = async (r: Response) => [r.status, ((await r.json()) as { code: string }).code];
    expect(await codes(await post({ campaignId: 'spinach-deal' }))).toEqual([400, 'campaign_needs_brand']);
    expect(await codes(await post({ brandId: 'nobody' }))).toEqual([404, 'unknown_brand']);
    expect(await codes(await post({ brandId: 'frostline', campaignId: 'nothing' }))).toEqual([
      404,
      'unknown_campaign',
    ]);
    expect(await codes(await post({ brandId: 'frostline', extra: 1 }))).toEqual([400, 'validation_failed']);
    // Neither named: the objection to all direct marketing, through the ledger.
    const all = await post({});
    expect(all.status).toBe(200);
    expect(((await all.json()) as { marketing: boolean }).marketing).toBe(true);
  });

  it('counts putting the offered product on the shopping list as a conversion of the offers shown', async () => {
    const added = await screen(noon, fridgeOf(martin), {
      intent: 'AddToShoppingListIntent',
      slots: { ingredient: 'cream' },
    });
    expect(added.text).not.toBe('');
    // The conversion is written after the reply: wait for it, boundedly.
    let records = await offerLog(noon, martin.id);
    for (let i = 0; i < 50 && records.some((r) => r.decision === 'shown' && !r.convertedAt); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      records = await offerLog(noon, martin.id);
    }
    const shown = records.filter((r) => r.decision === 'shown');
    expect(shown.length).toBeGreaterThan(0);
    for (const record of shown) expect(record.convertedAt).toBe('2026-11-20T11:00:00.000Z');
    // Suppressed for another reason than the control group: neither seen nor a control.
    for (const record of records.filter((r) => r.decision === 'suppressed'))
      expect(record.convertedAt).toBeUndefined();
  });
});

describe('quiet hours', () => {
  it('offer nothing unasked at 22:30 in the household’s time zone, and log why', async () => {
    const late = await harnessAt('2026-11-20T21:30:00Z');
    try {
      const hh = late.demo.households.find((x) => x.locale === 'fr-FR')!;
      const answer = await screen(late, fridgeOf(hh), { intent: 'WhatsInMyFridgeIntent' });
      expect(answer.card?.items.some((i) => i.id.startsWith('offer:'))).toBe(false);
      await late.flush();
      expect((await offerLog(late, hh.id)).at(-1)).toMatchObject({
        decision: 'suppressed',
        reason: 'quietHours',
      });
    } finally {
      await late.close();
    }
  });
});
