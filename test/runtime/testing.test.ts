import { describe, expect, it } from 'vitest';
import fridgeChef from '../../skills/fridge-chef/skill.js';
import { conversation, expectReply } from '../../src/runtime/testing.js';

describe('brand test helpers', () => {
  it('carry a conversation through say and send, keeping the session', async () => {
    const chat = conversation(fridgeChef, { locale: 'en-GB' });
    expectReply(await chat.say('add something to my shopping list'), {
      intent: 'AddToShoppingListIntent',
      says: 'What should I add',
    });
    expect(chat.session).toHaveProperty('_elicit');
    expectReply(await chat.say('courgette'), { slots: { ingredient: 'zucchini' }, says: 'courgettes' });
    expectReply(await chat.send('RecipeDetailsIntent', { recipe: 'vegetable omelette' }), {
      slots: { recipe: 'vegetable-omelette' },
      says: 'peppers',
    });
  });

  it('throw with every miss listed when a reply does not meet the expectation', async () => {
    const chat = conversation(fridgeChef, { locale: 'it-IT' });
    const reply = await chat.say('cosa scade presto');
    expect(() =>
      expectReply(reply, { intent: 'WhatCanICookIntent', says: 'pizza', endSession: true }),
    ).toThrow(
      /intent: expected WhatCanICookIntent, got ExpiringSoonIntent[\s\S]*"pizza"[\s\S]*endSession: expected true/,
    );
  });
});
