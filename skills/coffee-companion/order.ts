/**
 * Ordering capsules. A proposal is kept on the server by the orders service and the
 * session carries only its id; the confirming question states the total (VAT and
 * delivery included), the seller and the delivery day, and makes the obligation to pay
 * explicit. The yes (with the voice code, when the household set one) places exactly one
 * order; an order can be cancelled within its window by voice or on screen.
 */
import type { ConsumptionDocument, HandlerContext, ReplyDraft, SessionState, Turn } from 'hearth/skill';
import { rememberSuggestion } from 'hearth/skill';
import { defineIntent, defineQuestion, responseKey, type Vocabulary } from './define.js';
import { deadline, deliveryDay, money } from './order-words.js';

/** The brand whose capsules this skill orders (its definition's `brandId`). */
export const BRAND_ID = 'crema';

/** Session key of the proposal the household was asked to confirm: its id, nothing else. */
const PROPOSAL = 'proposal';

type Context = HandlerContext<Vocabulary>;
type DraftRequest = Parameters<NonNullable<Context['services']['orders']>['draft']>[0];
type Offered = Extract<
  Awaited<ReturnType<NonNullable<Context['services']['orders']>['offer']>>,
  { status: 'offered' }
>;

function pendingProposal(session: SessionState): string | undefined {
  const value = session[PROPOSAL];
  return typeof value === 'string' ? value : undefined;
}

function withoutProposal(session: SessionState): SessionState {
  const { [PROPOSAL]: _dropped, ...rest } = session;
  return rest;
}

function parseQuantity(value: string | undefined): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 && n <= 500 ? n : undefined;
}

/** Where a confirmation or cancellation came from, for the order's channel and history. */
function origin(turn: Turn): { channel: 'voice' | 'screen'; by: string } {
  return turn.channel === 'screen'
    ? { channel: 'screen', by: `screen:${turn.device?.id ?? 'unknown'}` }
    : { channel: 'voice', by: `voice:${turn.channel}` };
}

/**
 * The question that confirms a proposal: what, from whom, the total, the day, where (the
 * address read back masked), and the obligation to pay.
 */
export function proposalQuestion(
  turn: Turn,
  { t, locale, valueName }: Context,
  { proposal, deliverTo, voiceCode }: Offered,
  lead?: string,
): ReplyDraft<Vocabulary> {
  // The address only masked (postal code, city, the street's first letter): the skill never holds it.
  const values = {
    capsules: proposal.capsules,
    variety: valueName('Variety', proposal.variety),
    seller: proposal.seller,
    total: money(locale, proposal.totalMinor, proposal.currency),
    date: deliveryDay(locale, proposal.deliveryOn),
    postalCode: deliverTo.postalCode,
    city: deliverTo.city,
    initial: deliverTo.streetInitial,
  };
  const offer = t('reorder.offer', values);
  const ask = voiceCode ? t('reorder.askVoiceCode') : t('reorder.confirm', values);
  const speech = [lead, offer, ask].filter(Boolean).join(' ');
  return {
    speech,
    reprompt: ask,
    suggestions: voiceCode ? [] : [t('suggestions.yes'), t('suggestions.no')],
    card: {
      title: t('reorder.cardTitle'),
      items: [
        {
          id: proposal.variety,
          title: values.variety,
          subtitle: `${values.total} · ${values.date} · ${t('reorder.cardAddress', values)}`,
        },
      ],
      actions: voiceCode
        ? []
        : [
            { id: 'order', label: t('suggestions.order'), intent: 'AMAZON.YesIntent' },
            { id: 'no', label: t('suggestions.no'), intent: 'AMAZON.NoIntent' },
          ],
    },
    session: { ...turn.session, [PROPOSAL]: proposal.id },
    question: 'confirmOrder',
  };
}

/** What the household hears when an order could not be offered or placed. */
async function offerFor(
  turn: Turn,
  context: Context,
  wanted: { variety?: string | undefined; quantity?: number | undefined },
  known: Pick<DraftRequest, 'consumption' | 'usualOrder'>,
): Promise<Offered | ReplyDraft<Vocabulary>> {
  const { t, services, now, locale } = context;
  const orders = services.orders;
  if (!orders || !turn.household) return { speech: t('order.notConnected') };
  const draft = await orders.draft({
    householdId: turn.household.id,
    brandId: BRAND_ID,
    ...(wanted.variety ? { variety: wanted.variety } : {}),
    ...(wanted.quantity ? { quantity: wanted.quantity } : {}),
    asked: true,
    locale,
    now,
    timeZone: turn.household.timeZone,
    ...known,
  });
  // Nothing said and nothing usual to go by: the household must say what to order.
  if (!draft) return { speech: wanted.variety ? t('reorder.unavailable') : t('reorder.needDetails') };
  const offered = await orders.offer({
    householdId: turn.household.id,
    skillId: turn.skillId,
    draft,
    asked: true,
    now,
  });
  if (offered.status === 'offered') return offered;
  if (offered.reason === 'noAddress') return { speech: t('reorder.needAddress') };
  if (offered.reason === 'addressAbroad') return { speech: t('reorder.addressAbroad') };
  return {
    speech: offered.reason === 'consumption' ? t('reorder.needConsumption') : t('order.notConnected'),
  };
}

