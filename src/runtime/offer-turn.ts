/**
 * An offer in a reply, in the skill's words: spoken after the answer (or instead of "no
 * deals right now" when the household asked for offers), said to be sponsored when it is,
 * and on screens a card item with its badge beside the answer and a "why this?" action.
 */
import type { ShownOffer } from './offer-port.js';
import type { Translate } from './skill-definition.js';
import type { ReplyDraft } from './turn.js';

/**
 * The reply with the offer in it; when it `asks`, the offer's question ends the speech (and is
 * the reprompt) and its action is on the card, so that a yes or a tap takes it up.
 */
export function withOffer(
  draft: ReplyDraft,
  offer: ShownOffer,
  t: Translate,
  { requested, asks }: { requested: boolean; asks: boolean },
): ReplyDraft {
  const values = { brand: t('brandName'), ...offer.values };
  const said = t(offer.speech, values);
  const offered = offer.sponsored ? t('offers.sponsored', { offer: said }) : said;
  const accept = asks ? offer.accept : undefined;
  const question = accept ? t(accept.question, values) : undefined;
  const spoken = question ? `${offered} ${question}` : offered;
  const speech = requested ? spoken : `${draft.speech} ${spoken}`;
  const text = draft.text !== undefined && !requested ? `${draft.text} ${spoken}` : speech;
  const item = {
    id: `offer:${offer.offerId}`,
    title: t(offer.title, values),
    ...(offer.subtitle ? { subtitle: t(offer.subtitle, values) } : {}),
    badges: [offer.sponsored ? t('offers.sponsoredBadge') : t('offers.offerBadge')],
  };
  const why = { id: 'why-offer', label: t('offers.why'), intent: 'WhyThisSuggestionIntent' as const };
  const take = accept
    ? [
        {
          id: 'accept-offer',
          label: t(accept.label, values),
          intent: accept.intent,
          slots: { ...accept.slots },
        },
      ]
    : [];
  const card = draft.card
    ? { ...draft.card, items: [...draft.card.items, item], actions: [...draft.card.actions, ...take, why] }
    : { title: t('offers.cardTitle'), items: [item], actions: [...take, why] };
  return { ...draft, speech, text, card, ...(question ? { reprompt: question } : {}) };
}
