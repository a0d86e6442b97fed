/**
 * coffee-companion: the Crema capsule machine's assistant. Tells how many
 * capsules are left and when they run out (when the household shares its
 * consumption), offers a reorder before the last capsule is brewed, and orders
 * (exactly once per proposal, with the EU's distance-contract wording).
 */
import { defineSkill, privacyIntents } from 'hearth/skill';
import { BRAND_ID, cancelOrder, changeQuantity, confirmOrder, reorder, voiceCode } from './order.js';
import { capsuleStock, runOut } from './stock.js';

export default defineSkill({
  id: 'coffee-companion',
  brandId: BRAND_ID,
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
    VoiceCodeIntent: voiceCode,
    ...privacyIntents(['consumption', 'preferences']),
  },
  questions: { confirmOrder },
});
