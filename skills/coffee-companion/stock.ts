/** Handlers for the capsule stock: how many are left, when they run out. */
import { joinList } from 'hearth/skill';
import { consumptionOf, runOutDate } from './context.js';
import { defineIntent } from './define.js';
import { proposalQuestion, unasked } from './order.js';

export const capsuleStock = defineIntent({
  purposes: ['consumption'],
  handle: async (turn, context) => {
    const { t, consent, valueName } = context;
    const { documents } = await consent.read(['consumption']);
    const consumption = consumptionOf(documents.consumption);
    if (!consumption) {
      return { speech: t('stock.noAccess'), suggestions: [t('suggestions.reorder')] };
    }
    // The machine's home card: orders placed without asking are told, a reorder that is due is offered.
    const news = await unasked(turn, context, consumption.document);
    const total = consumption.stock.reduce((sum, s) => sum + s.count, 0);
    const parts = consumption.stock
      .filter((s) => s.count > 0)
      .map((s) => t('stock.variety', { count: s.count, variety: valueName('Variety', s.variety) }));
    const stock = total ? t('stock.total', { count: total, details: joinList(t, parts) }) : t('stock.empty');
    const speech = [...news.told, stock, news.hint].filter(Boolean).join(' ');
    if (news.offered) return proposalQuestion(turn, context, news.offered, [speech, news.lead].join(' '));
    return {
      speech,
      // Below the reorder point: the brand's campaigns for it may come up.
      ...(news.low ? { offers: { events: [{ event: 'belowReorderPoint' }] } } : {}),
      card: {
        title: t('stock.cardTitle'),
        items: consumption.stock.map((s) => ({
          id: s.variety,
          title: valueName('Variety', s.variety),
          subtitle: t('stock.capsules', { count: s.count }),
        })),
        actions: [{ id: 'reorder', label: t('suggestions.reorder'), intent: 'ReorderIntent' }],
      },
    };
  },
});

export const runOut = defineIntent({
  purposes: ['consumption'],
  handle: async (turn, { t, consent, locale }) => {
    const timeZone = turn.household?.timeZone ?? 'UTC';
    const { documents } = await consent.read(['consumption']);
    const consumption = consumptionOf(documents.consumption);
    if (!consumption) return { speech: t('runOut.noAccess') };
    const date = runOutDate(consumption, turn.now, timeZone);
    if (!date) return { speech: t('runOut.unknown') };
    const days = Math.max(0, Math.round((date.getTime() - turn.now.getTime()) / 86_400_000));
    const formatted = new Intl.DateTimeFormat(locale, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      timeZone,
    }).format(date);
    return { speech: t('runOut.on', { count: days, date: formatted }) };
  },
});
