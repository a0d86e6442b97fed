import { describe, expect, it } from 'vitest';
import coffeeCompanion from '../../skills/coffee-companion/skill.js';
import fridgeChef from '../../skills/fridge-chef/skill.js';
import { matcherFor } from '../../src/runtime/conversation.js';

describe('the local matcher', () => {
  const en = matcherFor(fridgeChef, 'en-US');
  const fr = matcherFor(fridgeChef, 'fr-FR');

  it('matches an authored sample exactly', () => {
    expect(en.match('what can I cook').intent).toBe('WhatCanICookIntent');
  });

  it('ignores case, accents, punctuation and filler words', () => {
    expect(en.match('Hey, WHAT can I cook, please?').intent).toBe('WhatCanICookIntent');
    expect(fr.match('QU EST CE QUI PERIME BIENTOT ?!').intent).toBe('ExpiringSoonIntent');
    expect(fr.match("euh, qu'est-ce qu'il y a dans mon frigo s'il te plaît").intent).toBe(
      'WhatsInMyFridgeIntent',
    );
  });

  it('tolerates small typos', () => {
    expect(en.match('what can I cokk').intent).toBe('WhatCanICookIntent');
    expect(fr.match("qu'est-ce que je peux cuisinner").intent).toBe('WhatCanICookIntent');
  });

  it('fills custom slots from values and synonyms, with the stable id', () => {
    const result = fr.match('ajoute des œufs à ma liste de courses');
    expect(result.intent).toBe('AddToShoppingListIntent');
    expect(result.slots.ingredient).toEqual({ raw: 'œufs', value: 'œufs', id: 'egg' });
    const synonym = matcherFor(fridgeChef, 'en-GB').match('add courgette to my shopping list');
    expect(synonym.slots.ingredient?.id).toBe('zucchini');
    expect(synonym.slots.ingredient?.value).toBe('courgettes');
  });

  it('reads spoken and written numbers in each language', () => {
    expect(matcherFor(coffeeCompanion, 'en-US').match('order fifty ristretto capsules').slots).toMatchObject({
      quantity: { value: '50' },
      variety: { id: 'ristretto' },
    });
    expect(
      matcherFor(coffeeCompanion, 'fr-FR').match('commande vingt-cinq capsules de vanille').slots,
    ).toMatchObject({
      quantity: { value: '25' },
      variety: { id: 'vanilla' },
    });
    expect(
      matcherFor(coffeeCompanion, 'de-DE').match('ändere die Menge auf fünfundzwanzig').slots.quantity?.value,
    ).toBe('25');
    expect(
      matcherFor(coffeeCompanion, 'it-IT').match('ordina 30 capsule di nocciola').slots.quantity?.value,
    ).toBe('30');
  });

  it('keeps an unknown value as an unresolved slot, like Alexa', () => {
    const result = en.match('add durian to my shopping list');
    expect(result.intent).toBe('AddToShoppingListIntent');
    expect(result.slots.ingredient).toEqual({ raw: 'durian', value: 'durian' });
  });

  it('fills the slot the conversation is waiting for from a bare value', () => {
    const result = fr.match('du lait', { intent: 'AddToShoppingListIntent', slot: 'ingredient' });
    expect(result).toMatchObject({
      intent: 'AddToShoppingListIntent',
      slots: { ingredient: { id: 'milk' } },
    });
  });

  it('falls back when nothing is close', () => {
    expect(en.match('the weather in Paris tomorrow').intent).toBe('AMAZON.FallbackIntent');
    expect(en.match('').intent).toBe('AMAZON.FallbackIntent');
  });

  it('tells the privacy intents apart in every primary language', () => {
    expect(en.match('stop using my fridge data')).toMatchObject({
      intent: 'StopUsingMyDataIntent',
      slots: { dataKind: { id: 'inventory' } },
    });
    expect(fr.match("n'utilise plus mes données de santé")).toMatchObject({
      intent: 'StopUsingMyDataIntent',
      slots: { dataKind: { id: 'health' } },
    });
    expect(matcherFor(fridgeChef, 'de-DE').match('was weißt du über mich').intent).toBe(
      'WhatDoYouKnowIntent',
    );
    expect(matcherFor(fridgeChef, 'es-ES').match('no quiero ofertas').intent).toBe('StopAllOffersIntent');
    expect(matcherFor(fridgeChef, 'it-IT').match('perché questa ricetta').intent).toBe(
      'WhyThisSuggestionIntent',
    );
  });
});