export const reorder = defineIntent({
  slots: { variety: { type: 'Variety' }, quantity: { type: 'AMAZON.NUMBER' } },
  purposes: ['consumption', 'preferences'],
  handle: async (turn, context) => {
    const { t, consent, valueName } = context;
    const { documents, granted } = await consent.read(['consumption', 'preferences']);
    const usual = documents.preferences?.usualOrder;
    // The usual order is said even when none can be offered now: the household hears what it is.
    const usualSaid =
      usual && !turn.slots.variety
        ? t('reorder.usual', { capsules: usual.quantity, variety: valueName('Variety', usual.variety) })
        : undefined;
    const withUsual = (speech: string) => [usualSaid, speech].filter(Boolean).join(' ');
    // A proposal is made from the household's consumption: without it the pipeline asks for it.
    if (!granted.includes('consumption')) return { speech: withUsual(t('reorder.needConsumption')) };
    const variety = turn.slots.variety?.id ?? usual?.variety;
    const quantity = parseQuantity(turn.slots.quantity?.value) ?? usual?.quantity;
    const offered = await offerFor(
      turn,
      context,
      { variety, quantity },
      { consumption: documents.consumption, usualOrder: usual },
    );
    if (!('proposal' in offered)) return { ...offered, speech: withUsual(offered.speech) };
    const draft = proposalQuestion(turn, context, offered);
    return {
      ...draft,
      session: rememberSuggestion(
        draft.session ?? {},
        usual && !turn.slots.variety
          ? { key: responseKey('why.usualOrder'), purposes: ['preferences'] }
          : { key: responseKey('why.youAsked'), purposes: [] },
      ),
    };
  },
});

export const changeQuantity = defineIntent({
  slots: { quantity: { type: 'AMAZON.NUMBER', required: true, prompt: 'prompts.quantity' } },
  handle: async (turn, context) => {
    const { t, services } = context;
    const id = pendingProposal(turn.session);
    const proposal =
      id && turn.household ? await services.orders?.proposal(turn.household.id, id) : undefined;
    if (!proposal) return { speech: t('order.nothingPending'), session: withoutProposal(turn.session) };
    const quantity = parseQuantity(turn.slots.quantity.value);
    if (!quantity) return { speech: t('order.badQuantity'), reprompt: t('prompts.quantity') };
    // Variety and quantity are known: the quote needs no consumption (nor a read of it).
    const offered = await offerFor(turn, context, { variety: proposal.variety, quantity }, {});
    return 'proposal' in offered ? proposalQuestion(turn, context, offered) : offered;
  },
});

/** Places the order the session's proposal names; `voiceCode` as said, when asked for. */
async function placeOrder(turn: Turn, context: Context, voiceCode?: string): Promise<ReplyDraft<Vocabulary>> {
  const { t, services, now, locale, valueName } = context;
  const id = pendingProposal(turn.session);
  if (!id) return { speech: t('yesNo.noQuestion') };
  if (!services.orders) return { speech: t('order.notConnected') };
  // The proposal is a household's: a turn that could not read its household (a slow store) says
  // sorry and keeps the question, so that "yes" can be said again.
  if (!turn.household) return { speech: t('errors.apology'), question: 'confirmOrder' };
  const result = await services.orders.confirm({
    householdId: turn.household.id,
    proposalId: id,
    ...origin(turn),
    ...(voiceCode !== undefined ? { voiceCode } : {}),
    now,
  });
  const session = withoutProposal(turn.session);
  switch (result.status) {
    case 'placed': {
      const { order } = result;
      const values = {
        capsules: order.capsules,
        variety: valueName('Variety', order.variety),
        total: money(locale, order.totalMinor, order.currency),
        date: deliveryDay(locale, order.deliveryOn),
        until: deadline(locale, order.cancelUntil, turn.household.timeZone),
        days: order.withdrawal.days,
      };
      return {
        speech: t('order.placed', values),
        session,
        card: {
          title: t('order.cardTitle'),
          items: [{ id: order.id, title: values.variety, subtitle: `${values.total} · ${values.date}` }],
          actions: [{ id: 'cancel', label: t('suggestions.cancelOrder'), intent: 'CancelOrderIntent' }],
        },
      };
    }
    case 'alreadyPlaced':
      return { speech: t('order.alreadyPlaced'), session };
    case 'inProgress':
      return { speech: t('order.inProgress', { variety: valueName('Variety', result.variety) }), session };
    case 'expired':
      return { speech: t('order.expired'), session };
    case 'voiceCodeNeeded':
      return { speech: t('reorder.askVoiceCode'), reprompt: t('reorder.askVoiceCode') };
    case 'voiceCodeWrong':
      return { speech: t('order.voiceCodeWrong'), session };
    case 'noAddress':
      return { speech: t('order.noAddress'), session };
    case 'addressAbroad':
      return { speech: t('reorder.addressAbroad'), session };
    case 'addressChanged': {
      // Nothing ordered: the same terms to the new address, asked again.
      const { renewed, deliverTo, voiceCode: codeSet } = result;
      const offered: Offered = { status: 'offered', proposal: renewed, deliverTo, voiceCode: codeSet };
      return proposalQuestion({ ...turn, session }, context, offered, t('order.addressChanged'));
    }
    default:
      // Unknown, another household's, or gone: nothing is ordered, and the household hears so.
      return { speech: t('order.unknownProposal'), session };
  }
}

