/**
 * Fridges name food as their makers do ("Tomates cerises", "Bio-Vollmilch 1,5%"): through
 * the events route, each label becomes the ingredient id it names in the household's
 * language, an id sent as such stays itself, and a label the vocabulary does not know is
 * kept as unknown with its text, never guessed. fridge-chef then says unknown food by its
 * label and never cooks with it. The real app over HTTP, on a SQLite file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HouseholdExport } from '../../../src/privacy/household-export.js';
import { bearer, createHarness, type Harness } from '../../support/app-harness.js';
import { grantingPolicy } from '../../support/granting-gate.js';
import { expectScreenReply, fridgeOf } from '../../support/http-expect.js';

// The harness's domain clock: 2026-11-20T09:00Z, a Friday in Paris and Berlin.
const AT = '2026-11-20T08:59:00.000Z';
const TODAY = '2026-11-20';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ consent: grantingPolicy(), deviceRateLimit: { burst: 1_000 } });
});
afterAll(() => h.close());

type Household = Harness['demo']['households'][number];
const byLocale = (locale: string): Household => h.demo.households.find((hh) => hh.locale === locale)!;

type Lot = {
  ingredient: string | null;
  label?: string;
  quantity: number;
  unit: string;
  expiresOn: string | null;
};

let seq = 0;
const added = (ingredient: string, quantity: number, unit: string, expiresOn: string) => ({
  eventId: `add-${++seq}`,
  type: 'inventory.item_added',
  at: AT,
  ingredient,
  quantity,
  unit,
  expiresOn,
});
const removed = (ingredient: string, quantity: number) => ({
  eventId: `remove-${++seq}`,
  type: 'inventory.item_removed',
  at: AT,
  ingredient,
  quantity,
});

async function send(hh: Household, events: unknown[]) {
  const fridge = fridgeOf(hh);
  const response = await h.app.request(`/v1/devices/${fridge.id}/events`, {
    method: 'POST',
    headers: bearer(fridge.token, true),
    body: JSON.stringify({ events }),
  });
  expect(response.status).toBe(202);
  const { results } = (await response.json()) as { results: { status: string }[] };
  expect(results.map((r) => r.status)).toEqual(events.map(() => 'accepted'));
}

async function lots(hh: Household): Promise<Lot[]> {
  return ((await h.store.get(`households/${hh.id}/context/inventory`)).data?.items ?? []) as Lot[];
}

async function screenTurn(hh: Household, intent: string) {
  const fridge = fridgeOf(hh);
  return expectScreenReply(
    await h.app.request(`/v1/screens/${fridge.id}/turns`, {
      method: 'POST',
      headers: bearer(fridge.token, true),
      body: JSON.stringify({ intent }),
    }),
  );
}

describe('fridge events name food as the appliance does', () => {
  it('keeps a French fridge’s "Tomates cerises" and "Épinards frais 500g" under their ingredient ids', async () => {
    const martin = byLocale('fr-FR');
    await send(martin, [
      added('Tomates cerises', 250, 'g', '2026-11-27'),
      added('Épinards frais 500g', 500, 'g', '2026-11-26'),
    ]);
    const stored = await lots(martin);
    expect(stored).toContainEqual({
      ingredient: 'tomato',
      quantity: 250,
      unit: 'g',
      expiresOn: '2026-11-27',
    });
    expect(stored).toContainEqual({
      ingredient: 'spinach',
      quantity: 500,
      unit: 'g',
      expiresOn: '2026-11-26',
    });
    expect(stored.some((l) => l.label !== undefined && /tomates|pinards/i.test(l.label))).toBe(false);
  });

  it('reads a German fridge’s "Bio-Vollmilch 1,5%" as milk, in the household’s language', async () => {
    const becker = byLocale('de-DE');
    await send(becker, [
      added('Bio-Vollmilch 1,5%', 1, 'l', '2026-11-28'),
      added('Paprika rot', 2, 'piece', '2026-11-28'),
    ]);
    const stored = await lots(becker);
    expect(stored).toContainEqual({ ingredient: 'milk', quantity: 1, unit: 'l', expiresOn: '2026-11-28' });
    // German calls bell peppers "Paprika"; the spice of that id is `paprika`, which a label never becomes here.
    expect(stored).toContainEqual({
      ingredient: 'bell-pepper',
      quantity: 2,
      unit: 'piece',
      expiresOn: '2026-11-28',
    });
  });

  it('keeps ids sent as such: `egg` and `paprika` stay themselves whatever the household’s language', async () => {
    const becker = byLocale('de-DE');
    await send(becker, [added('egg', 6, 'piece', '2026-12-02'), added('paprika', 50, 'g', '2027-06-01')]);
    const stored = await lots(becker);
    expect(stored).toContainEqual({ ingredient: 'egg', quantity: 6, unit: 'piece', expiresOn: '2026-12-02' });
    expect(stored).toContainEqual({
      ingredient: 'paprika',
      quantity: 50,
      unit: 'g',
      expiresOn: '2027-06-01',
    });
  });

  it('keeps an unknown label as unknown with its text, merges its lots by label, and removes it by label', async () => {
    const martin = byLocale('fr-FR');
    await send(martin, [
      added('Sauce maison de mamie', 1, 'piece', '2026-11-29'),
      added('SAUCE MAISON DE MAMIE', 1, 'piece', '2026-11-29'),
      added('Sauce maison de mamie', 1, 'piece', '2026-12-03'),
    ]);
    const unknown = (await lots(martin)).filter((l) => l.ingredient === null);
    expect(unknown).toEqual([
      {
        ingredient: null,
        label: 'Sauce maison de mamie',
        quantity: 2,
        unit: 'piece',
        expiresOn: '2026-11-29',
      },
      {
        ingredient: null,
        label: 'Sauce maison de mamie',
        quantity: 1,
        unit: 'piece',
        expiresOn: '2026-12-03',
      },
    ]);

    // Earliest-expiring lot first, matched by the label folded as the normaliser folds it.
    await send(martin, [removed('sauce maison de Mamie', 2)]);
    expect((await lots(martin)).filter((l) => l.ingredient === null)).toEqual([
      {
        ingredient: null,
        label: 'Sauce maison de mamie',
        quantity: 1,
        unit: 'piece',
        expiresOn: '2026-12-03',
      },
    ]);
    await send(martin, [removed('Sauce maison de mamie', 1)]);
    expect((await lots(martin)).filter((l) => l.ingredient === null)).toEqual([]);
  });

  it('removes known food named by a label from the lots of its id', async () => {
    const martin = byLocale('fr-FR');
    await send(martin, [added('Champignons de Paris 250 g', 250, 'g', '2026-11-24')]);
    await send(martin, [removed('CHAMPIGNONS DE PARIS', 100)]);
    expect((await lots(martin)).filter((l) => l.ingredient === 'mushroom')).toEqual([
      { ingredient: 'mushroom', quantity: 150, unit: 'g', expiresOn: '2026-11-24' },
    ]);
  });
});

describe('fridge-chef with food the vocabulary does not know', () => {
  it('says unknown food by its label where it lists what expires soon, and never cooks with it', async () => {
    const rossi = byLocale('it-IT');
    // Due today, before anything else in the fridge: were it ranked, it would be the reason given.
    await send(rossi, [added('Salsa della nonna', 1, 'piece', TODAY)]);
    const expiring = await screenTurn(rossi, 'ExpiringSoonIntent');
    expect(expiring.text).toContain('Salsa della nonna');

    const cook = await screenTurn(rossi, 'WhatCanICookIntent');
    expect(cook.text).not.toContain('Salsa della nonna');
    expect(cook.card?.items.length).toBeGreaterThan(0);
  });

  it('lists unknown food by its label in the fridge, and mentions it once expired', async () => {
    const garcia = byLocale('es-ES');
    await send(garcia, [
      added('Bio-Hafermilch', 1, 'l', '2026-11-22'),
      added('Gazpacho de la abuela', 1, 'piece', '2026-11-19'),
    ]);
    const fridge = await screenTurn(garcia, 'WhatsInMyFridgeIntent');
    const titles = fridge.card?.items.map((i) => i.title) ?? [];
    expect(titles).toContain('Bio-Hafermilch');
    expect(fridge.card?.items.find((i) => i.title === 'Bio-Hafermilch')?.id).toBe('label:Bio-Hafermilch');

    const expiring = await screenTurn(garcia, 'ExpiringSoonIntent');
    expect(expiring.text).toContain('Bio-Hafermilch');
    // Expired yesterday: never counted as due, said as expired.
    const cook = await screenTurn(garcia, 'WhatCanICookIntent');
    expect(cook.text).toContain('Gazpacho de la abuela');
    expect(cook.text).not.toContain('Bio-Hafermilch');
  });

  it('still reads an inventory stored before labels were normalised, and removes its lots by label', async () => {
    const johnsons = byLocale('en-US');
    await h.store.set(`households/${johnsons.id}/context/inventory`, {
      items: [
        { ingredient: 'Cherry Tomatoes 250g', quantity: 1, unit: 'piece', expiresOn: '2026-11-21' },
        { ingredient: 'egg', quantity: 6, unit: 'piece', expiresOn: '2026-11-30' },
        { ingredient: null, quantity: 1, unit: 'piece', expiresOn: null },
      ],
      updatedAt: '2026-11-01T00:00:00.000Z',
    });
    const fridge = await screenTurn(johnsons, 'WhatsInMyFridgeIntent');
    expect(fridge.card?.items.map((i) => i.title)).toEqual(expect.arrayContaining(['Cherry Tomatoes 250g']));
    const expiring = await screenTurn(johnsons, 'ExpiringSoonIntent');
    expect(expiring.text).toContain('Cherry Tomatoes 250g');

    await send(johnsons, [removed('cherry tomatoes 250 g', 1)]);
    expect(await lots(johnsons)).toEqual([
      { ingredient: 'egg', quantity: 6, unit: 'piece', expiresOn: '2026-11-30' },
    ]);
  });

  it('exports unknown food with its label', async () => {
    const tremblay = byLocale('fr-CA');
    await send(tremblay, [added('Cretons maison', 1, 'piece', '2026-11-25')]);
    const response = await h.app.request(`/v1/households/${tremblay.id}/export`, {
      headers: bearer(tremblay.token),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as HouseholdExport;
    expect((body.context.inventory as { items: Lot[] }).items).toContainEqual({
      ingredient: null,
      label: 'Cretons maison',
      quantity: 1,
      unit: 'piece',
      expiresOn: '2026-11-25',
    });
  });
});
