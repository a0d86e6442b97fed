/** Handlers for the fridge itself: what is in it, and the shopping list. */
import { type HouseholdWrite, joinList, MAX_SHOPPING_LIST } from 'hearth/skill';
import { foodCardId, foodName } from './context.js';
import { defineIntent } from './define.js';

export const whatsInMyFridge = defineIntent({
  purposes: ['inventory'],
  handle: async (_turn, { t, consent, valueName }) => {
    const { documents } = await consent.read(['inventory']);
    const inventory = documents.inventory;
    if (!inventory) return { speech: t('fridge.noAccess') };
    if (!inventory.items.length) return { speech: t('fridge.empty') };
    // Food the vocabulary does not know is said by the appliance's label, as it came.
    const names = inventory.items.map((i) => foodName(valueName, i));
    return {
      speech: t('fridge.contents', { count: names.length, items: joinList(t, names.slice(0, 8)) }),
      card: {
        title: t('fridge.cardTitle'),
        items: inventory.items.map((i) => ({
          id: foodCardId(i),
          title: foodName(valueName, i),
          ...(i.expiresOn ? { subtitle: i.expiresOn } : {}),
        })),
        actions: [{ id: 'cook', label: t('suggestions.whatCanICook'), intent: 'WhatCanICookIntent' }],
      },
    };
  },
});

/** The longest shopping list entry the data model keeps. */
const MAX_ENTRY_CHARS = 200;

/** Adds an entry to the shopping list without reading it first: a concurrent addition is kept. */
function addToList(entry: string): HouseholdWrite {
  return { kind: 'contextAdd', purpose: 'preferences', field: 'shoppingList', values: [entry] };
}

export const addToShoppingList = defineIntent({
  slots: { ingredient: { type: 'Ingredient', required: true, prompt: 'prompts.ingredient' } },
  purposes: ['preferences'],
  handle: async (turn, { t, consent, valueName }) => {
    const slot = turn.slots.ingredient;
    const ingredient = slot.id ? valueName('Ingredient', slot.id) : slot.value;
    // An ingredient of the vocabulary is kept by id (it reads in every language); anything else as said.
    // A list entry holds at most 200 characters (the data model's bound): longer words are cut, not lost.
    const entry = (slot.id ?? ingredient).slice(0, MAX_ENTRY_CHARS);
    const { granted, documents } = await consent.read(['preferences']);
    if (!granted.includes('preferences')) {
      return { speech: t('shopping.noAccess', { ingredient }) };
    }
    const list = documents.preferences?.shoppingList ?? [];
    if (list.includes(entry)) {
      return { speech: t('shopping.alreadyThere', { ingredient }) };
    }
    if (list.length >= MAX_SHOPPING_LIST) {
      return { speech: t('shopping.full', { ingredient }) };
    }
    // Said only once the write is committed: the pipeline apologises instead if it fails.
    return {
      speech: t('shopping.added', { ingredient }),
      effects: { beforeReply: [addToList(entry)] },
      // On the list: the household's offers of it (a brand's cream) are converted.
      ...(slot.id ? { offers: { converted: [{ ingredient: slot.id }] } } : {}),
    };
  },
});
