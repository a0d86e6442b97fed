/**
 * "Any deals?": the household asks for offers, the one place a sponsored offer may be spoken
 * on Alexa (campaigns triggered by DealsIntent, such as `campaigns/weekly-deals.json`). Until
 * the offers engine answers here, there are none to tell.
 */
import { defineIntent } from './define.js';

export const deals = defineIntent({
  handle: (_turn, { t }) => ({ speech: t('deals.none') }),
});
