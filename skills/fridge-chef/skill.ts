/**
 * fridge-chef: the Frostline fridge's voice and screen assistant. Suggests
 * recipes from what is in the fridge (and about to expire) when the household
 * allows it, and helpful general ideas when it does not.
 */
import { defineSkill, ingredientSlotValues, privacyIntents, recipeSlotValues } from 'hearth/skill';
import { expiringSoonIntent, recipeDetails, whatCanICook } from './cook.js';
import { deals } from './deals.js';
import { addToShoppingList, whatsInMyFridge } from './fridge.js';
import { addMissingIngredients } from './missing.js';
import { nextStep } from './steps.js';

export default defineSkill({
  id: 'fridge-chef',
  brandId: 'frostline',
  invocation: { brandName: 'frostline' },
  screens: { deviceKinds: ['fridge'], homeIntent: 'WhatCanICookIntent' },
  slotTypes: {
    Ingredient: { description: 'food kept in a fridge or pantry', values: ingredientSlotValues },
    Recipe: { description: 'recipes of the fridge-chef catalog', values: recipeSlotValues },
    DataKind: { description: 'kinds of household data, ids are consent purposes' },
  },
  intents: {
    WhatCanICookIntent: whatCanICook,
    ExpiringSoonIntent: expiringSoonIntent,
    WhatsInMyFridgeIntent: whatsInMyFridge,
    AddToShoppingListIntent: addToShoppingList,
    RecipeDetailsIntent: recipeDetails,
    NextStepIntent: nextStep,
    AddMissingIngredientsIntent: addMissingIngredients,
    DealsIntent: deals,
    ...privacyIntents(['inventory', 'health', 'preferences']),
  },
});
