/**
 * "Any deals?": the household asks for offers, the one place a sponsored offer may be spoken
 * on Alexa (campaigns triggered by DealsIntent, such as `campaigns/weekly-deals.json`). The
 * offers engine decides; an offer it shows replaces this answer, which stands when there is none.
 */
import { defineIntent } from './define.js';

export const deals = defineIntent({
  handle: (_turn, { t }) => ({ speech: t('deals.none'), offers: { requested: true } }),
});
