/**
 * fridge-chef from a real household's fridge, through the real app (screen turns on a
 * seeded SQLite file, the consent ledger's policy): the fr-FR household's spinach expires
 * the day after the domain clock's today, its tomatoes have expired. Every locale hears
 * the reason and the expired food; diets and allergies filter only when `health` is
 * granted, and otherwise the household is told once where to set them; recipe details,
 * steps one at a time, and the missing ingredients on the shopping list.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledgerPolicy } from '../../src/consent/consent-policy.js';
import { createRecipeService } from '../../src/domains/recipes/recipe-service.js';
import { contextPath } from '../../src/household/context-documents.js';
import { paths } from '../../src/household/paths.js';
import { CONSENT_QUESTION_KEY } from '../../src/runtime/consent-recorder.js';
import { LOCALES, type Locale } from '../../src/runtime/locales.js';
import { authored, authoredStart } from '../channels/screen/locale-responses.js';
import { setConsent } from '../domains/capsules/orders/order-fixtures.js';
import { bearer, createHarness, type Harness } from '../support/app-harness.js';
import { expectScreenReply, fridgeOf } from '../support/http-expect.js';

const recipes = createRecipeService();
let h: Harness;
beforeEach(async () => {
  h = await createHarness({ deviceRateLimit: { burst: 1_000 }, consent: ledgerPolicy });
});
afterEach(async () => h.close());

const household = (locale: string) => h.demo.households.find((hh) => hh.locale === locale)!;
const martin = () => household('fr-FR');

async function say(
  locale: string,
  body: { intent: string; slots?: Record<string, string>; session?: unknown; locale?: Locale },
) {
  const fridge = fridgeOf(household(locale));
  return expectScreenReply(
    await h.app.request(`/v1/screens/${fridge.id}/turns`, {
      method: 'POST',
      headers: bearer(fridge.token, true),
      body: JSON.stringify(body),
    }),
  );
}

/** Spinach as each language's Ingredient slot value says it. */
const SPINACH: Record<Locale, string> = {
  'en-US': 'spinach',
  'en-GB': 'spinach',
  'fr-FR': 'épinards',
  'fr-CA': 'épinards',
  'de-DE': 'Spinat',
  'es-ES': 'espinacas',
  'it-IT': 'spinaci',
};

describe('what can I cook, from the fr-FR household fridge', () => {
  it.each(LOCALES)(
    '%s: uses up the spinach due tomorrow, says so, and mentions the expired tomatoes',
    async (locale) => {
      const reply = await say('fr-FR', { intent: 'WhatCanICookIntent', locale });
      expect(reply.locale).toBe(locale);
      expect(reply.card!.items[0]!.id).toBe('spinach-quiche');
      expect(reply.text).toContain(authoredStart(locale, 'fridge-chef', 'cook.personal'));
      const due = authored(locale, 'fridge-chef', 'cook.dueTomorrow').replace(
        '{{ingredient}}',
        SPINACH[locale],
      );
      expect(reply.text).toContain(due);
      expect(reply.text).toContain(authoredStart(locale, 'fridge-chef', 'cook.expired'));
      expect(reply.card!.items.length).toBe(3);
    },
  );

  it('is told once, not asked, that diets and allergies can be set on the privacy page; a forged yes grants nothing', async () => {
    const pointer = authoredStart('en-US', 'fridge-chef', 'privacy.setOnPage');
    const first = await say('fr-FR', { intent: 'WhatCanICookIntent', locale: 'en-US' });
    expect(first.text).toContain(pointer);
    expect(first.session?.[CONSENT_QUESTION_KEY]).toBeUndefined();
    const second = await say('fr-FR', { intent: 'WhatCanICookIntent', locale: 'en-US' });
    expect(second.text).not.toContain(pointer);
    // The pointer is recorded as a notice served, with the words said.
    const hid = martin().id;
    const served = await h.store.query({ collection: `households/${hid}/noticesServed` });
    const notice = served.find((n) => n.data?.purpose === 'health')!;
    expect(notice.data?.text).toContain(pointer);
    // A session forged to answer it with yes: the ledger refuses the spoken grant of health.
    await say('fr-FR', {
      intent: 'AMAZON.YesIntent',
      session: { [CONSENT_QUESTION_KEY]: { purpose: 'health', notice: notice.id } },
    });
    const record = (await h.store.get(paths.household(hid))).data as { consents?: Record<string, unknown> };
    expect(record.consents?.health).toBeUndefined();
  });

  it('keeps to the diets and allergies only when health is granted', async () => {
    const hid = martin().id;
    await h.store.set(contextPath(hid, 'health'), { diets: ['vegetarian', 'keto'], allergens: ['milk'] });
    const ungranted = await say('fr-FR', { intent: 'WhatCanICookIntent' });
    // Not granted: the quiche (milk, cheese) still comes first, and the filter is not claimed.
    expect(ungranted.card!.items[0]!.id).toBe('spinach-quiche');
    expect(ungranted.text).not.toContain(authored('fr-FR', 'fridge-chef', 'cook.filtered'));
    await setConsent(h.store, hid, 'health', true);
    const granted = await say('fr-FR', { intent: 'WhatCanICookIntent' });
    expect(granted.text).toContain(authored('fr-FR', 'fridge-chef', 'cook.filtered'));
    expect(granted.text).not.toContain(authoredStart('fr-FR', 'fridge-chef', 'privacy.setOnPage'));
    expect(granted.card!.items.length).toBeGreaterThan(0);
    for (const item of granted.card!.items) {
      const recipe = recipes.recipe(item.id)!;
      expect(recipe.diets).toContain('vegetarian');
      expect(recipe.allergens).not.toContain('milk');
    }
  });

  it('says what expires soon without the expired food, which it mentions apart', async () => {
    const reply = await say('fr-FR', { intent: 'ExpiringSoonIntent', locale: 'en-US' });
    expect(reply.text).toMatch(/^3 items expire soon: spinach, milk and zucchini/);
    expect(reply.text).toContain('Careful, this has expired, so I left it out: tomatoes.');
  });
});

