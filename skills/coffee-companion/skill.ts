/**
 * coffee-companion: the Crema capsule machine's assistant. Tells how many
 * capsules are left and when they run out (when the household shares its
 * consumption), and helps reorder.
 */
import { defineSkill, privacyIntents } from 'hearth/skill';
import { cancelOrder, changeQuantity, confirmOrder, reorder } from './order.js';
import { capsuleStock, runOut } from './stock.js';

export default defineSkill({
  id: 'coffee-companion',
  brandId: 'crema',
  invocation: { brandName: 'crema' },
  screens: { deviceKinds: ['coffee-machine'], homeIntent: 'CapsuleStockIntent' },
  slotTypes: {
    Variety: { description: 'capsule varieties of the Crema range' },
    DataKind: { description: 'kinds of household data, ids are consent purposes' },
  },
  intents: {
    CapsuleStockIntent: capsuleStock,
    RunOutDateIntent: runOut,
    ReorderIntent: reorder,
    CancelOrderIntent: cancelOrder,
    ChangeQuantityIntent: changeQuantity,
    ...privacyIntents(['consumption', 'preferences']),
  },
  questions: { confirmOrder },
});
