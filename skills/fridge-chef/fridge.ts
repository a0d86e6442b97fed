/** Handlers for the fridge itself: what is in it, and the shopping list. */
import { joinList } from '../../src/runtime/privacy-intents.js';
import { defineIntent } from '../../src/runtime/skill-definition.js';
import { parseInventory, parsePreferences } from './context.js';

export const whatsInMyFridge = defineIntent({
  handle: async (_turn, { t, consent, valueName }) => {
    const { documents } = await consent.read(['inventory']);
    const inventory = parseInventory(documents.inventory);
    if (!inventory) return { speech: t('fridge.noAccess'), reprompt: t('help.reprompt') };
    if (!inventory.items.length) return { speech: t('fridge.empty'), reprompt: t('help.reprompt') };
    const names = inventory.items.map((i) => valueName('Ingredient', i.ingredient));
    return {
      speech: t('fridge.contents', { count: names.length, items: joinList(t, names.slice(0, 8)) }),
      card: {
        title: t('fridge.cardTitle'),
        items: inventory.items.map((i) => ({
          id: i.ingredient,
          title: valueName('Ingredient', i.ingredient),
          ...(i.expiresOn ? { subtitle: i.expiresOn } : {}),
        })),
        actions: [{ id: 'cook', label: t('suggestions.whatCanICook'), intent: 'WhatCanICookIntent' }],
      },
      reprompt: t('help.reprompt'),
    };
  },
});

export const addToShoppingList = defineIntent({
  slots: { ingredient: { type: 'Ingredient', required: true, prompt: 'prompts.ingredient' } },
  handle: async (turn, { t, consent, valueName }) => {
    const slot = turn.slots.ingredient;
    const ingredient = slot?.id ? valueName('Ingredient', slot.id) : (slot?.value ?? '');
    const { documents } = await consent.read(['preferences']);
    const preferences = parsePreferences(documents.preferences);
    if (!preferences) return { speech: t('shopping.noAccess', { ingredient }), reprompt: t('help.reprompt') };
    if (slot?.id && preferences.shoppingList.includes(slot.id)) {
      return { speech: t('shopping.alreadyThere', { ingredient }), reprompt: t('help.reprompt') };
    }
    // Writing the list needs the household write path (household/ issue); say so rather than pretend.
    return { speech: t('shopping.notYet', { ingredient }), reprompt: t('help.reprompt') };
  },
});