export const voiceCode = defineIntent({
  slots: { code: { type: 'AMAZON.NUMBER', required: true, prompt: 'reorder.askVoiceCode' } },
  handle: (turn, context) =>
    pendingProposal(turn.session)
      ? placeOrder(turn, context, turn.slots.code?.value)
      : { speech: context.t('order.nothingPending') },
});

export const cancelOrder = defineIntent({
  handle: async (turn, { t, services, now, locale, valueName }) => {
    if (pendingProposal(turn.session)) {
      return { speech: t('order.cancelledPending'), session: withoutProposal(turn.session) };
    }
    if (!services.orders || !turn.household) return { speech: t('order.nothingToCancel') };
    const result = await services.orders.cancel({
      householdId: turn.household.id,
      now,
      by: origin(turn).by,
    });
    if (result.status === 'notFound') return { speech: t('order.nothingToCancel') };
    const values = {
      capsules: result.order.capsules,
      variety: valueName('Variety', result.order.variety),
      total: money(locale, result.order.totalMinor, result.order.currency),
    };
    if (result.status === 'cancelled') return { speech: t('order.cancelled', values) };
    if (result.status === 'alreadyCancelled') return { speech: t('order.alreadyCancelled', values) };
    return { speech: t('order.tooLateToCancel', values) };
  },
});

/** "Shall I order …?": yes places the order the proposal names; no drops it. */
export const confirmOrder = defineQuestion({
  yes: (turn, context) => placeOrder(turn, context),
  no: async (turn, { t, services, now }) => {
    const proposalId = pendingProposal(turn.session);
    if (!proposalId) return { speech: t('yesNo.noQuestion') };
    if (turn.household) await services.orders?.decline({ householdId: turn.household.id, proposalId, now });
    return { speech: t('order.declined'), session: withoutProposal(turn.session) };
  },
});

/**
 * What hearth brings up on its own at the household's next interaction: orders it placed
 * without asking (`auto_reorder`), told once; and a reorder when the capsules domain says one
 * is due (`consumption` granted, and never against the household's objection to marketing,
 * which the orders service checks). A reorder that is due but cannot be offered for want of a
 * delivery address becomes a `hint` of where to set one.
 */
export async function unasked(
  turn: Turn,
  context: Context,
  consumption: ConsumptionDocument,
): Promise<{ told: string[]; offered?: Offered; lead?: string; hint?: string; low?: boolean }> {
  const { services, now, locale, t, valueName } = context;
  const orders = services.orders;
  if (!orders || !turn.household) return { told: [] };
  const householdId = turn.household.id;
  const timeZone = turn.household.timeZone;
  const placed = await orders.announce({ householdId, now });
  const told = placed.map((order) =>
    t('order.announced', {
      capsules: order.capsules,
      variety: valueName('Variety', order.variety),
      total: money(locale, order.totalMinor, order.currency),
      date: deliveryDay(locale, order.deliveryOn),
      until: deadline(locale, order.cancelUntil, timeZone),
    }),
  );
  const draft = await orders.draft({
    householdId,
    brandId: BRAND_ID,
    asked: false,
    locale,
    now,
    timeZone,
    consumption,
  });
  if (!draft) return { told };
  const offered = await orders.offer({
    householdId,
    skillId: turn.skillId,
    draft,
    asked: false,
    now,
    // Unasked, it is an offer: the daily cap and quiet hours apply, and the offer log says why.
    offerLog: {
      channel: turn.channel,
      locale,
      timeZone,
      title: responseKey('why.reorderTitle'),
      rule: responseKey('why.runningLow'),
    },
  });
  const lead = t('reorder.runningLow', {
    variety: valueName('Variety', draft.variety),
    left: draft.stockLeft,
  });
  // Running low with no address to deliver to: the household hears where to set one.
  if (offered.status === 'refused' && offered.reason === 'noAddress') {
    return { told, hint: `${lead} ${t('reorder.needAddress')}`, low: true };
  }
  if (offered.status === 'refused' && offered.reason === 'addressAbroad') {
    return { told, hint: `${lead} ${t('reorder.addressAbroad')}`, low: true };
  }
  // Below the reorder point whatever became of the proposal (refused, capped, quiet hours).
  if (offered.status !== 'offered') return { told, low: true };
  return { told, offered, lead, low: true };
}
