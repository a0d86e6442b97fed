/**
 * Seeing and lifting objections to a brand's offers or to one campaign through the real app
 * (SQLite file, ledger policy): `GET /v1/households/:hid/objections` lists them, the two
 * `DELETE` routes lift them (one that does not stand is no change), names that are not real
 * are refused as the POST refuses them, another household's are not found, and once lifted
 * the next turn's guards let the brand's offers through again.
 */
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { ledgerPolicy } from '../../src/consent/consent-policy.js';
import { createEffectWriter } from '../../src/household/effect-writer.js';
import { paths } from '../../src/household/paths.js';
import { createOfferEngine } from '../../src/offers/offer-engine.js';
import { offerLogRecordSchema } from '../../src/offers/offer-log-record.js';
import { bearer, createHarness } from '../support/app-harness.js';
import { fridgeOf } from '../support/http-expect.js';
import { spinachDeal } from '../support/spinach-deal.js';

const h = await createHarness({ consent: ledgerPolicy, clock: () => new Date('2026-11-20T11:00:00Z') });
const effects = createEffectWriter({ store: h.store, logger: pino({ level: 'silent' }) });
const app = createApp({
  ...h.deps,
  effects,
  offers: createOfferEngine({ campaigns: [spinachDeal], store: h.store }),
});
afterAll(() => h.close());

type Household = (typeof h.demo.households)[number];
const byLocale = (locale: string) => h.demo.households.find((x) => x.locale === locale)!;

const objections = (hh: Household, path = '', method = 'GET', token = hh.token) =>
  app.request(`/v1/households/${hh.id}/objections${path}`, { method, headers: bearer(token) });

