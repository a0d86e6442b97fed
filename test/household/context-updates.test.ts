import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shippedIngredientLabels } from '../../src/domains/recipes/normalise-ingredient.js';
import {
  applyCapsuleMove,
  type CapsuleMove,
  HISTORY_DAYS,
} from '../../src/household/device-events/capsule-history.js';
import {
  addInventoryItem,
  type CapsuleStock,
  type InventoryFood,
  type InventoryItem,
  MAX_CAPSULE_STOCK,
  MAX_CAPSULE_VARIETIES,
  parseCapsules,
  parseInventoryItems,
  removeInventoryItem,
} from '../../src/household/device-events/context-updates.js';
import { addDays } from '../../src/household/device-events/local-day.js';

const AT = '2026-11-20T09:00:00.000Z';
const TODAY = '2026-11-20';
const RECEIPT = { day: TODAY, at: AT };
const full = (): Record<string, CapsuleStock> =>
  Object.fromEntries(
    Array.from({ length: MAX_CAPSULE_VARIETIES }, (_, i) => [
      `v${i}`,
      { stock: 1, perDay: 0, updatedAt: AT },
    ]),
  );
const move = (kind: CapsuleMove['kind'], count: number, day = TODAY): CapsuleMove => ({
  kind,
  count,
  day,
  at: `${day}T08:00:00.000Z`,
});
const applied = (capsules: Record<string, CapsuleStock>, variety: string, m: CapsuleMove) => {
  const result = applyCapsuleMove(capsules, variety, m, RECEIPT);
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.capsules;
};