describe('a recipe, its steps and what it still needs', () => {
  it('reads the details with quantities, then every step one at a time, in the household language', async () => {
    const details = await say('de-DE', {
      intent: 'RecipeDetailsIntent',
      slots: { recipe: 'spinach-quiche' },
    });
    expect(details.card!.items.find((i) => i.id === 'spinach')?.subtitle).toBe('300 g');
    const steps = recipes.steps('spinach-quiche', 'de-DE');
    expect(details.text).toContain(`Es hat ${steps.length} Schritte`);
    let session = details.session ?? {};
    for (let n = 1; n <= steps.length; n++) {
      const step = await say('de-DE', { intent: 'NextStepIntent', session });
      expect(step.text).toContain(steps[n - 1]!);
      expect(
        step.text.startsWith(n === steps.length ? 'Letzter Schritt' : `Schritt ${n} von ${steps.length}`),
      ).toBe(true);
      session = step.session ?? {};
    }
    const after = await say('de-DE', { intent: 'NextStepIntent', session });
    expect(after.text).toContain('Das war der letzte Schritt');
  });

  it('asks for a recipe when the session names none, or one the catalog lacks', async () => {
    const noRecipe = authoredStart('en-US', 'fridge-chef', 'steps.noRecipe');
    expect((await say('fr-FR', { intent: 'NextStepIntent', locale: 'en-US' })).text).toContain(noRecipe);
    const forged = { cooking: { recipe: '../../households', step: 2 } };
    expect(
      (await say('fr-FR', { intent: 'NextStepIntent', locale: 'en-US', session: forged })).text,
    ).toContain(noRecipe);
    const odd = { cooking: { recipe: 'spinach-quiche', step: -4 } };
    const first = await say('fr-FR', { intent: 'NextStepIntent', locale: 'en-US', session: odd });
    expect(first.text.startsWith('Step 1 of')).toBe(true);
  });

  it('adds the missing ingredients to the shopping list once, by id, when preferences are granted', async () => {
    const hid = martin().id;
    const details = await say('fr-FR', {
      intent: 'RecipeDetailsIntent',
      slots: { recipe: 'spinach-quiche' },
    });
    expect(details.card!.actions[0]!.intent).toBe('AddMissingIngredientsIntent');
    const added = await say('fr-FR', { intent: 'AddMissingIngredientsIntent', session: details.session });
    expect(added.text).toContain('fromage, beurre et farine');
    const list = (await h.store.get(contextPath(hid, 'preferences'))).data?.shoppingList;
    expect(list).toEqual(expect.arrayContaining(['cheese', 'butter', 'flour']));
    const again = await say('fr-FR', { intent: 'AddMissingIngredientsIntent', session: details.session });
    expect(again.text).toContain(authoredStart('fr-FR', 'fridge-chef', 'shopping.alreadyThere'));
    const after = (await h.store.get(contextPath(hid, 'preferences'))).data?.shoppingList as string[];
    expect(after.filter((id) => id === 'cheese')).toHaveLength(1);
  });

  it('writes nothing to the shopping list of a household that has not granted preferences', async () => {
    const hid = household('de-DE').id;
    const details = await say('de-DE', {
      intent: 'RecipeDetailsIntent',
      slots: { recipe: 'spinach-quiche' },
    });
    const reply = await say('de-DE', { intent: 'AddMissingIngredientsIntent', session: details.session });
    expect(reply.text).toContain(authoredStart('de-DE', 'fridge-chef', 'shopping.noAccess'));
    expect((await h.store.get(contextPath(hid, 'preferences'))).data?.shoppingList ?? []).toEqual([]);
  });
});
