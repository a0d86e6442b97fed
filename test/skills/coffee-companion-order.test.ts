/** coffee-companion's reorder confirmation, a question that remembers its handlers, tested as a brand would. */
import { conversation, expectReply } from 'hearth/testing';
import { describe, it } from 'vitest';
import coffeeCompanion from '../../skills/coffee-companion/skill.js';

const chat = () => conversation(coffeeCompanion, { locale: 'en-US' });

describe('coffee-companion asking to confirm an order', () => {
  it('says nothing was ordered on Yes, and forgets the order', async () => {
    const c = chat();
    expectReply(await c.say('please order fifty ristretto capsules'), { says: 'Shall I order 50 ristretto' });
    expectReply(await c.say('yes'), { intent: 'AMAZON.YesIntent', says: "haven't ordered anything" });
    expectReply(await c.say('cancel my order'), { says: 'any order to cancel' });
  });

  it('drops the order on No', async () => {
    const c = chat();
    await c.say('please order fifty ristretto capsules');
    expectReply(await c.say('no'), { intent: 'AMAZON.NoIntent', says: "won't order anything" });
    expectReply(await c.say('cancel my order'), { says: 'any order to cancel' });
  });

  it('asks again after a change of quantity, and the Yes answers that question', async () => {
    const c = chat();
    await c.say('please order fifty ristretto capsules');
    expectReply(await c.say('make it twenty'), { says: 'Shall I order 20 ristretto' });
    expectReply(await c.say('yes'), { says: "haven't ordered anything" });
  });

  it('takes a Yes after another question as no answer: the confirmation lapsed', async () => {
    const c = chat();
    await c.say('please order fifty ristretto capsules');
    expectReply(await c.say('how many capsules do I have left'), { intent: 'CapsuleStockIntent' });
    expectReply(await c.say('yes'), { says: "not sure what you're answering" });
  });
});