describe('applyCapsuleMove', () => {
  it.each(['constructor', 'toString', 'valueOf', 'hasOwnProperty'])(
    'refuses a variety named %s once the document holds the most varieties, like any new variety',
    (variety) => {
      const capsules = full();
      expect(applyCapsuleMove(capsules, variety, move('delivered', 5), RECEIPT)).toEqual({
        ok: false,
        reason: 'too_many_varieties',
      });
      expect(applyCapsuleMove(capsules, 'decaf', move('delivered', 5), RECEIPT)).toMatchObject({ ok: false });
      expect(applyCapsuleMove(capsules, 'v1', move('delivered', 5), RECEIPT)).toMatchObject({ ok: true });
    },
  );

  it('starts a variety named constructor at zero, with numbers only, when there is room', () => {
    expect(applied({}, 'constructor', move('delivered', 3))).toEqual({
      constructor: {
        stock: 3,
        perDay: 0,
        updatedAt: `${TODAY}T08:00:00.000Z`,
        since: TODAY,
        baseline: 0,
        days: { [TODAY]: { brewed: 0, delivered: 3 } },
      },
    });
  });

  it('takes a stored stock without history as the baseline of the first day an event touches', () => {
    const capsules = applied(
      { ristretto: { stock: 8, perDay: 2, updatedAt: AT } },
      'ristretto',
      move('brewed', 1),
    );
    expect(capsules.ristretto).toMatchObject({ stock: 7, perDay: 2, since: TODAY, baseline: 8 });
  });

  it('refuses a brew of capsules that were not there in event time, even when a later delivery covers it', () => {
    const delivered = applied({}, 'lungo', move('delivered', 10, TODAY));
    expect(applyCapsuleMove(delivered, 'lungo', move('brewed', 1, addDays(TODAY, -2)), RECEIPT)).toEqual({
      ok: false,
      reason: 'stock_negative',
    });
    // Delivered first in event time, brewed after: fine whatever the order of arrival.
    const late = applied(
      applied({}, 'lungo', move('delivered', 10, addDays(TODAY, -3))),
      'lungo',
      move('brewed', 4, addDays(TODAY, -1)),
    );
    expect(late.lungo).toMatchObject({ stock: 6, since: addDays(TODAY, -3), baseline: 0 });
  });

  it('refuses absurd counts and a stock past the most a home holds', () => {
    expect(applyCapsuleMove({}, 'x', move('brewed', 201), RECEIPT)).toEqual({
      ok: false,
      reason: 'implausible_count',
    });
    expect(applyCapsuleMove({}, 'x', move('delivered', 2001), RECEIPT)).toEqual({
      ok: false,
      reason: 'implausible_count',
    });
    const nearly = { x: { stock: MAX_CAPSULE_STOCK - 10, perDay: 0, updatedAt: AT } };
    expect(applyCapsuleMove(nearly, 'x', move('delivered', 11), RECEIPT)).toEqual({
      ok: false,
      reason: 'stock_too_high',
    });
  });

  it('folds days older than the history into the baseline, keeping the stock', () => {
    const old = addDays(TODAY, -HISTORY_DAYS - 3);
    const stored: Record<string, CapsuleStock> = {
      x: {
        stock: 15,
        perDay: 0,
        updatedAt: AT,
        since: old,
        baseline: 10,
        days: { [old]: { brewed: 1, delivered: 6 }, [addDays(TODAY, -1)]: { brewed: 0, delivered: 0 } },
      },
    };
    const next = applied(stored, 'x', move('brewed', 2));
    expect(next.x).toMatchObject({ stock: 13, baseline: 15, since: addDays(TODAY, -(HISTORY_DAYS - 1)) });
    expect(Object.keys(next.x?.days ?? {}).sort()).toEqual([addDays(TODAY, -1), TODAY]);
  });

  it('moves updatedAt forward only, and never past the receipt', () => {
    const ahead = { x: { stock: 5, perDay: 0, updatedAt: '2026-11-25T00:00:00.000Z' } };
    expect(applied(ahead, 'x', move('brewed', 1, addDays(TODAY, -1))).x?.updatedAt).toBe(AT);
    const fresh = applied({}, 'x', move('delivered', 3));
    expect(applied(fresh, 'x', move('delivered', 1, addDays(TODAY, -2))).x?.updatedAt).toBe(
      `${TODAY}T08:00:00.000Z`,
    );
  });

  it('gives the same stock and days whatever order the events arrive in, when none is refused', () => {
    const moves = fc.array(
      fc.record({
        kind: fc.constantFrom<CapsuleMove['kind']>('brewed', 'delivered'),
        count: fc.integer({ min: 1, max: 20 }),
        offset: fc.integer({ min: -6, max: 0 }),
      }),
      { minLength: 1, maxLength: 30 },
    );
    fc.assert(
      fc.property(moves, fc.integer(), (list, seed) => {
        // A baseline large enough that no brew is refused in any order.
        const start = {
          x: { stock: 1000, perDay: 0, updatedAt: AT, since: addDays(TODAY, -6), baseline: 1000, days: {} },
        };
        const asMoves = list.map((m) => move(m.kind, m.count, addDays(TODAY, m.offset)));
        const shuffled = [...asMoves].sort(
          (a, b) => ((a.count * 31 + seed) % 7) - ((b.count * 31 + seed) % 7),
        );
        const inOrder = asMoves.reduce((c, m) => applied(c, 'x', m), start as Record<string, CapsuleStock>);
        const outOfOrder = shuffled.reduce(
          (c, m) => applied(c, 'x', m),
          start as Record<string, CapsuleStock>,
        );
        const expected =
          1000 + list.reduce((sum, m) => sum + (m.kind === 'delivered' ? m.count : -m.count), 0);
        expect(inOrder.x?.stock).toBe(expected);
        expect(outOfOrder.x?.stock).toBe(expected);
        expect(outOfOrder.x?.days).toEqual(inOrder.x?.days);
      }),
    );
  });

  it('never lets the stock go negative, refusing what would', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            kind: fc.constantFrom<CapsuleMove['kind']>('brewed', 'delivered'),
            count: fc.integer({ min: 1, max: 300 }),
            offset: fc.integer({ min: -6, max: 0 }),
          }),
          { maxLength: 40 },
        ),
        (list) => {
          let capsules: Record<string, CapsuleStock> = {};
          for (const m of list) {
            const result = applyCapsuleMove(
              capsules,
              'x',
              move(m.kind, m.count, addDays(TODAY, m.offset)),
              RECEIPT,
            );
            if (result.ok) capsules = result.capsules;
            const entry = capsules.x;
            if (entry) {
              expect(entry.stock).toBeGreaterThanOrEqual(0);
              const days = Object.values(entry.days ?? {});
              expect(entry.stock).toBe(
                days.reduce((s, d) => s + d.delivered - d.brewed, entry.baseline ?? 0),
              );
            }
          }
        },
      ),
    );
  });
});

