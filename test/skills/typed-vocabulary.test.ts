/**
 * What the compiler refuses in a skill, with the vocabulary `hearth build`
 * generated for it. `npm run typecheck` runs over this file: every
 * `@ts-expect-error` below must meet an error, or the typecheck fails.
 */
import type { Card, SlotValue } from 'hearth/skill';
import { describe, expect, it } from 'vitest';
import { defineIntent as coffeeIntent } from '../../skills/coffee-companion/define.js';
import {
  defineIntent,
  defineQuestion,
  responseKey,
  type Vocabulary,
} from '../../skills/fridge-chef/define.js';

/** Compiles only when `T` is exactly `U`. */
type Exactly<T, U> = [T] extends [U] ? ([U] extends [T] ? true : false) : false;
const exactly = <T, U>(_proof: Exactly<T, U>) => undefined;

const checked = [
  defineIntent({
    handle: (_turn, { t }) => {
      // @ts-expect-error 'card.recipeTitle' is not a response key of fridge-chef ('card.recipesTitle' is)
      t('card.recipeTitle');
      // @ts-expect-error a key of another skill (coffee-companion) is not one of fridge-chef's
      t('stock.total');
      // @ts-expect-error plural forms are folded: the key is 'card.minutes', with a count
      t('card.minutes_one');
      return { speech: t('card.minutes', { count: 3 }) };
    },
  }),

  defineIntent({
    slots: {
      recipe: { type: 'Recipe', required: true, prompt: 'prompts.recipe' },
      ingredient: { type: 'Ingredient' },
    },
    handle: (turn) => {
      exactly<typeof turn.slots.recipe, SlotValue>(true);
      exactly<typeof turn.slots.ingredient, SlotValue | undefined>(true);
      // @ts-expect-error the intent has no slot named dish
      turn.slots.dish;
      return { speech: turn.slots.recipe.value };
    },
  }),

  // @ts-expect-error a required slot needs the prompt the runtime asks it with
  defineIntent({ slots: { recipe: { type: 'Recipe', required: true } }, handle: () => ({ speech: '' }) }),

  defineIntent({
    // @ts-expect-error the prompt is a response key of the skill
    slots: { recipe: { type: 'Recipe', required: true, prompt: 'prompts.dish' } },
    handle: () => ({ speech: '' }),
  }),

  defineIntent({
    handle: () => {
      const card: Card<Vocabulary> = {
        title: 'ideas',
        items: [],
        actions: [
          { id: 'a', label: 'details', intent: 'RecipeDetailsIntent', slots: { recipe: 'ratatouille' } },
          { id: 'b', label: 'help', intent: 'AMAZON.HelpIntent' },
          // @ts-expect-error fridge-chef has no ReorderIntent (coffee-companion does)
          { id: 'c', label: 'reorder', intent: 'ReorderIntent' },
          // @ts-expect-error RecipeDetailsIntent has no slot named ingredient
          { id: 'd', label: 'add', intent: 'RecipeDetailsIntent', slots: { ingredient: 'egg' } },
        ],
      };
      return { speech: '', card };
    },
  }),

  coffeeIntent({
    handle: () => ({
      speech: '',
      // @ts-expect-error coffee-companion asks confirmOrder, not confirmOrders
      question: 'confirmOrders',
    }),
  }),

  // @ts-expect-error fridge-chef asks no question at all
  defineIntent({ handle: () => ({ speech: '', question: 'confirmOrder' }) }),

  defineQuestion({
    // @ts-expect-error an answer's handler translates with the skill's keys too
    yes: (_turn, { t }) => ({ speech: t('order.declined') }),
    no: (_turn, { t }) => ({ speech: t('yesNo.noQuestion') }),
  }),
];

// @ts-expect-error a key kept for later is checked as well
responseKey('why.popularity');

describe("a skill's generated vocabulary", () => {
  it('types what the handlers name, and costs nothing at run time (the definers are identities)', () => {
    expect(checked).toHaveLength(8);
    expect(responseKey('why.popular')).toBe('why.popular');
  });
});