async function object(hh: Household, body: { brandId?: string; campaignId?: string }) {
  const response = await app.request(`/v1/households/${hh.id}/objections`, {
    method: 'POST',
    headers: bearer(hh.token, true),
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

const codes = async (r: Response) => [r.status, ((await r.json()) as { code: string }).code];

/** Whether the fridge's screen shows an offer to "what's in my fridge". */
async function offerShown(hh: Household): Promise<boolean> {
  const fridge = fridgeOf(hh);
  const response = await app.request(`/v1/screens/${fridge.id}/turns`, {
    method: 'POST',
    headers: bearer(fridge.token, true),
    body: JSON.stringify({ intent: 'WhatsInMyFridgeIntent' }),
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { card?: { items: { id: string }[] } };
  return body.card?.items.some((i) => i.id.startsWith('offer:')) ?? false;
}

describe('the household’s objections to offers', () => {
  it('lists none at first, then the brands and campaigns it objected to', async () => {
    const es = byLocale('es-ES');
    const none = await objections(es);
    expect(none.status).toBe(200);
    expect(await none.json()).toEqual({ marketing: false, brands: [], campaigns: [] });
    await object(es, { brandId: 'crema' });
    await object(es, { brandId: 'frostline', campaignId: 'spinach-deal' });
    expect(await (await objections(es)).json()).toEqual({
      marketing: false,
      brands: ['crema'],
      campaigns: [{ brandId: 'frostline', campaignId: 'spinach-deal' }],
    });
  });

  it('lifts an objection to a brand, and the next turn shows that brand’s offers again', async () => {
    const de = byLocale('de-DE');
    expect(await offerShown(de)).toBe(true);
    await object(de, { brandId: 'frostline' });
    expect(await offerShown(de)).toBe(false);
    const lifted = await objections(de, '/brands/frostline', 'DELETE');
    expect(lifted.status).toBe(200);
    expect(await lifted.json()).toEqual({ marketing: false, brands: [], campaigns: [] });
    expect(await offerShown(de)).toBe(true);
    await effects.flush();
    const log = (await h.store.query({ collection: `households/${de.id}/offerLog` })).map((s) =>
      offerLogRecordSchema.parse(s.data),
    );
    expect(log.map((r) => r.reason ?? r.decision).sort()).toEqual(['brandObjection', 'shown', 'shown']);
  });

  it('lifts an objection to one campaign and leaves the one to its brand standing', async () => {
    const fr = byLocale('fr-FR');
    await object(fr, { brandId: 'frostline' });
    await object(fr, { brandId: 'frostline', campaignId: 'spinach-deal' });
    const lifted = await objections(fr, '/brands/frostline/campaigns/spinach-deal', 'DELETE');
    expect(lifted.status).toBe(200);
    expect(await lifted.json()).toEqual({ marketing: false, brands: ['frostline'], campaigns: [] });
    // The brand's objection still holds in the turn.
    expect(await offerShown(fr)).toBe(false);
  });

  it('answers the objections unchanged when the one lifted does not stand, writing nothing', async () => {
    const it_ = byLocale('it-IT');
    const before = (await h.store.get(paths.household(it_.id))).data;
    for (const path of ['/brands/frostline', '/brands/frostline/campaigns/spinach-deal']) {
      const response = await objections(it_, path, 'DELETE');
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ marketing: false, brands: [], campaigns: [] });
    }
    expect((await h.store.get(paths.household(it_.id))).data).toEqual(before);
  });

  it('lifts an objection that stands though its brand and campaign are gone since', async () => {
    const de = byLocale('de-DE');
    // Objections kept from before: a campaign that ended and was removed, a brand that left.
    await h.store.merge(paths.household(de.id), {
      offerObjections: { brands: ['gone-brand'], campaigns: ['frostline:ended-campaign'] },
    });
    const campaign = await objections(de, '/brands/frostline/campaigns/ended-campaign', 'DELETE');
    expect(campaign.status).toBe(200);
    expect(await campaign.json()).toEqual({ marketing: false, brands: ['gone-brand'], campaigns: [] });
    const brand = await objections(de, '/brands/gone-brand', 'DELETE');
    expect(brand.status).toBe(200);
    expect(await brand.json()).toEqual({ marketing: false, brands: [], campaigns: [] });
    // Once lifted, the names are unknown again.
    expect(await codes(await objections(de, '/brands/gone-brand', 'DELETE'))).toEqual([404, 'unknown_brand']);
  });

  it('refuses to lift what names nothing real, as an objection is refused', async () => {
    const gb = byLocale('en-GB');
    await object(gb, { brandId: 'frostline' });
    expect(await codes(await objections(gb, '/brands/nobody', 'DELETE'))).toEqual([404, 'unknown_brand']);
    expect(await codes(await objections(gb, '/brands/nobody/campaigns/spinach-deal', 'DELETE'))).toEqual([
      404,
      'unknown_brand',
    ]);
    expect(await codes(await objections(gb, '/brands/frostline/campaigns/nothing', 'DELETE'))).toEqual([
      404,
      'unknown_campaign',
    ]);
    expect(await codes(await objections(gb, '/brands/a.b', 'DELETE'))).toEqual([400, 'validation_failed']);
    expect(
      await codes(await objections(gb, `/brands/frostline/campaigns/${'x'.repeat(65)}`, 'DELETE')),
    ).toEqual([400, 'validation_failed']);
    expect(((await (await objections(gb)).json()) as { brands: string[] }).brands).toEqual(['frostline']);
  });

  it('never shows or lifts another household’s objections, and asks for a household’s token', async () => {
    const owner = byLocale('en-US');
    const other = byLocale('de-DE');
    await object(owner, { brandId: 'crema' });
    expect(await codes(await objections(owner, '', 'GET', other.token))).toEqual([404, 'not_found']);
    expect(await codes(await objections(owner, '/brands/crema', 'DELETE', other.token))).toEqual([
      404,
      'not_found',
    ]);
    expect(await codes(await objections(owner, '/brands/crema', 'DELETE', fridgeOf(owner).token))).toEqual([
      401,
      'unauthorized',
    ]);
    expect((await objections(owner, '/brands/crema', 'DELETE', 'nonsense')).status).toBe(401);
    expect(((await (await objections(owner)).json()) as { brands: string[] }).brands).toEqual(['crema']);
  });

  it('documents the routes in the OpenAPI document with their problem codes', async () => {
    const doc = (await (await app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, { description: string }> }>>;
    };
    expect(Object.keys(doc.paths['/v1/households/{hid}/objections'] ?? {}).sort()).toEqual(['get', 'post']);
    const campaign = doc.paths['/v1/households/{hid}/objections/brands/{brandId}/campaigns/{campaignId}'];
    expect(campaign?.delete?.responses['404']?.description).toContain('`unknown_campaign`');
    expect(
      doc.paths['/v1/households/{hid}/objections/brands/{brandId}']?.delete?.responses['200'],
    ).toBeDefined();
  });
});