describe('parseCapsules', () => {
  it('keeps a stored __proto__ key as data, never as the prototype of the result', () => {
    const data = JSON.parse(`{"capsules":{"__proto__":{"stock":1,"perDay":0,"updatedAt":"${AT}"}}}`);
    const capsules = parseCapsules(data);
    expect(Object.getPrototypeOf(capsules)).toBe(Object.prototype);
    expect(Object.keys(capsules)).toEqual(['__proto__']);
  });

  it('drops history days that are not dates or not counts, keeping the variety', () => {
    const capsules = parseCapsules({
      capsules: {
        x: {
          stock: 3,
          updatedAt: AT,
          days: { [TODAY]: { brewed: 1 }, 'not-a-day': { brewed: 1 }, '2026-11-19': { brewed: -1 } },
        },
      },
    });
    expect(capsules.x?.days).toEqual({ [TODAY]: { brewed: 1, delivered: 0 } });
  });
});

describe('inventory lots of known and unknown food', () => {
  const { fold } = shippedIngredientLabels();
  const lot = (
    food: InventoryFood,
    quantity: number,
    expiresOn: string | null = '2026-11-25',
    unit = 'piece',
  ) => ({ ...food, quantity, unit, expiresOn }) as InventoryItem;
  const sauce = { ingredient: null, label: 'Sauce maison de mamie' } as const;

  it('keeps unknown food apart from known food and merges its lots by folded label', () => {
    const on = (quantity: number) => ({ quantity, unit: 'piece', expiresOn: '2026-11-25' });
    let items = addInventoryItem([], sauce, on(1), fold);
    items = addInventoryItem(items, { ingredient: null, label: 'SAUCE  maison de Mamie!' }, on(2), fold);
    items = addInventoryItem(items, { ingredient: 'egg' }, on(6), fold);
    expect(items).toEqual([lot(sauce, 3), lot({ ingredient: 'egg' }, 6)]);
  });

  it('never merges an unknown label into a known lot, even one whose id reads the same', () => {
    const items = addInventoryItem(
      [lot({ ingredient: 'egg' }, 6)],
      { ingredient: null, label: 'Egg' },
      { quantity: 1, unit: 'piece', expiresOn: '2026-11-25' },
      fold,
    );
    expect(items).toEqual([lot({ ingredient: 'egg' }, 6), lot({ ingredient: null, label: 'Egg' }, 1)]);
  });

  it('removes unknown food by its label, earliest lot first, and leaves known food alone', () => {
    const items = [lot(sauce, 2, '2026-11-30'), lot(sauce, 1, '2026-11-22'), lot({ ingredient: 'egg' }, 6)];
    const after = removeInventoryItem(
      items,
      {
        food: { ingredient: null, label: 'sauce maison de mamie 250 g' },
        label: 'sauce maison de mamie 250 g',
        quantity: 2,
      },
      fold,
    );
    expect(after).toEqual([lot(sauce, 1, '2026-11-30'), lot({ ingredient: 'egg' }, 6)]);
  });

  it('removes a lot stored with its label as its ingredient (before labels were normalised) by that label', () => {
    const legacy = lot({ ingredient: 'Tomates cerises' }, 3);
    const egg = lot({ ingredient: 'egg' }, 6);
    const removal = { food: { ingredient: 'tomato' }, label: 'TOMATES CERISES 250 g', quantity: 2 };
    expect(removeInventoryItem([legacy, egg], removal, fold)).toEqual([
      lot({ ingredient: 'Tomates cerises' }, 1),
      egg,
    ]);
    // Lots of the id come first: a label names its id's lots when there are some.
    const fresh = lot({ ingredient: 'tomato' }, 2, '2026-11-28');
    expect(removeInventoryItem([legacy, fresh], removal, fold)).toEqual([legacy]);
  });

  it('reads stored lots of both kinds, and drops a lot that is neither', () => {
    expect(
      parseInventoryItems({
        items: [
          { ingredient: 'egg', quantity: 6, unit: 'piece', expiresOn: null },
          { ingredient: null, label: 'Bio-Hafermilch', quantity: 1, unit: 'l', expiresOn: '2026-11-22' },
          { ingredient: 'Tomates cerises', quantity: 1, unit: 'piece', expiresOn: null },
          { ingredient: null, quantity: 1, unit: 'piece', expiresOn: null },
          { ingredient: null, label: '', quantity: 1, unit: 'piece', expiresOn: null },
        ],
      }),
    ).toEqual([
      { ingredient: 'egg', quantity: 6, unit: 'piece', expiresOn: null },
      { ingredient: null, label: 'Bio-Hafermilch', quantity: 1, unit: 'l', expiresOn: '2026-11-22' },
      { ingredient: 'Tomates cerises', quantity: 1, unit: 'piece', expiresOn: null },
    ]);
  });
});
