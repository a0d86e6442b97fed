/**
 * Handlers for ordering capsules. Orders are placed by the offers/orders
 * module once it lands; until then these handlers confirm what would be
 * ordered and say plainly that nothing was ordered.
 */
import { rememberSuggestion, type SessionState } from 'hearth/skill';
import { defineIntent, defineQuestion, responseKey } from './define.js';

/** Session key of the order the skill asked the household to confirm. */
const PENDING = 'pendingOrder';

type PendingOrder = { variety: string; quantity: number };

function pendingOrder(session: SessionState): PendingOrder | undefined {
  const value = session[PENDING];
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return typeof value.variety === 'string' && typeof value.quantity === 'number'
    ? { variety: value.variety, quantity: value.quantity }
    : undefined;
}

function withoutPending(session: SessionState): SessionState {
  const { [PENDING]: _dropped, ...rest } = session;
  return rest;
}

function parseQuantity(value: string | undefined): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 && n <= 500 ? n : undefined;
}

export const reorder = defineIntent({
  slots: { variety: { type: 'Variety' }, quantity: { type: 'AMAZON.NUMBER' } },
  purposes: ['preferences'],
  handle: async (turn, { t, consent, valueName }) => {
    const { documents } = await consent.read(['preferences']);
    const usual = documents.preferences?.usualOrder;
    const variety = turn.slots.variety?.id ?? usual?.variety;
    const quantity = parseQuantity(turn.slots.quantity?.value) ?? usual?.quantity;
    if (!variety || !quantity) {
      // Without the usual order (not granted) the household must say what to order.
      return { speech: t('reorder.needDetails'), reprompt: t('reorder.needDetails') };
    }
    const order: PendingOrder = { variety, quantity };
    const session = rememberSuggestion(
      { ...turn.session, [PENDING]: order },
      usual && !turn.slots.variety
        ? { key: responseKey('why.usualOrder'), purposes: ['preferences'] }
        : { key: responseKey('why.youAsked'), purposes: [] },
    );
    const question = t('reorder.confirm', { count: quantity, variety: valueName('Variety', variety) });
    return {
      speech: question,
      reprompt: question,
      suggestions: [t('suggestions.yes'), t('suggestions.no')],
      session,
      question: 'confirmOrder',
    };
  },
});

export const changeQuantity = defineIntent({
  slots: { quantity: { type: 'AMAZON.NUMBER', required: true, prompt: 'prompts.quantity' } },
  handle: async (turn, { t, valueName }) => {
    const order = pendingOrder(turn.session);
    if (!order) return { speech: t('order.nothingPending') };
    const quantity = parseQuantity(turn.slots.quantity.value);
    if (!quantity) return { speech: t('order.badQuantity'), reprompt: t('prompts.quantity') };
    const question = t('reorder.confirm', { count: quantity, variety: valueName('Variety', order.variety) });
    return {
      speech: question,
      reprompt: question,
      session: { ...turn.session, [PENDING]: { ...order, quantity } },
      question: 'confirmOrder',
    };
  },
});

export const cancelOrder = defineIntent({
  handle: async (turn, { t }) => {
    if (pendingOrder(turn.session)) {
      return { speech: t('order.cancelledPending'), session: withoutPending(turn.session) };
    }
    // Placed orders and their 24-hour cancel window arrive with the orders module.
    return { speech: t('order.nothingToCancel') };
  },
});

/**
 * "Shall I order …?", asked by ReorderIntent and ChangeQuantityIntent. Yes:
 * nothing can be ordered yet, and the household must hear that. A session
 * whose order the client dropped answers as if nothing was asked.
 */
export const confirmOrder = defineQuestion({
  yes: (turn, { t }) => {
    if (!pendingOrder(turn.session)) return { speech: t('yesNo.noQuestion') };
    return { speech: t('order.notConnected'), session: withoutPending(turn.session) };
  },
  no: (turn, { t }) => {
    if (!pendingOrder(turn.session)) return { speech: t('yesNo.noQuestion') };
    return { speech: t('order.declined'), session: withoutPending(turn.session) };
  },
});
