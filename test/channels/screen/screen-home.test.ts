import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../../src/runtime/locales.js';
import { bearer, createHarness, type Harness } from '../../support/app-harness.js';
import { grantingPolicy } from '../../support/granting-gate.js';
import { coffeeOf, expectProblem, expectScreenReply, fridgeOf } from '../../support/http-expect.js';
import { authored, authoredStart } from './locale-responses.js';

let h: Harness;
let granted: Harness;
beforeAll(async () => {
  h = await createHarness(); // production's grantNothing: every home card is non-personal
  granted = await createHarness({ consent: grantingPolicy() });
});
afterAll(async () => {
  await Promise.all([h.close(), granted.close()]);
});

const byLocale = (harness: Harness, locale: string) =>
  harness.demo.households.find((hh) => hh.locale === locale)!;

const home = (harness: Harness, deviceId: string, headers: Record<string, string> = {}) =>
  harness.app.request(`/v1/screens/${deviceId}/home`, { headers });

const LOCALES: Locale[] = ['fr-FR', 'de-DE', 'en-US', 'en-GB', 'fr-CA', 'es-ES', 'it-IT'];

describe('GET /v1/screens/:deviceId/home on a fridge', () => {
  it.each(LOCALES)('shows recipe ideas in the device language (%s)', async (locale) => {
    const fridge = fridgeOf(byLocale(h, locale));
    const reply = await expectScreenReply(await home(h, fridge.id, bearer(fridge.token)));
    expect(reply.locale).toBe(locale);
    expect(reply.text.startsWith(authoredStart(locale, 'fridge-chef', 'cook.general'))).toBe(true);
    expect(reply.card?.title).toBe(authored(locale, 'fridge-chef', 'card.recipesTitle'));
    expect(reply.card?.items).toHaveLength(3);
    // The first idea's details are one tap away, as an action the screen sends back as a turn.
    expect(reply.card?.actions[0]).toMatchObject({
      intent: 'RecipeDetailsIntent',
      label: authored(locale, 'fridge-chef', 'card.details'),
      slots: { recipe: reply.card?.items[0]?.id },
    });
    expect(reply.suggestions).toContain(authored(locale, 'fridge-chef', 'suggestions.why'));
    expect(reply.endSession).toBe(false);
    expect(reply.session).toBeDefined();
  });

  it('suggests from what is inside once the household allows its inventory', async () => {
    const fridge = fridgeOf(byLocale(granted, 'fr-FR'));
    const reply = await expectScreenReply(await home(granted, fridge.id, bearer(fridge.token)));
    expect(reply.text.startsWith(authoredStart('fr-FR', 'fridge-chef', 'cook.personal'))).toBe(true);
    expect(reply.card?.items.length).toBeGreaterThan(0);
  });
});

describe('GET /v1/screens/:deviceId/home on a coffee machine', () => {
  it.each(LOCALES)('says in the device language that the stock is not shared yet (%s)', async (locale) => {
    const coffee = coffeeOf(byLocale(h, locale));
    const reply = await expectScreenReply(await home(h, coffee.id, bearer(coffee.token)));
    expect(reply.locale).toBe(locale);
    expect(reply.text).toBe(authored(locale, 'coffee-companion', 'stock.noAccess'));
    expect(reply.card).toBeUndefined();
    expect(reply.suggestions).toEqual([authored(locale, 'coffee-companion', 'suggestions.reorder')]);
  });

  it('shows the capsule stock per variety with a reorder action once consumption is shared', async () => {
    const coffee = coffeeOf(byLocale(granted, 'de-DE'));
    const reply = await expectScreenReply(await home(granted, coffee.id, bearer(coffee.token)));
    expect(reply.card?.title).toBe(authored('de-DE', 'coffee-companion', 'stock.cardTitle'));
    expect(reply.card?.items).toEqual([
      { id: 'ristretto', title: expect.any(String), subtitle: '8 Kapseln' },
    ]);
    expect(reply.card?.actions).toEqual([
      {
        id: 'reorder',
        label: authored('de-DE', 'coffee-companion', 'suggestions.reorder'),
        intent: 'ReorderIntent',
      },
    ]);
  });
});

describe('GET /v1/screens/:deviceId/home security', () => {
  it('answers 401 without a token, with a forged one, or with a household token', async () => {
    const hh = byLocale(h, 'fr-FR');
    const fridge = fridgeOf(hh);
    await expectProblem(await home(h, fridge.id), 401, 'unauthorized');
    const [head, payload] = fridge.token.split('.');
    await expectProblem(await home(h, fridge.id, bearer(`${head}.${payload}.forged`)), 401, 'unauthorized');
    await expectProblem(await home(h, fridge.id, bearer(hh.token)), 401, 'unauthorized');
  });

  it("answers 404 for another household's device and for the household's other device", async () => {
    const fridge = fridgeOf(byLocale(h, 'fr-FR'));
    const foreign = fridgeOf(byLocale(h, 'de-DE'));
    await expectProblem(await home(h, foreign.id, bearer(fridge.token)), 404, 'not_found');
    await expectProblem(
      await home(h, coffeeOf(byLocale(h, 'fr-FR')).id, bearer(fridge.token)),
      404,
      'not_found',
    );
  });

  it('answers 404 once the device has been removed, even with a token that was valid', async () => {
    const hh = byLocale(granted, 'it-IT');
    const fridge = fridgeOf(hh);
    await granted.store.delete(`households/${hh.id}/devices/${fridge.id}`);
    await expectProblem(await home(granted, fridge.id, bearer(fridge.token)), 404, 'not_found');
  });
});
